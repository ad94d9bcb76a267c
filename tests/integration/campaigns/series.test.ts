import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type DeskApp } from '../../../electron/app';
import { runDueSchedules } from '../../../electron/campaigns/lifecycle';
import { invokeOk, sandboxBehaviour } from '../../helpers/app';
import { tempDir } from '../../helpers/db';
import { seedContacts } from '../../helpers/seed';
import type { Channel, InputOf } from '../../../shared/ipc/contract';

/** A clock the test moves by hand; the app reads it through core.now(). */
let nowMs = Date.parse('2026-12-02T19:00:00Z');
const clock = () => new Date(nowMs);
const setNow = (iso: string) => (nowMs = Date.parse(iso));

let dir: { dir: string; cleanup: () => void } | null = null;
let open: DeskApp | null = null;
async function openApp(): Promise<DeskApp> {
  dir ??= tempDir();
  open = await createApp({
    log: () => undefined,
    now: clock,
    dbPath: join(dir.dir, 'desk.sqlite'),
    dispatch: { pollMs: 20 },
  });
  sandboxBehaviour(open);
  return open;
}
afterEach(async () => {
  await open?.close();
  open = null;
  dir?.cleanup();
  dir = null;
  setNow('2026-12-02T19:00:00Z');
});

const ok = <C extends Channel>(app: DeskApp, channel: C, input: InputOf<C>) => invokeOk(app, channel, input);
const count = (app: DeskApp, sql: string, ...params: unknown[]) =>
  (app.db.prepare(sql).get(...params) as { n: number }).n;
// 13:00 in New York: inside quiet hours everywhere in the US, so every recipient is texted at once.
const DAILY_1PM = { rule: 'FREQ=DAILY', start: '2026-12-03T13:00' };

async function dailySeries(app: DeskApp, extra: Record<string, unknown> = {}) {
  const c = await ok(app, 'campaigns:create', {
    name: 'Daily deal',
    body: "Today's deal at Bloom. Reply STOP to opt out",
    audience: {},
    repeat: DAILY_1PM,
    ...extra,
  });
  await ok(app, 'campaigns:launch', { id: c.id });
  return c.id;
}

describe('recurring campaigns', () => {
  it('refuses a rule that never fires, a count of 0, an end before the start, an unknown zone — and saves nothing', async () => {
    const app = await openApp();
    const bad = async (repeat: Record<string, unknown>, message: RegExp) => {
      const r = await app.dispatchUntyped('campaigns:create', { name: 'X', body: 'Hi. Reply STOP to opt out', repeat });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message) } });
    };
    await bad({ rule: 'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4', start: '2026-12-03T10:00' }, /never fires/);
    await bad({ rule: 'FREQ=WEEKLY;COUNT=0', start: '2026-12-03T10:00' }, /COUNT must be between 1/);
    await bad({ rule: 'FREQ=WEEKLY;UNTIL=20261130', start: '2026-12-03T10:00' }, /before it starts/);
    await bad({ rule: 'FREQ=WEEKLY', start: '2026-12-03T10:00', zone: 'Eastern Time' }, /not a time zone name/);
    expect(count(app, 'SELECT COUNT(*) AS n FROM campaigns')).toBe(0);
    expect(count(app, 'SELECT COUNT(*) AS n FROM campaign_series')).toBe(0);
  });

  it('runs each occurrence as its own campaign under the series, and lists past runs and the next planned', async () => {
    const app = await openApp();
    seedContacts(app.db, 4);
    const id = await dailySeries(app);
    expect(await ok(app, 'series:get', { id })).toMatchObject({
      summary: 'Every day at 13:00',
      zone: 'America/New_York',
      nextAt: '2026-12-03T13:00:00-05:00',
    });
    setNow('2026-12-03T18:00:30Z');
    const [child] = await runDueSchedules(app);
    expect(child).toBeGreaterThan(id);
    expect(await runDueSchedules(app)).toEqual([]);
    expect(app.db.prepare('SELECT series_id, occurrence_at, status FROM campaigns WHERE id = ?').get(child)).toEqual({
      series_id: id,
      occurrence_at: '2026-12-03T18:00:00.000Z',
      status: 'sending',
    });
    expect(count(app, 'SELECT COUNT(*) AS n FROM outbox_messages WHERE campaign_id = ?', child)).toBe(4);
    await app.dispatcher.runUntilIdle();
    app.tick();
    const { occurrences } = await ok(app, 'series:occurrences', { id, count: 2 });
    expect(occurrences).toEqual([
      { at: '2026-12-03T13:00:00-05:00', status: 'completed', campaignId: child },
      { at: '2026-12-04T13:00:00-05:00', status: 'planned' },
      { at: '2026-12-05T13:00:00-05:00', status: 'planned' },
    ]);
    // The Campaigns list shows the series once; its runs are on the series page.
    const list = await ok(app, 'campaigns:list', { includeArchived: false });
    expect(list.map((r) => r.id)).toEqual([id]);
  });

  it('an occurrence missed while the app was closed runs at the next start within the grace period, once; beyond it is skipped and reported, never a burst', async () => {
    let app = await openApp();
    seedContacts(app.db, 3);
    const id = await dailySeries(app);
    await app.close();
    // Reopened 40 minutes after the 13:00 occurrence (grace: 60 minutes): it runs, once.
    setNow('2026-12-03T18:40:00Z');
    app = await openApp();
    expect(await runDueSchedules(app)).toHaveLength(1);
    expect(await runDueSchedules(app)).toHaveLength(0);
    await app.close();
    // Closed for three days: the 4th, 5th and 6th are missed; reopened at 15:30 on the 6th, 2.5 hours late.
    setNow('2026-12-06T20:30:00Z');
    app = await openApp();
    expect(await runDueSchedules(app)).toEqual([]);
    expect(count(app, 'SELECT COUNT(*) AS n FROM campaigns WHERE series_id = ?', id)).toBe(1);
    const { occurrences } = await ok(app, 'series:occurrences', { id, count: 1 });
    expect(occurrences.map((o) => `${o.at} ${o.status}`)).toEqual([
      '2026-12-03T13:00:00-05:00 sending',
      '2026-12-04T13:00:00-05:00 missed',
      '2026-12-05T13:00:00-05:00 missed',
      '2026-12-06T13:00:00-05:00 missed',
      '2026-12-07T13:00:00-05:00 planned',
    ]);
    expect(occurrences[1].reason).toMatch(/app was not running at 2026-12-04 13:00/);
    expect(await ok(app, 'campaigns:status', { id })).toMatchObject({
      lastError: expect.stringContaining('Skipped 3 occurrences missed while the app was closed'),
    });
    // The next one runs on time.
    setNow('2026-12-07T18:00:00Z');
    expect(await runDueSchedules(app)).toHaveLength(1);
  });

  it('never texts a contact twice within its min-days; skips contacts an earlier occurrence reached; opt-outs honoured', async () => {
    const app = await openApp();
    const ids = seedContacts(app.db, 5);
    const id = await dailySeries(app, { audience: { minDaysSinceContact: 3 } });
    const sent = new Map<number, number[]>();
    for (const day of ['03', '04', '05', '06', '07', '08', '09']) {
      setNow(`2026-12-${day}T18:00:00Z`);
      if (day === '04') seedContacts(app.db, 2, { start: 50 });
      if (day === '05') app.db.prepare('UPDATE contacts SET opted_out = 1 WHERE id = ?').run(ids[0]);
      await runDueSchedules(app);
      await app.dispatcher.runUntilIdle();
      app.tick();
      for (const r of app.db
        .prepare(
          `SELECT contact_id AS c, sent_at AS s FROM outbox_messages m JOIN campaigns k ON k.id = m.campaign_id WHERE k.series_id = ? AND m.sent_at IS NOT NULL`,
        )
        .all(id) as { c: number; s: string }[]) {
        sent.set(r.c, [...new Set([...(sent.get(r.c) ?? []), Date.parse(r.s)])]);
      }
    }
    for (const [, times] of sent) {
      const sorted = times.sort((a, b) => a - b);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(3 * 86_400_000);
    }
    // 5 on the 3rd, the 2 new ones on the 4th, 4 again on the 6th (the opted-out one never again), 2 on the 7th.
    expect(sent.get(ids[0])).toHaveLength(1);
    expect(sent.get(ids[1])).toHaveLength(3);
    const { occurrences } = await ok(app, 'series:occurrences', { id, count: 0 });
    expect(occurrences[2]).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('No one in this audience'),
    });
  });

  it('skipRecentDays leaves out contacts an earlier occurrence texted within N days', async () => {
    const app = await openApp();
    seedContacts(app.db, 3);
    const id = await dailySeries(app, { repeat: { ...DAILY_1PM, skipRecentDays: 2 } });
    const perDay: number[] = [];
    for (const day of ['03', '04', '05', '06']) {
      setNow(`2026-12-${day}T18:00:00Z`);
      const [child] = await runDueSchedules(app);
      perDay.push(child ? count(app, 'SELECT COUNT(*) AS n FROM outbox_messages WHERE campaign_id = ?', child) : 0);
    }
    expect(perDay).toEqual([3, 0, 3, 0]);
    expect(count(app, 'SELECT COUNT(*) AS n FROM series_occurrences WHERE series_id = ?', id)).toBe(4);
  });

  it('pauses, resumes (what passed while paused is skipped, not sent late), edits future occurrences only, and ends', async () => {
    const app = await openApp();
    seedContacts(app.db, 2);
    const id = await dailySeries(app);
    await ok(app, 'campaigns:pause', { id });
    setNow('2026-12-04T19:00:00Z');
    expect(await runDueSchedules(app)).toEqual([]);
    await ok(app, 'campaigns:resume', { id });
    const { occurrences } = await ok(app, 'series:occurrences', { id, count: 1 });
    expect(occurrences.map((o) => o.status)).toEqual(['skipped', 'skipped', 'planned']);
    // Every Tuesday at 09:30 from now on.
    await ok(app, 'campaigns:update', {
      id,
      draft: {
        name: 'Tuesday deal',
        body: 'Tuesday deal. Reply STOP to opt out',
        audience: {},
        repeat: { rule: 'FREQ=WEEKLY;BYDAY=TU', start: '2026-12-01T09:30' },
      },
    });
    expect(await ok(app, 'series:get', { id })).toMatchObject({
      summary: 'Every week on Tuesday at 09:30',
      nextAt: '2026-12-08T09:30:00-05:00',
    });
    expect(await ok(app, 'campaigns:get', { id })).toMatchObject({ status: 'scheduled', name: 'Tuesday deal' });
    await ok(app, 'campaigns:cancel', { id });
    setNow('2026-12-08T14:30:00Z');
    expect(await runDueSchedules(app)).toEqual([]);
    expect(await ok(app, 'series:occurrences', { id, count: 3 })).toEqual({
      occurrences: [expect.objectContaining({ status: 'skipped' }), expect.objectContaining({ status: 'skipped' })],
    });
  });
});
