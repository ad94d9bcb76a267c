import { describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { errorsByField } from '../../../renderer/src/components/campaigns/wizard-checks';
import { draftOf, emptyWizard } from '../../../renderer/src/components/campaigns/wizard-state';
import { useTempApp } from '../../helpers/app';
import { seedContacts } from '../../helpers/seed';
import type { Channel } from '../../../shared/ipc/contract';

let app: DeskApp;
useTempApp((a) => (app = a));

async function errorOf(channel: Channel, input: unknown): Promise<string> {
  const r = await app.dispatchUntyped(channel, input);
  if (r.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return r.error.message;
}

/** The wizard parses the core's real error messages: these tests fail if their shape changes. */
describe('wizard errors from the real core', () => {
  it('a validation error naming several fields lands on each of them', async () => {
    const message = await errorOf('campaigns:create', {
      name: '',
      body: 'Hi',
      schedule: { mode: 'at', at: 'next tuesday' },
      quietHours: { start: '10:00', end: '09:00', excludedDays: [] },
    });
    const fields = errorsByField(message);
    expect(Object.keys(fields).sort()).toEqual(['name', 'quietHours', 'schedule']);
    expect(fields.name).toMatch(/give the campaign a name/);
    expect(fields.quietHours).toMatch(/start before it ends/);
  });

  it('a campaign without a message is an error about the message', async () => {
    expect(Object.keys(errorsByField(await errorOf('campaigns:create', { name: 'Empty', body: '   ' })))).toEqual([
      'message',
    ]);
  });

  it('launching to an audience nobody can be texted in is an error about the audience', async () => {
    const [id] = seedContacts(app.db, 1, { tag: 'vip' });
    app.db.prepare('UPDATE contacts SET opted_out = 1 WHERE id = ?').run(id);
    const draft = draftOf(
      {
        ...emptyWizard('America/New_York', new Date()),
        name: 'Nobody',
        body: 'Hi. Reply STOP to opt out',
        tags: ['vip'],
      },
      'America/New_York',
    );
    const created = await app.dispatch('campaigns:create', draft);
    if (!created.ok) throw new Error(created.error.message);
    const fields = errorsByField(await errorOf('campaigns:launch', { id: (created.value as { id: number }).id }));
    expect(Object.keys(fields)).toEqual(['audience']);
    expect(fields.audience).toMatch(/1 opted out/);
  });
});
