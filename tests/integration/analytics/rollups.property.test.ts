import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertConversion, recordMessageOutcome, removeOutcome } from '../../../electron/analytics/record';
import { abHarness, type AbHarness } from '../abtests/helpers';
import { T0, launchCampaign, rollupsAndRebuild, seedTagged } from './helpers';

let h: AbHarness;
let messages: Array<{ id: number; contactId: number; campaignId: number }> = [];
beforeAll(async () => {
  h = await abHarness();
  seedTagged(h, 4, 'regulars');
  for (const name of ['One', 'Two']) {
    const c = await launchCampaign(h, name, 'regulars');
    messages = messages.concat(c.messages.map((m) => ({ id: m.id, contactId: m.contactId, campaignId: c.id })));
  }
  // The roll-ups are per channel (migration 0032): some of the messages are e-mails and calls.
  h.app.db
    .prepare(`UPDATE outbox_messages SET channel = 'email' WHERE id IN (?, ?, ?)`)
    .run(messages[1].id, messages[2].id, messages[5].id);
  h.app.db
    .prepare(`UPDATE outbox_messages SET channel = 'voice' WHERE id IN (?, ?)`)
    .run(messages[3].id, messages[6].id);
});
afterAll(async () => {
  await h.close();
});

const DAY = 86_400_000;
const event = fc.record({
  kind: fc.constantFrom('send', 'deliver', 'fail', 'reply', 'stop', 'click', 'convert', 'unconvert', 'unreply'),
  message: fc.nat(7),
  day: fc.nat(3),
  cost: fc.nat(20_000),
  amount: fc.nat(5000),
  pick: fc.nat(50),
});

describe('daily roll-ups', () => {
  it('always equal a full recomputation, whatever events arrive in whatever order', () => {
    const windows = { clickDays: 5, deliveryHours: 24 };
    let serial = 0;
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const db = h.app.db;
        db.exec(
          `DELETE FROM conversions; DELETE FROM message_outcomes; UPDATE outbox_messages SET state = 'queued', sent_at = NULL, delivered_at = NULL, cost_micros = NULL WHERE kind = 'campaign';`,
        );
        db.exec('DELETE FROM campaign_daily');
        for (const e of events) {
          const m = messages[e.message];
          const at = new Date(T0 + e.day * DAY + e.pick * 60_000).toISOString();
          const a = { outboxId: m.id, campaignId: m.campaignId, rule: 'delivery' as const };
          if (e.kind === 'send')
            db.prepare(`UPDATE outbox_messages SET state = 'sent', sent_at = ?, cost_micros = ? WHERE id = ?`).run(
              at,
              e.cost,
              m.id,
            );
          else if (e.kind === 'deliver')
            db.prepare(
              `UPDATE outbox_messages SET state = 'delivered', delivered_at = ? WHERE id = ? AND sent_at IS NOT NULL`,
            ).run(at, m.id);
          else if (e.kind === 'fail')
            db.prepare(`UPDATE outbox_messages SET state = 'undelivered' WHERE id = ?`).run(m.id);
          else if (e.kind === 'reply')
            recordMessageOutcome(db, a, { kind: 'replied', contactId: m.contactId, at, windows, sourceRef: 'p' });
          else if (e.kind === 'unreply') removeOutcome(db, m.id, 'replied');
          else if (e.kind === 'stop') {
            if (recordMessageOutcome(db, a, { kind: 'opted_out', contactId: m.contactId, at, windows, sourceRef: 'p' }))
              removeOutcome(db, m.id, 'replied');
          } else if (e.kind === 'click')
            recordMessageOutcome(
              db,
              { ...a, rule: 'direct' },
              { kind: 'clicked', contactId: m.contactId, at, windows, sourceRef: 'p' },
            );
          else if (e.kind === 'convert')
            insertConversion(db, {
              contactId: m.contactId,
              source: 'manual',
              sourceId: `p${serial++}`,
              amountMinor: e.amount,
              currency: 'USD',
              at,
              actor: 'test',
              attribution: a,
              windows,
              createdAt: at,
            });
          else {
            const ids = db.prepare('SELECT id FROM conversions ORDER BY id').all() as Array<{ id: number }>;
            if (ids.length) db.prepare('DELETE FROM conversions WHERE id = ?').run(ids[e.pick % ids.length].id);
          }
        }
        const { kept, rebuilt } = rollupsAndRebuild(h.app);
        expect(kept).toEqual(rebuilt);
      }),
      { numRuns: 60 },
    );
  });
});
