import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followTrackedLink } from '../../../electron/abtests/clicks';
import { abHarness, markDelivered, outbox, reply, type AbHarness } from '../abtests/helpers';
import { HOUR, T0, seedTagged } from './helpers';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const THANKS = 'https://bloom.example/thanks';

let h: AbHarness;
beforeEach(async () => {
  h = await abHarness();
});
afterEach(async () => {
  await h.close();
});

describe('conversions from every source, on an ordinary campaign', () => {
  it('a reply keyword, a thank-you page visit and a sale after a click (the 5-day click window) each count once, with their source', async () => {
    h.app.settings.set('webhooks.publicUrl', 'https://bloom.trycloudflare.com');
    h.app.settings.set('conversions.keywords', 'BOOKED');
    h.app.settings.set('conversions.thankYouUrl', THANKS);
    seedTagged(h, 4, 'regulars');
    const c = await h.ok('campaigns:create', {
      name: 'Colour week',
      body: `Colour week at {{business_name}}: ${THANKS} Reply STOP to opt out`,
      audience: { tags: ['regulars'] },
      trackLinks: true,
    });
    await h.ok('campaigns:launch', { id: c.id });
    const [ana, ben, chloe, dev] = outbox(h.app, c.id);
    markDelivered(h.app, [ana.id, ben.id, chloe.id, dev.id], T0);
    const code = (outboxId: number) =>
      (h.app.db.prepare('SELECT code FROM tracked_links WHERE outbox_id = ?').get(outboxId) as { code: string }).code;
    const visit = (outboxId: number) =>
      followTrackedLink(
        h.app.db,
        code(outboxId),
        { method: 'GET', userAgent: IPHONE, ip: '203.0.113.7' },
        () => new Date(h.now()),
      );

    h.at(T0 + HOUR);
    expect(visit(ana.id)).toBe(THANKS);
    expect(visit(ana.id)).toBe(THANKS); // the same visit twice is one conversion
    reply(h.app, ben.phone, 'Booked for Friday, thanks!', T0 + 2 * HOUR, 'IN1');
    visit(chloe.id);
    // Three days on: past the 24-hour delivery window, inside the 5-day window of Chloé's click; Dev never clicked.
    h.at(T0 + 72 * HOUR);
    expect((await h.ok('conversions:add', { phone: chloe.phone, amount: 40, note: 'colour and cut' })).campaignId).toBe(
      c.id,
    );
    expect((await h.ok('conversions:add', { phone: dev.phone, amount: 15 })).campaignId).toBeNull();

    const r = await h.ok('analytics:campaignResults', { campaignId: c.id });
    expect(r).toMatchObject({ delivered: 4, clicked: 2, replied: 1, converted: 3, revenue: 40 });
    expect(Object.fromEntries(r.conversionsBySource.map((s) => [s.source, s.count]))).toEqual({
      link: 2,
      keyword: 1,
      manual: 1,
    });
    const rows = h.app.db
      .prepare('SELECT contact_id AS contactId, source, rule FROM conversions ORDER BY contact_id, id')
      .all();
    expect(rows).toEqual([
      { contactId: ana.contactId, source: 'link', rule: 'direct' },
      { contactId: ben.contactId, source: 'keyword', rule: 'delivery' },
      { contactId: chloe.contactId, source: 'link', rule: 'direct' },
      { contactId: chloe.contactId, source: 'manual', rule: 'click' },
      { contactId: dev.contactId, source: 'manual', rule: null },
    ]);
  });
});
