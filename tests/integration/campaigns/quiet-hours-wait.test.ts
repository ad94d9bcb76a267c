import { describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { invokeOk, sandboxBehaviour, useTempApp } from '../../helpers/app';
import { daytimeClock } from '../../helpers/seed';
import type { Channel, InputOf } from '../../../shared/ipc/contract';

let app: DeskApp;
// 10:00 UTC on a December Wednesday: 05:00 in New York, 02:00 in Los Angeles, before anyone's window.
useTempApp(
  (a) => (app = a),
  () => ({ now: daytimeClock('2026-12-02T10:00:00Z'), dispatch: { pollMs: 20 } }),
);

const ok = <C extends Channel>(channel: C, input: InputOf<C>) => invokeOk(app, channel, input);

function addContacts(phones: string[]): void {
  const now = new Date().toISOString();
  const insert = app.db.prepare(
    `INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES (?, 'Ana', ?, ?)`,
  );
  for (const phone of phones) insert.run(phone, now, now);
}

describe('a campaign held by quiet hours says what it waits for', () => {
  it('groups the held messages by when their window opens, with the zone and the wall time there', async () => {
    sandboxBehaviour(app);
    addContacts(['+12125550101', '+12125550102', '+12125550103', '+14155550104', '+14155550105']);
    const c = await ok('campaigns:create', { name: 'Early', body: 'Open today! Reply STOP to opt out', audience: {} });
    await ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
    await app.dispatcher.runUntilIdle();
    const s = await ok('campaigns:status', { id: c.id });
    expect(s.counts).toMatchObject({ queued: 5, sent: 0, delivered: 0 });
    expect(s.quietHours).toEqual({
      waiting: 5,
      groups: [
        { at: '2026-12-02T13:00:00.000Z', count: 3, zone: 'America/New_York', localTime: '08:00' },
        { at: '2026-12-02T16:00:00.000Z', count: 2, zone: 'America/Los_Angeles', localTime: '08:00' },
      ],
    });
  });

  it('is null for a campaign that is not waiting', async () => {
    addContacts(['+12125550101']);
    const c = await ok('campaigns:create', { name: 'Draft', body: 'Hi. Reply STOP to opt out', audience: {} });
    expect((await ok('campaigns:status', { id: c.id })).quietHours).toBeNull();
  });
});
