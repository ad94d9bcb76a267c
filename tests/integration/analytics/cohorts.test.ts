import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortTable } from '../../../electron/analytics/cohorts';
import type { SqliteDb } from '../../../electron/db/connection';
import { tempDb } from '../../helpers/db';

const NOW = new Date('2026-12-15T12:00:00.000Z');
const MONTHS = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'];
let db: SqliteDb;
let cleanup: () => void;

beforeAll(async () => {
  ({ db, cleanup } = await tempDb());
  // One campaign per message a contact may get (a campaign texts a contact once).
  for (let i = 1; i <= 4; i++)
    db.prepare(
      `INSERT INTO campaigns (id, name, status, body, provider, created_at, updated_at) VALUES (?, ?, 'completed', 'Hi. Reply STOP to opt out', 'sandbox', '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z')`,
    ).run(i, `Campaign ${i}`);
});
afterAll(() => cleanup());

const contact = fc.record({
  joined: fc.nat(MONTHS.length - 1),
  joinDay: fc.integer({ min: 1, max: 28 }),
  importedOptedOut: fc.boolean(),
  // [month offset from joining, day, opted out?]
  consent: fc.array(fc.tuple(fc.integer({ min: -1, max: 6 }), fc.integer({ min: 1, max: 28 }), fc.boolean()), {
    maxLength: 3,
  }),
  // [month offset, day, kind]
  events: fc.array(
    fc.tuple(
      fc.nat(6),
      fc.integer({ min: 1, max: 28 }),
      fc.constantFrom('replied', 'clicked', 'opted_out', 'conversion'),
    ),
    { maxLength: 4 },
  ),
});

type ContactCase = typeof contact extends fc.Arbitrary<infer T> ? T : never;

const day = (month: string, offset: number, d: number) => {
  const [y, m] = month.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + offset, d, 10));
  return t.toISOString();
};

function brute(cs: Array<ContactCase & { phone: string }>, months: number) {
  const current = '2026-12';
  const cohorts = MONTHS.slice(-months);
  return cohorts.map((month) => {
    const mine = cs.filter((c) => MONTHS[c.joined] === month);
    const span = MONTHS.indexOf(current) - MONTHS.indexOf(month) + 1;
    const subscribed: Array<number | null> = [];
    const engaged: Array<number | null> = [];
    for (let k = 0; k < span; k++) {
      const end = k === span - 1 ? NOW.toISOString() : day(month, k + 1, 1).slice(0, 10) + 'T00:00:00.000Z';
      const start = day(month, k, 1).slice(0, 10);
      let out = 0;
      let active = 0;
      for (const c of mine) {
        const changes = c.consent
          .map(([o, d, optedOut], i) => ({ at: day(month, o, d), optedOut, i }))
          .filter((x) => x.at <= NOW.toISOString());
        changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.i - b.i));
        const before = changes.filter((x) => x.at < end);
        const optedOutNow = changes.length ? changes[changes.length - 1].optedOut : c.importedOptedOut;
        let isOut: boolean;
        if (!changes.length) isOut = optedOutNow;
        else if (before.length) isOut = before[before.length - 1].optedOut;
        else isOut = !changes[0].optedOut ? true : false;
        if (isOut) out++;
        const when = c.events.filter(([, , kind]) => kind !== 'opted_out').map(([o, d]) => day(month, o, d));
        if (when.some((w) => w.slice(0, 7) === start.slice(0, 7) && w <= NOW.toISOString())) active++;
      }
      subscribed.push(mine.length ? (mine.length - out) / mine.length : null);
      engaged.push(mine.length ? active / mine.length : null);
    }
    return { month, size: mine.length, subscribed, engaged };
  });
}

describe('cohorts', () => {
  it('equal a brute-force count of who was subscribed and who engaged, month by month', () => {
    let serial = 0;
    fc.assert(
      fc.property(fc.array(contact, { maxLength: 12 }), fc.integer({ min: 1, max: 7 }), (list, months) => {
        db.exec(
          'DELETE FROM conversions; DELETE FROM message_outcomes; DELETE FROM outbox_messages; DELETE FROM contacts;',
        );
        const cs = list.map((c) => ({ ...c, phone: `+1555${String(serial++).padStart(7, '0')}` }));
        for (const c of cs) {
          const joinedAt = day(MONTHS[c.joined], 0, c.joinDay);
          const changes = c.consent
            .map(([o, d, optedOut]) => ({ at: day(MONTHS[c.joined], o, d), optedOut }))
            .filter((x) => x.at <= NOW.toISOString());
          const sorted = [...changes].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
          const optedOut = sorted.length ? sorted[sorted.length - 1].optedOut : c.importedOptedOut;
          const id = Number(
            db
              .prepare('INSERT INTO contacts (phone, opted_out, created_at, updated_at) VALUES (?, ?, ?, ?)')
              .run(c.phone, optedOut ? 1 : 0, joinedAt, joinedAt).lastInsertRowid,
          );
          for (const x of changes)
            db.prepare(
              `INSERT INTO optout_audit (contact_id, phone, old_state, new_state, source, actor, at) VALUES (?, ?, ?, ?, 'manual', 'test', ?)`,
            ).run(id, c.phone, x.optedOut ? 'opted_in' : 'opted_out', x.optedOut ? 'opted_out' : 'opted_in', x.at);
          for (const [n, [o, d, kind]] of c.events.entries()) {
            const at = day(MONTHS[c.joined], o, d);
            if (at > NOW.toISOString()) continue;
            if (kind === 'conversion') {
              db.prepare(
                `INSERT INTO conversions (contact_id, source, source_id, actor, at, created_at) VALUES (?, 'manual', ?, 'test', ?, ?)`,
              ).run(id, `c${serial++}`, at, at);
              continue;
            }
            const outbox = Number(
              db
                .prepare(
                  `INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, body, provider, state, created_at, updated_at) VALUES (?, ?, 'campaign', ?, 'Hi', 'sandbox', 'delivered', ?, ?)`,
                )
                .run(n + 1, id, c.phone, at, at).lastInsertRowid,
            );
            db.prepare(
              `INSERT INTO message_outcomes (outbox_id, campaign_id, contact_id, kind, at, rule, click_days, delivery_hours) VALUES (?, ?, ?, ?, ?, 'delivery', 5, 24)`,
            ).run(outbox, n + 1, id, kind, at);
          }
        }
        expect(cohortTable(db, months, NOW).cohorts).toEqual(brute(cs, months));
      }),
      { numRuns: 50 },
    );
  });

  it('is a triangle: each cohort has one figure per month from its own to this one', () => {
    const t = cohortTable(db, 3, NOW);
    expect(t.cohorts.map((c) => [c.month, c.subscribed.length, c.engaged.length])).toEqual([
      ['2026-10', 3, 3],
      ['2026-11', 2, 2],
      ['2026-12', 1, 1],
    ]);
  });
});
