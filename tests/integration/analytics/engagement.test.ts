import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertConversion, recordMessageOutcome } from '../../../electron/analytics/record';
import { bandCounts } from '../../../electron/analytics/engagement/bands';
import { recomputeAll } from '../../../electron/analytics/engagement/recompute';
import { rescoreQueued } from '../../../electron/analytics/engagement/scores';
import { ENGAGEMENT_BANDS } from '../../../shared/analytics/engagement';
import { abHarness, markDelivered, reply, type AbHarness } from '../abtests/helpers';
import { HOUR, T0, launchCampaign, seedTagged } from './helpers';

let h: AbHarness;
let messages: Array<{ id: number; contactId: number; campaignId: number; phone: string }> = [];
let contacts: number[] = [];
const DAY = 24 * HOUR;
const windows = { clickDays: 5, deliveryHours: 24 };

beforeAll(async () => {
  h = await abHarness();
  contacts = seedTagged(h, 6, 'regulars');
  for (const name of ['Autumn', 'Winter']) {
    const c = await launchCampaign(h, name, 'regulars');
    messages = messages.concat(
      c.messages.map((m) => ({ id: m.id, contactId: m.contactId, campaignId: c.id, phone: m.phone })),
    );
  }
});
afterAll(async () => {
  await h.close();
});

const stored = () =>
  h.app.db
    .prepare(
      'SELECT contact_id, score, band, replies, clicks, conversions, last_engaged_at, delivered, silent FROM contact_engagement ORDER BY contact_id',
    )
    .all();

describe('engagement scores as events arrive', () => {
  it('scores a reply when it arrives, explains it, and the bands follow the contacts list and segments', async () => {
    const first = messages.filter((m) => m.campaignId === messages[0].campaignId);
    markDelivered(
      h.app,
      first.map((m) => m.id),
      T0,
    );
    h.at(T0 + 2 * HOUR);
    reply(h.app, first[0].phone, 'Yes please, book me in', T0 + HOUR, 'in-1');
    const view = await h.ok('engagement:contact', { contactId: first[0].contactId });
    expect(view).toMatchObject({ band: 'engaged', replies: 1, delivered: 1, silent: 0 });
    expect(view.why.join(' ')).toMatch(/Last replied, clicked or bought today/);
    const other = await h.ok('engagement:contact', { contactId: first[1].contactId });
    expect(other).toMatchObject({ band: 'quiet', score: 28, silent: 1 });
    expect(other.why.join(' ')).toMatch(/Never replied, clicked or bought/);

    const bands = await h.ok('engagement:bands', {});
    expect(bands.bands).toMatchObject({ engaged: 1, quiet: 5, new: 0 });
    expect(bands.total).toBe(6);
    const engaged = await h.ok('contacts:list', { band: 'engaged' });
    expect(engaged.rows.map((r) => r.id)).toEqual([first[0].contactId]);
    const seg = await h.ok('segments:create', { name: 'Quiet ones', filter: { band: 'quiet' } });
    const count = await h.ok('segments:count', { filter: { segmentId: seg.id } });
    expect(count.matched).toBe(5);
  });

  it('an opt-out makes the contact Lost at once', async () => {
    const m = messages[2];
    await h.ok('contacts:optOut', { phone: m.phone });
    const view = await h.ok('engagement:contact', { contactId: m.contactId });
    expect(view).toMatchObject({ band: 'lost', score: 0 });
    const lost = await h.ok('contacts:list', { band: 'lost' });
    expect(lost.rows.map((r) => r.id)).toContain(m.contactId);
  });

  it('rescoring event by event always equals a full recompute, and the bands add up to the contacts', () => {
    const db = h.app.db;
    const event = fc.record({
      kind: fc.constantFrom('deliver', 'undeliver', 'reply', 'click', 'convert', 'optOut', 'optIn'),
      message: fc.nat(messages.length - 1),
      day: fc.nat(400),
    });
    let serial = 0;
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        db.exec(
          `DELETE FROM conversions; DELETE FROM message_outcomes; UPDATE outbox_messages SET state = 'queued', delivered_at = NULL WHERE kind = 'campaign'; UPDATE contacts SET opted_out = 0;`,
        );
        const now = new Date(T0 + 400 * DAY);
        for (const e of events) {
          const m = messages[e.message];
          const at = new Date(T0 + e.day * DAY).toISOString();
          const a = { outboxId: m.id, campaignId: m.campaignId, rule: 'delivery' as const };
          // A receipt moves a message only to another state (webhooks/process.ts drops one for the state it is in,
          // so a delivered message never gets a second delivery time).
          if (e.kind === 'deliver' || e.kind === 'undeliver')
            db.prepare('UPDATE outbox_messages SET state = ?, delivered_at = ? WHERE id = ? AND state IS NOT ?').run(
              e.kind === 'deliver' ? 'delivered' : 'failed',
              at,
              m.id,
              e.kind === 'deliver' ? 'delivered' : 'failed',
            );
          else if (e.kind === 'reply' || e.kind === 'click')
            recordMessageOutcome(db, a, {
              kind: e.kind === 'reply' ? 'replied' : 'clicked',
              contactId: m.contactId,
              at,
              windows,
              sourceRef: `p:${serial++}`,
            });
          else if (e.kind === 'convert')
            insertConversion(db, {
              contactId: m.contactId,
              source: 'manual',
              sourceId: `p:${serial++}`,
              amountMinor: 100,
              currency: 'USD',
              at,
              actor: 'test',
              attribution: a,
              windows,
              createdAt: at,
            });
          else
            db.prepare('UPDATE contacts SET opted_out = ? WHERE id = ?').run(e.kind === 'optOut' ? 1 : 0, m.contactId);
          if (e.day % 3 === 0) rescoreQueued(db, now, 2);
        }
        while (rescoreQueued(db, now, 2) > 0);
        const incremental = stored();
        recomputeAll(db, now);
        expect(stored()).toEqual(incremental);
        const counts = bandCounts(db);
        expect(Object.values(counts.bands).reduce((a, b) => a + b, 0)).toBe(counts.total);
        expect(counts.total).toBe(contacts.length);
      }),
      { numRuns: 60 },
    );
  });

  it('the full recompute on its worker thread gives the scores the events gave', async () => {
    h.at(T0 + 400 * DAY);
    const before = stored();
    const r = await h.ok('engagement:recompute', {});
    expect(r.contacts).toBe(contacts.length);
    expect(stored()).toEqual(before);
  });

  it('each band filter matches exactly the contacts its count says', async () => {
    const bands = await h.ok('engagement:bands', {});
    for (const band of ENGAGEMENT_BANDS) {
      const c = await h.ok('segments:count', { filter: { band } });
      expect(c.matched, band).toBe(bands.bands[band]);
    }
  });
});
