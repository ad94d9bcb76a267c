import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abHarness, markDelivered, reply, type AbHarness } from '../abtests/helpers';
import { HOUR, T0, launchCampaign, rollupsAndRebuild, seedTagged } from './helpers';
import { DEFAULT_BACKOFF } from '../../../electron/campaigns/dispatch/backoff';
import { recordOutcome } from '../../../electron/campaigns/dispatch/record';
import { pricesForSend } from '../../../electron/analytics/spend';

let h: AbHarness;
beforeEach(async () => {
  h = await abHarness();
});
afterEach(async () => {
  await h.close();
});

const results = (campaignId: number) => h.ok('analytics:campaignResults', { campaignId });

describe('last-touch attribution', () => {
  it('gives a conversion to the latest campaign delivered inside the window, and none outside both windows', async () => {
    seedTagged(h, 3, 'regulars');
    const first = await launchCampaign(h, 'Autumn sale', 'regulars');
    markDelivered(
      h.app,
      first.messages.map((m) => m.id),
      T0,
    );
    const second = await launchCampaign(h, 'Last call', 'regulars');
    markDelivered(
      h.app,
      second.messages.map((m) => m.id),
      T0 + 6 * HOUR,
    );
    const [ana, ben] = first.messages;

    h.at(T0 + 10 * HOUR);
    const inside = await h.ok('conversions:add', { phone: ana.phone, amount: 42.5 });
    expect(inside).toMatchObject({ contactId: ana.contactId, campaignId: second.id });

    // 40 hours after the last delivery, no click: outside both 24-hour windows.
    h.at(T0 + 46 * HOUR);
    const outside = await h.ok('conversions:add', { phone: ben.phone, amount: 10 });
    expect(outside.campaignId).toBeNull();

    const r = await results(second.id);
    expect(r).toMatchObject({
      converted: 1,
      revenue: 42.5,
      currency: 'USD',
      windows: { clickDays: 5, deliveryHours: 24 },
    });
    expect((await results(first.id)).converted).toBe(0);
  });

  it('counts a reply then STOP as an opt-out only, and a plain reply as a reply', async () => {
    seedTagged(h, 2, 'regulars');
    const c = await launchCampaign(h, 'Colour week', 'regulars');
    markDelivered(
      h.app,
      c.messages.map((m) => m.id),
      T0,
    );
    const [ana, ben] = c.messages;
    h.at(T0 + HOUR);
    reply(h.app, ana.phone, 'What time do you open?', T0 + HOUR, 'IN1');
    reply(h.app, ana.phone, 'STOP', T0 + 2 * HOUR, 'IN2');
    reply(h.app, ben.phone, 'See you Saturday', T0 + HOUR, 'IN3');
    const r = await results(c.id);
    expect(r).toMatchObject({ sent: 2, delivered: 2, replied: 1, optedOut: 1 });
    expect(r.rates).toMatchObject({ reply: 0.5, optOut: 0.5, delivery: 1 });
    expect(r.optOutsBySource).toEqual([expect.objectContaining({ code: 'keyword', count: 1 })]);
    const { kept, rebuilt } = rollupsAndRebuild(h.app);
    expect(kept).toEqual(rebuilt);
  });

  it('keeps the roll-ups equal to a rebuild when a conversion is deleted (the recipient’s next one counts them)', async () => {
    seedTagged(h, 1, 'regulars');
    const c = await launchCampaign(h, 'Brunch', 'regulars');
    markDelivered(
      h.app,
      c.messages.map((m) => m.id),
      T0,
    );
    h.at(T0 + HOUR);
    const a = await h.ok('conversions:add', { phone: c.messages[0].phone, amount: 20 });
    h.at(T0 + 2 * HOUR);
    await h.ok('conversions:add', { phone: c.messages[0].phone, amount: 15 });
    expect(await results(c.id)).toMatchObject({ converted: 1, revenue: 35 });
    await h.ok('conversions:delete', { id: a.id });
    expect(await results(c.id)).toMatchObject({ converted: 1, revenue: 15 });
    const { kept, rebuilt } = rollupsAndRebuild(h.app);
    expect(kept).toEqual(rebuilt);
  });

  it('applies a change of the attribution windows to later outcomes only, and each keeps the windows it was given with', async () => {
    seedTagged(h, 2, 'regulars');
    const c = await launchCampaign(h, 'Brunch', 'regulars');
    markDelivered(
      h.app,
      c.messages.map((m) => m.id),
      T0,
    );
    const [ana, ben] = c.messages;
    h.at(T0 + 10 * HOUR);
    expect((await h.ok('conversions:add', { phone: ana.phone, amount: 20 })).campaignId).toBe(c.id);
    h.app.settings.set('attribution.deliveryHours', 6);
    expect((await h.ok('conversions:add', { phone: ben.phone, amount: 30 })).campaignId).toBeNull();
    expect(await results(c.id)).toMatchObject({
      converted: 1,
      revenue: 20,
      windows: { clickDays: 5, deliveryHours: 6 },
    });
    expect(h.app.db.prepare('SELECT amount_minor, delivery_hours, rule FROM conversions ORDER BY id').all()).toEqual([
      { amount_minor: 2000, delivery_hours: 24, rule: 'delivery' },
      { amount_minor: 3000, delivery_hours: null, rule: null },
    ]);
  });

  it('refuses a conversion for a phone that matches no contact', async () => {
    const r = await h.app.dispatch('conversions:add', { phone: '+12125550199', amount: 5 });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('+12125550199') },
    });
  });
});

describe('spend', () => {
  it('stores the price at hand-over, so a later price change does not rewrite what was spent', async () => {
    h.app.settings.set('pricing.sandboxPerSegment', 0.01);
    seedTagged(h, 4, 'regulars');
    const c = await launchCampaign(h, 'Spring', 'regulars');
    await h.app.dispatcher.runUntilIdle();
    const before = await results(c.id);
    expect(before.sent).toBe(4);
    expect(before.spend).toBeCloseTo(0.04, 10);
    h.app.settings.set('pricing.sandboxPerSegment', 0.05);
    h.advance(5000);
    expect((await results(c.id)).spend).toBeCloseTo(0.04, 10);
    expect(before.roi).toBe(-1);
  });

  it('keeps each message at the price of its own hand-over when the price changes mid-campaign, to a fraction of a cent', async () => {
    h.app.settings.set('pricing.sandboxPerSegment', 0.0079);
    seedTagged(h, 60, 'regulars');
    const c = await launchCampaign(h, 'Spring', 'regulars');
    // The dispatcher's own hand-over path (recordOutcome with the prices it reads), played message by message so the
    // price can change between the 30th and the 31st.
    const now = () => new Date(h.now());
    const deps = {
      db: h.app.db,
      now,
      random: () => 0,
      maxAttempts: 5,
      backoff: DEFAULT_BACKOFF,
      price: pricesForSend({ settings: h.app.settings, now }),
    };
    const items = h.app.db
      .prepare(`SELECT * FROM outbox_messages WHERE campaign_id = ? ORDER BY id`)
      .all(c.id) as Array<{ id: number; contact_id: number; to_phone: string }>;
    const handOver = (m: (typeof items)[number]) =>
      recordOutcome(
        deps,
        {
          id: m.id,
          campaignId: c.id,
          contactId: m.contact_id,
          kind: 'campaign',
          toPhone: m.to_phone,
          fromNumber: null,
          body: '',
          provider: 'sandbox',
          state: 'sending',
          attempts: 0,
          quietHoursJson: null,
          optedOut: null,
          expiresAt: null,
          channel: 'sms',
          toEmail: null,
          subject: null,
          htmlBody: null,
          voiceJson: null,
        },
        1,
        { ok: true, providerMessageId: `SB${m.id}`, status: 'sent' },
      );
    items.slice(0, 30).forEach(handOver);
    h.app.settings.set('pricing.sandboxPerSegment', 0.012);
    h.advance(2000);
    items.slice(30).forEach(handOver);
    const stored = h.app.db
      .prepare(
        `SELECT price_micros AS price, count(*) AS n FROM outbox_messages WHERE campaign_id = ? GROUP BY 1 ORDER BY 1`,
      )
      .all(c.id);
    expect(stored).toEqual([
      { price: 7900, n: 30 },
      { price: 12000, n: 30 },
    ]);
    // 30 × $0.0079 + 30 × $0.012 = $0.597 → $0.60 (never 60 × a rounded cent).
    expect((await results(c.id)).spend).toBe(0.6);
    h.app.settings.set('pricing.sandboxPerSegment', 0.05);
    h.advance(5000);
    expect((await results(c.id)).spend).toBe(0.6);
    const { kept, rebuilt } = rollupsAndRebuild(h.app);
    expect(kept).toEqual(rebuilt);
  });
});
