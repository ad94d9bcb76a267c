import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { join } from 'node:path';
import { createApp, type DeskApp } from '../../../electron/app';
import { launchCampaign } from '../../../electron/campaigns/lifecycle';
import { AREA_CODES } from '../../../electron/campaigns/quiet-hours/area-codes';
import { changeConsent } from '../../../electron/compliance/consent';
import { tempDir } from '../../helpers/db';
import { sandboxBehaviour } from '../../helpers/app';

let app: DeskApp;
let cleanup: () => void;
let clock = new Date('2026-06-01T16:00:00Z');

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  app = await createApp({
    dbPath: join(t.dir, 'desk.sqlite'),
    now: () => clock,
    random: () => 0.99,
    log: () => undefined,
    dispatch: { pollMs: 5 },
  });
  sandboxBehaviour(app);
});
afterAll(async () => {
  await app.close();
  cleanup();
});

/** Starts each run with an empty list and outbox (campaigns and audit rows stay; they do not matter). */
function reset() {
  app.db.exec(
    `DELETE FROM outbox_messages; DELETE FROM sandbox_messages; DELETE FROM webhook_events; DELETE FROM contact_tags; DELETE FROM contacts; DELETE FROM tags;`,
  );
}

const usCodes = [...AREA_CODES.entries()].filter(([, info]) => info.country === 'US').map(([code]) => code);
const phoneArb = fc
  .tuple(fc.constantFrom(...usCodes), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }))
  .map(([a, ex, line]) => `+1${a}${ex}${String(line).padStart(4, '0')}`);
/** Instants across 2026–2027, biased towards the DST transition days and the edges of the window. */
const instantArb = fc.oneof(
  fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T23:59:59Z'), noInvalidDate: true }),
  fc
    .tuple(
      fc.constantFrom('2026-03-08', '2026-11-01', '2027-03-14', '2027-11-07'),
      fc.integer({ min: 0, max: 48 * 60 - 1 }),
    )
    .map(([d, m]) => new Date(Date.parse(`${d}T00:00:00Z`) + m * 60_000)),
);

async function campaignFor(body: string, audience: object = {}, quietHours?: object) {
  const c = app.db
    .prepare(
      `INSERT INTO campaigns (name, body, audience_json, provider, quiet_hours_json, created_at, updated_at) VALUES ('p', ?, ?, 'sandbox', ?, ?, ?)`,
    )
    .run(
      body,
      JSON.stringify(audience),
      quietHours ? JSON.stringify(quietHours) : null,
      clock.toISOString(),
      clock.toISOString(),
    );
  await launchCampaign(app, Number(c.lastInsertRowid));
  return Number(c.lastInsertRowid);
}

describe('dispatcher properties', () => {
  it('never sends outside 08:00–21:00 (and the owner’s narrower window) in any zone the number may be in, DST included', async () => {
    let totalSent = 0;
    let totalWaiting = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(phoneArb, { minLength: 1, maxLength: 8, selector: (p) => p }),
        instantArb,
        fc.constantFrom([8, 21], [10, 18], [9, 20]),
        async (phones, at, [start, end]) => {
          reset();
          clock = at;
          const now = clock.toISOString();
          for (const p of phones)
            app.db.prepare('INSERT INTO contacts (phone, created_at, updated_at) VALUES (?, ?, ?)').run(p, now, now);
          const policy = { start: `${String(start).padStart(2, '0')}:00`, end: `${end}:00`, excludedDays: [] };
          await campaignFor('Sale today. Reply STOP to opt out', {}, policy);
          await app.dispatcher.runUntilIdle(0);
          const sent = app.db.prepare(`SELECT to_phone FROM sandbox_messages`).all() as { to_phone: string }[];
          for (const { to_phone } of sent) {
            const zones = AREA_CODES.get(to_phone.slice(2, 5))!.zones;
            for (const zone of zones) {
              const local = DateTime.fromJSDate(at, { zone });
              const minutes = local.hour * 60 + local.minute;
              expect(minutes, `${to_phone} at ${local.toISO()}`).toBeGreaterThanOrEqual(start * 60);
              expect(minutes, `${to_phone} at ${local.toISO()}`).toBeLessThan(end * 60);
            }
          }
          // What was held back waits for a later time; nothing is dropped.
          const waiting = app.db
            .prepare(`SELECT next_attempt_at FROM outbox_messages WHERE state = 'queued'`)
            .all() as { next_attempt_at: string }[];
          for (const w of waiting) expect(Date.parse(w.next_attempt_at)).toBeGreaterThan(at.getTime());
          expect(sent.length + waiting.length).toBe(phones.length);
          totalSent += sent.length;
          totalWaiting += waiting.length;
        },
      ),
      { numRuns: 40 },
    );
    // Both sides of the rule were exercised.
    expect(totalSent).toBeGreaterThan(0);
    expect(totalWaiting).toBeGreaterThan(0);
  });

  it('never sends to a contact who opted out before that send started, whenever the opt-out lands', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 5, max: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 })), { maxLength: 12 }),
        async (n, optOuts) => {
          reset();
          clock = new Date('2026-06-03T18:00:00Z');
          const now = clock.toISOString();
          const phones = Array.from({ length: n }, (_, i) => `+1212555${String(1000 + i)}`);
          for (const p of phones)
            app.db.prepare('INSERT INTO contacts (phone, created_at, updated_at) VALUES (?, ?, ?)').run(p, now, now);
          await campaignFor('Hello! Reply STOP to opt out');
          const optedOutAt = new Map<string, number>();
          // Interleave: a few sends, then some opt-outs, then more sends…
          for (let round = 0; round < 6; round++) {
            for (const [who, when] of optOuts) {
              if (when !== round) continue;
              const phone = phones[who % n];
              if (optedOutAt.has(phone)) continue;
              changeConsent(app.db, { phone, optedOut: true, source: 'keyword', actor: 'test', at: now });
              optedOutAt.set(
                phone,
                (
                  app.db.prepare('SELECT COUNT(*) AS c FROM sandbox_messages WHERE to_phone = ?').get(phone) as {
                    c: number;
                  }
                ).c,
              );
            }
            app.dispatcher.tick();
            await new Promise((r) => setTimeout(r, 5));
          }
          await app.dispatcher.runUntilIdle(0);
          for (const [phone, countWhenOptedOut] of optedOutAt) {
            const after = (
              app.db.prepare('SELECT COUNT(*) AS c FROM sandbox_messages WHERE to_phone = ?').get(phone) as {
                c: number;
              }
            ).c;
            expect(after, phone).toBe(countWhenOptedOut);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('snapshots exactly the contacts the filter describes, minus opted-out, not-textable and invalid ones', async () => {
    const contactArb = fc.record({
      tags: fc.subarray(['vip', 'new', 'lapsed']),
      optedOut: fc.boolean(),
      textable: fc.boolean(),
      daysSinceContact: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
    });
    const filterArb = fc.record({
      tags: fc.option(fc.subarray(['vip', 'new', 'lapsed'], { minLength: 1 }), { nil: undefined }),
      tagMode: fc.constantFrom('any' as const, 'all' as const),
      excludeTags: fc.option(fc.subarray(['vip', 'new', 'lapsed'], { minLength: 1 }), { nil: undefined }),
      minDaysSinceContact: fc.option(fc.integer({ min: 1, max: 90 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(contactArb, { minLength: 1, maxLength: 25 }), filterArb, async (contacts, filter) => {
        reset();
        clock = new Date('2026-06-03T18:00:00Z');
        const now = clock.toISOString();
        for (const t of ['vip', 'new', 'lapsed'])
          app.db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?)').run(t, now);
        const expected = new Set<number>();
        contacts.forEach((c, i) => {
          const last =
            c.daysSinceContact === null
              ? null
              : new Date(clock.getTime() - c.daysSinceContact * 86_400_000).toISOString();
          const id = Number(
            app.db
              .prepare(
                'INSERT INTO contacts (phone, opted_out, textable, last_contacted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
              )
              .run(`+1415555${String(1000 + i)}`, c.optedOut ? 1 : 0, c.textable ? 1 : 0, last, now, now)
              .lastInsertRowid,
          );
          for (const t of c.tags)
            app.db
              .prepare('INSERT INTO contact_tags (contact_id, tag_id) SELECT ?, id FROM tags WHERE name = ?')
              .run(id, t);
          const hasTags =
            !filter.tags ||
            (filter.tagMode === 'all'
              ? filter.tags.every((t) => c.tags.includes(t))
              : filter.tags.some((t) => c.tags.includes(t)));
          const excluded = filter.excludeTags?.some((t) => c.tags.includes(t)) ?? false;
          const quietLongEnough =
            filter.minDaysSinceContact === undefined ||
            c.daysSinceContact === null ||
            c.daysSinceContact >= filter.minDaysSinceContact;
          if (hasTags && !excluded && quietLongEnough && !c.optedOut && c.textable) expected.add(id);
        });
        if (!expected.size) {
          await expect(campaignFor('Hi. Reply STOP to opt out', filter)).rejects.toThrow(/No one in this audience/);
          return;
        }
        const id = await campaignFor('Hi. Reply STOP to opt out', filter);
        const got = (
          app.db.prepare('SELECT contact_id FROM outbox_messages WHERE campaign_id = ?').all(id) as {
            contact_id: number;
          }[]
        ).map((r) => r.contact_id);
        expect(new Set(got)).toEqual(expected);
        expect(got.length).toBe(expected.size);
      }),
      { numRuns: 60 },
    );
  });
});
