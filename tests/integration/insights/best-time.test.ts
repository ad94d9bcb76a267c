import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { runDueSchedules } from '../../../electron/campaigns/lifecycle';
import type { DeskApp } from '../../../electron/app';
import { cli } from '../../helpers/cli';
import { invokeOk, useTempApp } from '../../helpers/app';
import { seedContacts, seedPhone } from '../../helpers/seed';
import { seedCampaignHistory, type SentText } from '../../helpers/sent-history';
import { seededRandom } from '../../fakes/faults';

let app: DeskApp;
let clock = Date.parse('2026-12-01T12:00:00Z');
useTempApp(
  (a) => (app = a),
  () => ({ now: () => new Date(clock) }),
);
beforeEach(() => {
  clock = Date.parse('2026-12-01T12:00:00Z');
});

/** The zone of each seeded area code, written here independently of the app's area-code table. */
const ZONE_OF_AREA: Record<string, string> = {
  '212': 'America/New_York',
  '415': 'America/Los_Angeles',
  '305': 'America/New_York',
  '512': 'America/Chicago',
  '312': 'America/Chicago',
  '206': 'America/Los_Angeles',
  '617': 'America/New_York',
  '404': 'America/New_York',
  '602': 'America/Phoenix',
  '303': 'America/Denver',
  '718': 'America/New_York',
  '213': 'America/Los_Angeles',
  '713': 'America/Chicago',
  '215': 'America/New_York',
  '702': 'America/Los_Angeles',
  '503': 'America/Los_Angeles',
  '612': 'America/Chicago',
  '919': 'America/New_York',
  '615': 'America/Chicago',
  '801': 'America/Denver',
};
const localHour = (phone: string, at: number) =>
  DateTime.fromMillis(at, { zone: ZONE_OF_AREA[phone.slice(2, 5)] }).hour;

/** Twenty area codes (four zones and Arizona), one text per contact per send, sends spread over a week of UTC hours. */
function seedWeek(
  contacts: number,
  sendHoursUtc: readonly number[],
  replies: (phone: string, at: number, rnd: () => number) => boolean,
): void {
  const ids = seedContacts(app.db, contacts, { nowIso: '2026-10-01T00:00:00Z' });
  const rnd = seededRandom(7);
  for (let day = 0; day < 7; day++) {
    for (const hour of sendHoursUtc) {
      const at = Date.UTC(2026, 10, 2 + day, hour, 5);
      const texts: SentText[] = ids.map((contactId, i) => {
        const phone = seedPhone(i);
        return { contactId, phone, at, replied: replies(phone, at, rnd) };
      });
      seedCampaignHistory(app.db, `Day ${day} ${hour}:05 UTC`, texts);
    }
  }
}

describe('best time to send', () => {
  it('finds the local hour at which replies come, across recipients in different zones', async () => {
    // Replies come only in the recipient's 6 PM hour (40 %); at any other hour almost never (1 %).
    seedWeek(
      100,
      [14, 16, 18, 20, 22, 0, 1, 2],
      (phone, at, rnd) => rnd() < (localHour(phone, at) === 18 ? 0.4 : 0.01),
    );
    const r = await invokeOk(app, 'insights:bestTime', {});
    expect(r.recommendation).not.toBeNull();
    expect(r.recommendation!.hour).toBe(18);
    expect(r.reason).toMatch(/stands out/);
    expect(r.cells).toHaveLength(168);
    const six = r.cells.filter((c) => c.hour === 18 && c.delivered > 0);
    expect(six.length).toBeGreaterThan(0);
    for (const c of six) expect(c.rate!).toBeGreaterThan(0.25);
    // Counts add up to every delivered text.
    expect(r.cells.reduce((s, c) => s + c.delivered, 0)).toBe(100 * 7 * 8);
  });

  it('says "not enough data yet", and what is needed, on a small uniform sample', async () => {
    seedWeek(12, [15, 19], (_p, _a, rnd) => rnd() < 0.1);
    const r = await invokeOk(app, 'insights:bestTime', {});
    expect(r.recommendation).toBeNull();
    expect(r.reason).toMatch(
      /^Not enough data yet: a recommendation needs at least 3 weekday-hours with 50 delivered texts each/,
    );
  });

  it('prints exactly the documented JSON shape', async () => {
    seedWeek(12, [15], () => false);
    const out = await cli(['--db', app.paths.dbPath, '--json', 'analytics', 'best-time']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as Record<string, unknown> & { cells: Record<string, unknown>[] };
    expect(Object.keys(json).sort()).toEqual(['cells', 'reason', 'recommendation']);
    expect(json.cells).toHaveLength(168);
    expect(Object.keys(json.cells[0]).sort()).toEqual(['delivered', 'hour', 'rate', 'replied', 'weekday']);
    expect(json.recommendation).toBeNull();
  });

  it('sends a "best hour" campaign at the recommended local hour, and at the chosen time when there is none', async () => {
    const launch = async (name: string) => {
      const c = await invokeOk(app, 'campaigns:create', {
        name,
        body: 'Hi {{first_name}}',
        schedule: { mode: 'recipient_local', date: '2026-12-03', time: '10:00', bestHour: true },
      });
      await invokeOk(app, 'campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
      // The day's first instant anywhere (UTC+14): the snapshot runs and each message waits for its hour.
      clock = Date.parse('2026-12-02T10:00:00Z');
      await runDueSchedules(app);
      clock = Date.parse('2026-12-01T12:00:00Z');
      return app.db
        .prepare(
          `SELECT to_phone AS phone, next_attempt_at AS at FROM outbox_messages WHERE campaign_id = ? ORDER BY contact_id LIMIT 3`,
        )
        .all(c.id) as { phone: string; at: string }[];
    };
    seedContacts(app.db, 3, { start: 1000, nowIso: '2026-10-01T00:00:00Z' });
    const fallback = await launch('No data yet');
    expect(fallback.length).toBe(3);
    for (const m of fallback)
      expect(DateTime.fromISO(m.at, { zone: ZONE_OF_AREA[m.phone.slice(2, 5)] }).toFormat('yyyy-MM-dd HH:mm')).toBe(
        '2026-12-03 10:00',
      );

    seedWeek(
      100,
      [14, 16, 18, 20, 22, 0, 1, 2],
      (phone, at, rnd) => rnd() < (localHour(phone, at) === 18 ? 0.4 : 0.01),
    );
    const best = await launch('Best hour');
    expect(best.length).toBe(3);
    for (const m of best)
      expect(DateTime.fromISO(m.at, { zone: ZONE_OF_AREA[m.phone.slice(2, 5)] }).toFormat('yyyy-MM-dd HH:mm')).toBe(
        '2026-12-03 18:00',
      );
  });
});
