import { describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { insertEmailCampaign } from '../../helpers/email-outbox';
import { usePostmarkApp } from '../../helpers/postmark-app';
import { postmarkWebhook, type FakePostmark } from '../../fakes/postmark';

const postmarkApp = usePostmarkApp();
let postmark: FakePostmark | undefined;

async function setUp() {
  const started = await postmarkApp.setUp();
  postmark = started.postmark;
  return started.app;
}

const rows = (a: DeskApp, campaignId: number) =>
  a.db
    .prepare(
      `SELECT id, contact_id AS contactId, to_email AS email, state, error_code AS code, attempts, provider_message_id AS messageId
       FROM outbox_messages WHERE campaign_id = ? ORDER BY id`,
    )
    .all(campaignId) as Array<{
    id: number;
    contactId: number;
    email: string;
    state: string;
    code: string | null;
    attempts: number;
    messageId: string | null;
  }>;

describe('e-mail through Postmark (a fake following the documented API)', () => {
  it('sends each e-mail once with its stream and unsubscribe headers; 422/406 fails for good, 500 is retried', async () => {
    const a = await setUp();
    const { campaignId } = insertEmailCampaign(a.db, 4, { provider: 'postmark', nowIso: a.now().toISOString() });
    postmark!.inactive.add(`customer1.c${campaignId}@example.test`);
    postmark!.faults.next({ kind: 'server_error', status: 500 }, 1, 'send');
    await a.dispatcher.runUntilIdle(3000);

    const [first, inactive, third, fourth] = rows(a, campaignId);
    expect(inactive).toMatchObject({ state: 'failed', code: 'postmark_406' });
    for (const r of [first, third, fourth]) expect(r.state).toBe('sent');
    expect([first, third, fourth].reduce((n, r) => n + r.attempts, 0)).toBe(4);
    expect(postmark!.sent).toHaveLength(3);
    for (const m of postmark!.sent) {
      expect(m.From).toBe('Corner Shop <shop@cornershop.test>');
      expect(m.MessageStream).toBe('broadcast');
      expect(m.HtmlBody).toContain('<p>');
      expect(m.TextBody).toContain('spring sale');
      const names = Object.fromEntries(m.Headers.map((h) => [h.Name, h.Value]));
      expect(names['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(names['List-Unsubscribe']).toMatch(/^<https:\/\/desk\.example\.test\/u\/[\w.-]+>, <mailto:/);
      expect(rows(a, campaignId).find((r) => r.email === m.To)?.messageId).toBe(m.MessageID);
    }
  });

  it('a wrong server token fails the e-mail with the setting named (401)', async () => {
    const a = await setUp();
    a.secrets.set('postmark.serverToken', 'not-the-token');
    const { campaignId } = insertEmailCampaign(a.db, 1, { provider: 'postmark', nowIso: a.now().toISOString() });
    await a.dispatcher.runUntilIdle(1000);
    const [r] = rows(a, campaignId);
    expect(r).toMatchObject({ state: 'failed', code: 'postmark_10' });
    const message = a.db.prepare('SELECT error_message AS m FROM outbox_messages WHERE id = ?').get(r.id);
    expect(String((message as { m: string }).m)).toContain('postmark.serverToken');
  });
});

describe('Postmark webhooks through the relay (Basic credentials in the URL)', () => {
  async function sent(a: DeskApp, n: number) {
    const { campaignId } = insertEmailCampaign(a.db, n, { provider: 'postmark', nowIso: a.now().toISOString() });
    await a.dispatcher.runUntilIdle(3000);
    return { campaignId, sent: rows(a, campaignId) };
  }
  const post = (url: string, body: unknown, auth?: string) =>
    fetch(`${url}/webhooks/postmark`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify(body),
    });
  const basic = (password: string) => `Basic ${Buffer.from(`postmark:${password}`).toString('base64')}`;
  const stored = (a: DeskApp) =>
    (a.db.prepare(`SELECT COUNT(*) AS n FROM webhook_events WHERE provider = 'postmark'`).get() as { n: number }).n;
  const contact = (a: DeskApp, id: number) =>
    a.db
      .prepare('SELECT email_opted_out AS optedOut, email_suppressed AS suppressed FROM contacts WHERE id = ?')
      .get(id);

  it('refuses missing or wrong credentials with 401 and stores nothing', async () => {
    const a = await setUp();
    a.secrets.set('postmark.webhookPassword', 'correct-horse');
    const relay = await a.startRelay({ port: 0 });
    const {
      campaignId,
      sent: [m],
    } = await sent(a, 1);
    const body = postmarkWebhook.delivery(m.messageId!, m.email);
    for (const auth of [undefined, basic('wrong'), basic('correct-hors'), 'Bearer correct-horse']) {
      const res = await post(relay.url, body, auth);
      expect(res.status).toBe(401);
    }
    expect(stored(a)).toBe(0);
    a.tick();
    expect(rows(a, campaignId)[0].state).toBe('sent');
  });

  it('delivery, hard and soft bounce, complaint and unsubscribe update the e-mail and the contact, once each', async () => {
    const a = await setUp();
    a.secrets.set('postmark.webhookPassword', 'correct-horse');
    const relay = await a.startRelay({ port: 0 });
    const {
      campaignId,
      sent: [delivered, hard, soft, complained, unsubscribed],
    } = await sent(a, 5);
    const auth = basic('correct-horse');
    const bodies = [
      postmarkWebhook.delivery(delivered.messageId!, delivered.email),
      postmarkWebhook.bounce(11, hard.messageId!, hard.email, 'HardBounce'),
      postmarkWebhook.bounce(12, soft.messageId!, soft.email, 'SoftBounce'),
      postmarkWebhook.delivery(complained.messageId!, complained.email),
      postmarkWebhook.complaint(13, complained.messageId!, complained.email),
      postmarkWebhook.subscriptionChange(unsubscribed.messageId!, unsubscribed.email, true),
    ];
    for (const body of bodies) expect((await post(relay.url, body, auth)).status).toBe(200);
    // Postmark retries: a redelivery is acknowledged and changes nothing.
    const again = await post(relay.url, bodies[1], auth);
    expect(await again.json()).toMatchObject({ ok: true, stored: 0, duplicates: 2 });
    a.tick();

    const byId = new Map(rows(a, campaignId).map((r) => [r.id, r]));
    expect(byId.get(delivered.id)!.state).toBe('delivered');
    expect(byId.get(hard.id)!.state).toBe('failed');
    expect(byId.get(soft.id)!.state).toBe('undelivered');
    expect(byId.get(complained.id)!.state).toBe('delivered');
    expect(contact(a, delivered.contactId)).toEqual({ optedOut: 0, suppressed: null });
    expect(contact(a, hard.contactId)).toMatchObject({ suppressed: 'hard_bounce' });
    expect(contact(a, soft.contactId)).toEqual({ optedOut: 0, suppressed: null });
    expect(contact(a, complained.contactId)).toMatchObject({ suppressed: 'complaint' });
    expect(contact(a, unsubscribed.contactId)).toMatchObject({ optedOut: 1, suppressed: null });
    const audit = a.db
      .prepare(
        `SELECT contact_id AS contactId, source, channel FROM optout_audit WHERE channel = 'email' ORDER BY contact_id`,
      )
      .all();
    expect(audit).toEqual([
      { contactId: hard.contactId, source: 'bounce', channel: 'email' },
      { contactId: complained.contactId, source: 'complaint', channel: 'email' },
      { contactId: unsubscribed.contactId, source: 'list_unsubscribe', channel: 'email' },
    ]);
  });
});
