import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followTrackedLink } from '../../../electron/abtests/clicks';
import { wilsonInterval } from '../../../shared/abtests';
import { seedContacts } from '../../helpers/seed';
import { HOUR, T0, abHarness, markDelivered, outbox, reply, type AbHarness } from './helpers';
import { launchAbCampaign } from './scenario';

let h: AbHarness;
beforeEach(async () => {
  h = await abHarness();
});
afterEach(async () => {
  await h.close();
});

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const IMESSAGE_PREVIEW =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0';

const codeOf = (outboxId: number) =>
  (h.app.db.prepare('SELECT code FROM tracked_links WHERE outbox_id = ?').get(outboxId) as { code: string }).code;
const click = (outboxId: number, userAgent = IPHONE) =>
  followTrackedLink(
    h.app.db,
    codeOf(outboxId),
    { method: 'GET', userAgent, ip: '203.0.113.7' },
    () => new Date(h.now()),
  );

describe('A/B metrics per variant', () => {
  it('counts sent, delivered, failed, clicked, replied, opted out and converted per recipient, inside the attribution window', async () => {
    h.app.settings.set('webhooks.publicUrl', 'https://bloom.trycloudflare.com');
    h.app.settings.set('abtests.conversionKeywords', 'YES, book');
    const link = 'https://bloom.example/book?src=sms';
    const s = await launchAbCampaign(h, {
      contacts: 40,
      trackLinks: true,
      bodies: {
        A: `Hi {{first_name|there}}, colour week: ${link} Reply STOP to opt out`,
        B: `Colour week at {{business_name}}! ${link} Reply STOP to opt out`,
      },
    });
    const { A, B } = s.test;
    expect(A.length).toBeGreaterThanOrEqual(10);
    expect(B.length).toBeGreaterThanOrEqual(10);

    // Sent at T0: two of A's failed at the carrier, one of B's is still waiting in the queue.
    markDelivered(
      h.app,
      A.slice(2).map((r) => r.id),
      T0,
    );
    markDelivered(
      h.app,
      A.slice(0, 2).map((r) => r.id),
      T0,
      'failed',
    );
    markDelivered(
      h.app,
      B.slice(0, -1).map((r) => r.id),
      T0,
    );

    h.at(T0 + HOUR);
    reply(h.app, A[2].phone, 'Thanks!', T0 + HOUR, 'IN1');
    reply(h.app, A[2].phone, 'See you Saturday', T0 + HOUR + 60_000, 'IN2'); // the same recipient twice counts once
    reply(h.app, A[3].phone, 'What time do you open?', T0 + HOUR, 'IN3');
    reply(h.app, A[4].phone, 'Yes please!', T0 + HOUR, 'IN4'); // a reply and a keyword conversion
    reply(h.app, B[0].phone, 'Sounds good', T0 + HOUR, 'IN5');
    reply(h.app, B[1].phone, 'Book me in for Friday', T0 + HOUR, 'IN6');
    reply(h.app, B[2].phone, 'STOP', T0 + HOUR, 'IN7'); // an opt-out, not a reply

    // Clicks: A[3] twice (one recipient, two clicks) plus iMessage's preview fetch; B[0] and B[4] once each.
    expect(click(A[3].id)).toBe(link);
    expect(click(A[3].id)).toBe(link);
    expect(click(A[3].id, IMESSAGE_PREVIEW)).toBe(link);
    click(B[0].id);
    click(B[4].id);

    // The owner marks a sale by hand; marking the same recipient again changes nothing.
    const marked = await h.ok('abtests:markConversion', { outboxId: B[5].id });
    expect(marked).toMatchObject({ campaignId: s.campaignId, contactId: B[5].contactId, created: true });
    expect(await h.ok('abtests:markConversion', { contactId: B[5].contactId, campaignId: s.campaignId })).toMatchObject(
      { id: marked.id, created: false },
    );

    // A[6] got a later campaign and opted out after it: that opt-out belongs to the later campaign.
    h.app.db.prepare(`INSERT INTO tags (name, created_at) VALUES ('follow-up', ?)`).run(new Date(T0).toISOString());
    h.app.db
      .prepare(`INSERT INTO contact_tags (contact_id, tag_id) SELECT ?, id FROM tags WHERE name = 'follow-up'`)
      .run(A[6].contactId);
    const later = await h.ok('campaigns:create', {
      name: 'Follow-up',
      body: 'Last chance for colour week! Reply STOP to opt out',
      audience: { tags: ['follow-up'] },
    });
    await h.ok('campaigns:launch', { id: later.id, acknowledge: 'test fixture' });
    markDelivered(
      h.app,
      outbox(h.app, later.id).map((r) => r.id),
      T0 + 2 * HOUR,
    );
    h.at(T0 + 3 * HOUR);
    reply(h.app, A[6].phone, 'stop', T0 + 3 * HOUR, 'IN8');

    // Outside the 72-hour window: neither a reply nor a click counts.
    h.at(T0 + 80 * HOUR);
    reply(h.app, B[3].phone, 'Is this still on?', T0 + 80 * HOUR, 'IN9');
    click(B[3].id);

    h.at(T0 + 100 * HOUR);
    const r = await h.report(s.campaignId);
    const [a, b] = r.variants;
    expect(a).toMatchObject({
      name: 'A',
      ratio: 50,
      messages: A.length,
      sent: A.length,
      delivered: A.length - 2,
      failed: 2,
      pending: 0,
      replied: 3,
      clicked: 1,
      clicks: 2,
      optedOut: 0,
      converted: 1,
    });
    expect(b).toMatchObject({
      name: 'B',
      ratio: 50,
      messages: B.length,
      sent: B.length - 1,
      delivered: B.length - 1,
      failed: 0,
      pending: 1,
      replied: 2,
      clicked: 2,
      clicks: 2,
      optedOut: 1,
      converted: 2,
    });
    // Rates are replies per delivered message, with the Wilson interval at the configured confidence.
    expect(a).toMatchObject({ successes: 3, denominator: A.length - 2 });
    const expected = wilsonInterval(3, A.length - 2, 0.95);
    expect(a.rate).toBeCloseTo(expected.rate, 12);
    expect(a.interval).toEqual({ low: expected.low, high: expected.high });
    expect(r).toMatchObject({
      basis: 'delivered',
      basisNote: null,
      settledMessages: A.length - 2 + B.length - 1,
      metricNoun: 'replies',
    });
    expect(r.openedNote).toMatch(/^SMS has no "opened"/);
    const keyword = h.app.db
      .prepare(`SELECT contact_id AS contactId, keyword FROM conversions WHERE source = 'keyword' ORDER BY contact_id`)
      .all();
    expect(keyword).toEqual(
      [
        { contactId: A[4].contactId, keyword: 'yes' },
        { contactId: B[1].contactId, keyword: 'book' },
      ].sort((x, y) => x.contactId - y.contactId),
    );
  });

  it('falls back to sent messages, and says so, when the provider sends no delivery receipts', async () => {
    h.app.secrets.set('twilio.authToken', 'test-token');
    h.app.settings.set('twilio.accountSid', 'AC0123456789abcdef0123456789abcdef');
    h.app.settings.set('twilio.from', '+15550100001');
    seedContacts(h.app.db, 30, { tag: 'twilio' });
    const c = await h.ok('campaigns:create', {
      name: 'No receipts',
      provider: 'twilio',
      audience: { tags: ['twilio'] },
      ab: {
        variants: [
          { name: 'A', body: 'Hi! Reply STOP to opt out' },
          { name: 'B', body: 'Hello! Reply STOP to opt out' },
        ],
        split: [50, 50],
      },
    });
    await h.ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
    const rows = outbox(h.app, c.id);
    markDelivered(
      h.app,
      rows.map((m) => m.id),
      T0,
      'sent',
    );
    const r = await h.report(c.id);
    expect(r.basis).toBe('sent');
    expect(r.basisNote).toContain('No delivery receipt has arrived from Twilio');
    expect(r.variants.map((v) => v.denominator)).toEqual(r.variants.map((v) => v.sent));
    expect(r.variants.reduce((n, v) => n + v.sent, 0)).toBe(rows.length);
  });
});
