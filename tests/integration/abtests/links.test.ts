import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { segmentsOf } from '../../../shared/templates';
import { seedContacts } from '../../helpers/seed';
import { T0, HOUR, abHarness, markDelivered, type AbHarness } from './helpers';
import { launchAbCampaign } from './scenario';

let h: AbHarness;
beforeEach(async () => {
  h = await abHarness();
});
afterEach(async () => {
  await h.close();
});

const PUBLIC = 'https://bloom.trycloudflare.com';
const SHOP = 'https://bloom.example/colour-week?utm_source=sms&utm_campaign=colour';
const PRICES = 'http://bloom.example/prices';
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

const links = (campaignId: number) =>
  h.app.db
    .prepare(
      `SELECT l.code, l.url, l.variant, l.contact_id AS contactId, l.outbox_id AS outboxId, m.body FROM tracked_links l JOIN outbox_messages m ON m.id = l.outbox_id WHERE l.campaign_id = ? ORDER BY l.id`,
    )
    .all(campaignId) as Array<{
    code: string;
    url: string;
    variant: string;
    contactId: number;
    outboxId: number;
    body: string;
  }>;

describe('tracked links at launch', () => {
  it('gives every recipient their own short link on the public relay URL, and counts segments on the text that is sent', async () => {
    h.app.settings.set('webhooks.publicUrl', `${PUBLIC}/`);
    const s = await launchAbCampaign(h, {
      contacts: 20,
      trackLinks: true,
      testPercent: 50,
      bodies: {
        A: `Colour week! Book: ${SHOP}. Prices (${PRICES}). Reply STOP to opt out`,
        B: `{{first_name|Hi}}, book colour week at ${SHOP} Reply STOP to opt out`,
      },
    });
    const rows = links(s.campaignId);
    const testMessages = s.test.A.length + s.test.B.length;
    expect(rows).toHaveLength(s.test.A.length * 2 + s.test.B.length);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.code).toMatch(/^[0-9A-Za-z]{8}$/);
      expect(r.body).toContain(`${PUBLIC}/l/${r.code}`);
      expect(r.body).not.toContain('bloom.example');
    }
    const a = s.test.A[0];
    const aLinks = rows.filter((r) => r.outboxId === a.id);
    expect(aLinks.map((r) => r.url)).toEqual([SHOP, PRICES]);
    expect(aLinks.every((r) => r.variant === 'A' && r.contactId === a.contactId)).toBe(true);
    const sent = h.app.db.prepare('SELECT body, segments FROM outbox_messages WHERE id = ?').get(a.id) as {
      body: string;
      segments: number;
    };
    // Sentence punctuation and brackets around a link stay outside it.
    expect(sent.body).toBe(
      `Colour week! Book: ${PUBLIC}/l/${aLinks[0].code}. Prices (${PUBLIC}/l/${aLinks[1].code}). Reply STOP to opt out`,
    );
    expect(sent.segments).toBe(segmentsOf(sent.body).segments);
    // Held-back contacts get their links when the winner is sent, not before.
    expect(new Set(rows.map((r) => r.outboxId)).size).toBe(testMessages);
    expect(h.app.db.prepare('SELECT track_links FROM campaigns WHERE id = ?').get(s.campaignId)).toEqual({
      track_links: 1,
    });
  });

  it('refuses to launch with tracking on and no public relay URL, saying what to set, and sends nothing', async () => {
    h.app.settings.set('links.trackByDefault', true);
    seedContacts(h.app.db, 5, { tag: 'vip' });
    const c = await h.ok('campaigns:create', {
      name: 'Sale',
      body: `Sale on now: ${SHOP} Reply STOP to opt out`,
      audience: { tags: ['vip'] },
    });
    const r = await h.app.dispatch('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('Set webhooks.publicUrl in Settings') },
    });
    expect(await h.ok('campaigns:status', { id: c.id })).toMatchObject({ status: 'draft', audience: 0 });
    // Turning tracking off for the campaign lets it go, with the link as written.
    await h.ok('campaigns:update', {
      id: c.id,
      draft: {
        name: 'Sale',
        body: `Sale on now: ${SHOP} Reply STOP to opt out`,
        audience: { tags: ['vip'] },
        trackLinks: false,
      },
    });
    await h.ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
    expect(h.app.db.prepare('SELECT DISTINCT body FROM outbox_messages WHERE campaign_id = ?').all(c.id)).toEqual([
      { body: `Sale on now: ${SHOP} Reply STOP to opt out` },
    ]);
  });

  it('refuses a click test whose campaign does not track links', async () => {
    seedContacts(h.app.db, 5, { tag: 'vip' });
    const c = await h.ok('campaigns:create', {
      name: 'Clicks',
      audience: { tags: ['vip'] },
      ab: {
        variants: [
          { name: 'A', body: `A ${SHOP}` },
          { name: 'B', body: `B ${SHOP}` },
        ],
        split: [50, 50],
        metric: 'clicked',
      },
      trackLinks: false,
    });
    expect(await h.app.dispatch('campaigns:launch', { id: c.id, acknowledge: 'test fixture' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('link tracking is off') },
    });
  });
});

describe('tracked links through the relay', () => {
  it('redirects with 302 to the exact original link, counts unique and total clicks, and ignores previews, HEAD and unknown codes', async () => {
    h.app.settings.set('webhooks.publicUrl', PUBLIC);
    const s = await launchAbCampaign(h, {
      contacts: 12,
      trackLinks: true,
      metric: 'clicked',
      bodies: { A: `Book now: ${SHOP} Reply STOP to opt out`, B: `Book colour week: ${SHOP} Reply STOP to opt out` },
    });
    markDelivered(
      h.app,
      s.rows.map((r) => r.id),
      T0,
    );
    const relay = await h.app.startRelay({ host: '127.0.0.1', port: 0 });
    const code = (outboxId: number) => links(s.campaignId).find((l) => l.outboxId === outboxId)!.code;
    const visit = (c: string, init: { method?: string; ua?: string | null } = {}) =>
      fetch(`${relay.url}/l/${c}`, {
        method: init.method ?? 'GET',
        redirect: 'manual',
        headers: init.ua === null ? { 'user-agent': '' } : { 'user-agent': init.ua ?? CHROME_ANDROID },
      });

    const a = code(s.test.A[0].id);
    h.at(T0 + HOUR);
    const first = await visit(a);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe(SHOP);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect((await visit(a)).status).toBe(302); // the same person taps again
    // Link previews and crawlers are redirected too, but never counted.
    for (const ua of [
      'facebookexternalhit/1.1 Facebot Twitterbot/1.0',
      'WhatsApp/2.23.20.0',
      'TelegramBot (like TwitterBot)',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    ]) {
      const bot = await visit(code(s.test.B[0].id), { ua });
      expect([bot.status, bot.headers.get('location')]).toEqual([302, SHOP]);
    }
    const head = await visit(code(s.test.B[1].id), { method: 'HEAD' });
    expect([head.status, head.headers.get('location')]).toEqual([302, SHOP]);
    expect((await visit(code(s.test.B[1].id), { ua: null })).status).toBe(302);
    expect((await visit(code(s.test.B[2].id))).status).toBe(302);

    const unknown = await visit('Zz9Zz9Zz');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('text/html');
    expect(await unknown.text()).toContain('This link does not work');
    expect((await visit('not-a-code')).status).toBe(404);
    expect((await fetch(`${relay.url}/l/${a}`, { method: 'POST', body: 'x' })).status).toBe(405);

    const stored = h.app.db
      .prepare('SELECT is_bot AS bot, COUNT(*) AS n FROM link_clicks GROUP BY is_bot ORDER BY is_bot')
      .all();
    expect(stored).toEqual([
      { bot: 0, n: 3 },
      { bot: 1, n: 7 },
    ]);
    expect(
      h.app.db
        .prepare('SELECT COUNT(*) AS n FROM link_clicks WHERE ip_hash IS NULL OR ip_hash LIKE ?')
        .get('%127.0.0.1%'),
    ).toEqual({ n: 0 });
    h.at(T0 + 100 * HOUR);
    const r = await h.report(s.campaignId);
    expect(r.variants.map((v) => [v.clicked, v.clicks])).toEqual([
      [1, 2],
      [1, 1],
    ]);
    expect(r.variants[0].successes).toBe(1);
  });
});
