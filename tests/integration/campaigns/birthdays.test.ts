import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type DeskApp } from '../../../electron/app';
import { runDueSchedules } from '../../../electron/campaigns/lifecycle';
import { invokeOk, sandboxBehaviour } from '../../helpers/app';
import { tempDir } from '../../helpers/db';
import { seedContacts } from '../../helpers/seed';

let nowMs = 0;
const setNow = (iso: string) => (nowMs = Date.parse(iso));
let app: DeskApp;
let cleanup = () => {};
beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  setNow('2027-02-01T12:00:00Z');
  app = await createApp({
    log: () => undefined,
    now: () => new Date(nowMs),
    dbPath: join(t.dir, 'desk.sqlite'),
    dispatch: { pollMs: 20 },
  });
  sandboxBehaviour(app);
});
afterEach(async () => {
  await app.close();
  cleanup();
});

/** A date-typed contact field holding each contact's birthday (as an import of a "Birthday" column stores it). */
function birthdays(values: Record<number, string>): void {
  const field = app.db
    .prepare(`INSERT INTO custom_fields (key, label, created_at, type) VALUES ('birthday', 'Birthday', 'x', 'date')`)
    .run().lastInsertRowid;
  for (const [contact, value] of Object.entries(values))
    app.db
      .prepare('INSERT INTO contact_field_values (contact_id, field_id, value) VALUES (?, ?, ?)')
      .run(Number(contact), field, value);
}

const texted = (day: string) =>
  (
    app.db
      .prepare(
        `SELECT m.contact_id AS c FROM outbox_messages m JOIN campaigns k ON k.id = m.campaign_id WHERE k.occurrence_at LIKE ? ORDER BY 1`,
      )
      .all(`${day}%`) as { c: number }[]
  ).map((r) => r.c);

describe('birthday campaigns', () => {
  it('texts each contact on their birthday at the chosen time, Feb 29 birthdays on Feb 28 in common years, once a year', async () => {
    const [ana, ben, cy] = seedContacts(app.db, 3);
    birthdays({ [ana]: '1990-02-28', [ben]: '1988-02-29', [cy]: '1975-03-01' });
    const c = await invokeOk(app, 'campaigns:create', {
      name: 'Birthday treat',
      body: 'Happy birthday from Bloom! Reply STOP to opt out',
      dateField: { fieldKey: 'birthday', time: '13:00', startDate: '2027-02-27' },
    });
    await invokeOk(app, 'campaigns:launch', { id: c.id });
    for (const day of ['2027-02-27', '2027-02-28', '2027-03-01', '2027-03-02']) {
      setNow(`${day}T18:00:00Z`);
      await runDueSchedules(app);
    }
    expect(texted('2027-02-27')).toEqual([]);
    // 2027 is a common year: the 29 February birthday is celebrated on the 28th with the 28th's.
    expect(texted('2027-02-28')).toEqual([ana, ben]);
    expect(texted('2027-03-01')).toEqual([cy]);
    // In a leap year the 29th is its own day.
    await invokeOk(app, 'campaigns:pause', { id: c.id });
    setNow('2028-02-27T19:00:00Z');
    await invokeOk(app, 'campaigns:resume', { id: c.id });
    for (const day of ['2028-02-28', '2028-02-29']) {
      setNow(`${day}T18:00:00Z`);
      await runDueSchedules(app);
    }
    expect(texted('2028-02-28')).toEqual([ana]);
    expect(texted('2028-02-29')).toEqual([ben]);
  });

  it('sends N days before, and never twice to one contact in a year even when the series is edited', async () => {
    const [ana] = seedContacts(app.db, 1);
    birthdays({ [ana]: '1990-02-10' });
    const draft = {
      name: 'Anniversary',
      body: 'Your anniversary is coming: 10% off. Reply STOP to opt out',
      dateField: { fieldKey: 'birthday', time: '13:00', daysBefore: 3, startDate: '2027-02-05' },
    };
    const c = await invokeOk(app, 'campaigns:create', draft);
    await invokeOk(app, 'campaigns:launch', { id: c.id });
    setNow('2027-02-07T18:00:00Z');
    await runDueSchedules(app);
    expect(texted('2027-02-07')).toEqual([ana]);
    // Moved to "on the day": the 10th would match again, but she has had this year's text.
    await invokeOk(app, 'campaigns:update', {
      id: c.id,
      draft: { ...draft, dateField: { ...draft.dateField, daysBefore: 0 } },
    });
    setNow('2027-02-10T18:00:00Z');
    await runDueSchedules(app);
    expect(texted('2027-02-10')).toEqual([]);
  });

  it('refuses a text field or a missing field, saving nothing', async () => {
    app.db.prepare(`INSERT INTO custom_fields (key, label, created_at) VALUES ('city', 'City', 'x')`).run();
    const make = (fieldKey: string) =>
      app.dispatch('campaigns:create', {
        name: 'B',
        body: 'Hi. Reply STOP to opt out',
        dateField: { fieldKey, time: '10:00', startDate: '2027-02-05' },
      });
    expect(await make('city')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('holds text, not dates') },
    });
    expect(await make('nope')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM campaigns').get()).toEqual({ n: 0 });
  });
});
