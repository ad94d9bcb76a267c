import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertConversion } from '../../../electron/analytics/record';
import { rebuildAll } from '../../../electron/analytics/rebuild';
import { conversionsBySource } from '../../../electron/analytics/results';
import { CONVERSION_SOURCES } from '../../../shared/analytics';
import { abHarness, type AbHarness } from '../abtests/helpers';
import { T0, launchCampaign, seedTagged } from './helpers';

let h: AbHarness;
let messages: Array<{ id: number; contactId: number; campaignId: number }> = [];
beforeAll(async () => {
  h = await abHarness();
  seedTagged(h, 3, 'regulars');
  for (const name of ['One', 'Two']) {
    const c = await launchCampaign(h, name, 'regulars');
    messages = messages.concat(c.messages.map((m) => ({ id: m.id, contactId: m.contactId, campaignId: c.id })));
  }
});
afterAll(async () => {
  await h.close();
});

const DAY = 86_400_000;
const event = fc.record({
  kind: fc.constantFrom('add', 'addUnattributed', 'move', 'reprice', 'resource', 'detach', 'attach', 'remove'),
  message: fc.nat(5),
  day: fc.nat(4),
  amount: fc.nat(9000),
  source: fc.constantFrom(...CONVERSION_SOURCES),
  pick: fc.nat(50),
});

type Row = { day: string; source: string; conversions: number; revenue_minor: number };
/** The roll-up as the triggers left it (rows of zeros left out), and the same sums counted from the conversions. */
function keptAndRecounted(): { kept: Row[]; recounted: Row[] } {
  const db = h.app.db;
  const kept = db
    .prepare(
      'SELECT day, source, conversions, revenue_minor FROM conversion_source_daily WHERE conversions != 0 OR revenue_minor != 0 ORDER BY day, source',
    )
    .all() as Row[];
  const recounted = db
    .prepare(
      `SELECT substr(at, 1, 10) AS day, source, COUNT(*) AS conversions, SUM(amount_minor) AS revenue_minor
       FROM conversions WHERE campaign_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all() as Row[];
  return { kept, recounted };
}

describe('attributed conversions per day and source (migration 0025)', () => {
  it('equal a recount after any inserts, updates and deletes, and after a rebuild; the dashboard reads them', () => {
    const windows = { clickDays: 5, deliveryHours: 24 };
    const db = h.app.db;
    let serial = 0;
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        db.exec('DELETE FROM conversions');
        for (const e of events) {
          const m = messages[e.message];
          const at = new Date(T0 + e.day * DAY + e.pick * 60_000).toISOString();
          const ids = (db.prepare('SELECT id FROM conversions ORDER BY id').pluck().all() as number[]) ?? [];
          const target = ids.length ? ids[e.pick % ids.length] : null;
          const change = (sql: string, ...args: Array<string | number>) => {
            if (target !== null) db.prepare(sql).run(...args, target);
          };
          if (e.kind === 'add' || e.kind === 'addUnattributed')
            insertConversion(db, {
              contactId: m.contactId,
              source: e.source,
              sourceId: `s${serial++}`,
              amountMinor: e.amount,
              currency: 'USD',
              at,
              actor: 'test',
              attribution:
                e.kind === 'add' ? { outboxId: m.id, campaignId: m.campaignId, rule: 'delivery' as const } : null,
              windows,
              createdAt: at,
            });
          else if (e.kind === 'move') change('UPDATE conversions SET at = ? WHERE id = ?', at);
          else if (e.kind === 'reprice') change('UPDATE conversions SET amount_minor = ? WHERE id = ?', e.amount);
          else if (e.kind === 'resource') change('UPDATE conversions SET source = ? WHERE id = ?', e.source);
          else if (e.kind === 'detach')
            change('UPDATE conversions SET campaign_id = NULL, outbox_id = NULL WHERE id = ?');
          else if (e.kind === 'attach')
            change('UPDATE conversions SET campaign_id = ?, outbox_id = ? WHERE id = ?', m.campaignId, m.id);
          else change('DELETE FROM conversions WHERE id = ?');
        }
        const before = keptAndRecounted();
        expect(before.kept).toEqual(before.recounted);
        rebuildAll(db);
        const after = keptAndRecounted();
        expect(after.kept).toEqual(after.recounted);

        const fromDay = new Date(T0).toISOString().slice(0, 10);
        const toDay = new Date(T0 + 3 * DAY).toISOString().slice(0, 10);
        const bySource = new Map<string, { count: number; revenueMinor: number }>();
        for (const r of after.recounted.filter((r) => r.day >= fromDay && r.day < toDay)) {
          const s = bySource.get(r.source) ?? { count: 0, revenueMinor: 0 };
          bySource.set(r.source, { count: s.count + r.conversions, revenueMinor: s.revenueMinor + r.revenue_minor });
        }
        const shown = conversionsBySource(db, { fromDay, toDay });
        expect(
          Object.fromEntries(shown.map((s) => [s.source, { count: s.count, revenueMinor: s.revenueMinor }])),
        ).toEqual(Object.fromEntries(bySource));
      }),
      { numRuns: 60 },
    );
  });
});
