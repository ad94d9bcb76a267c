import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type DeskApp } from '../../../electron/app';
import { verifyUnsubscribeToken } from '../../../electron/email';
import { tempDir } from '../../helpers/db';
import { emailReady, insertEmailCampaign } from '../../helpers/email-outbox';
import { daytimeClock } from '../../helpers/seed';
import { startFakeSmtp, type FakeSmtp, type SmtpScript } from '../../fakes/smtp';

let app: DeskApp | undefined;
let smtp: FakeSmtp | undefined;
let cleanup: (() => void) | undefined;

afterEach(async () => {
  await app?.close();
  await smtp?.close();
  cleanup?.();
  app = smtp = cleanup = undefined;
});

const PUBLIC = 'https://desk.example.test';

async function setUp(script?: SmtpScript, pool = { maxConnections: 2, rateLimit: 1000, rateDeltaMs: 1000 }) {
  const t = tempDir();
  cleanup = t.cleanup;
  smtp = await startFakeSmtp({ script, auth: { user: 'shop@cornershop.test', pass: 'app-password' } });
  app = await createApp({
    dbPath: `${t.dir}/desk.sqlite`,
    now: daytimeClock(),
    log: () => undefined,
    providerTimeoutMs: 3000,
    dispatch: { rates: { smtp: Number.POSITIVE_INFINITY }, pollMs: 5, backoff: { baseMs: 5, capMs: 20 } },
  });
  emailReady(app, PUBLIC);
  app.settings.set('email.provider', 'smtp');
  app.settings.set('smtp.host', '127.0.0.1');
  app.settings.set('smtp.port', smtp.port);
  app.settings.set('smtp.user', 'shop@cornershop.test');
  app.secrets.set('smtp.password', 'app-password');
  app.settings.set('smtp.maxConnections', pool.maxConnections);
  app.settings.set('smtp.rateLimit', pool.rateLimit);
  app.settings.set('smtp.rateDeltaMs', pool.rateDeltaMs);
  return app;
}

const states = (a: DeskApp, campaignId: number) =>
  a.db
    .prepare(
      `SELECT to_email AS email, state, error_code AS code, attempts FROM outbox_messages WHERE campaign_id = ? ORDER BY id`,
    )
    .all(campaignId) as Array<{ email: string; state: string; code: string | null; attempts: number }>;

describe('e-mail through a real SMTP server on 127.0.0.1', () => {
  it('delivers each e-mail once with sender, recipient, subject, text and HTML, and the one-click unsubscribe headers', async () => {
    const a = await setUp();
    const { campaignId, contactIds, outboxIds } = insertEmailCampaign(a.db, 5, {
      provider: 'smtp',
      nowIso: a.now().toISOString(),
    });
    await a.dispatcher.runUntilIdle(3000);

    expect(smtp!.received).toHaveLength(5);
    expect(states(a, campaignId).map((r) => r.state)).toEqual(Array(5).fill('sent'));
    const key = a.secrets.get('email.unsubscribeKey')!;
    for (const [i, contactId] of contactIds.entries()) {
      const m = smtp!.received.find((r) => r.to[0] === `customer${i}.c${campaignId}@example.test`)!;
      expect(m.from).toBe('shop@cornershop.test');
      expect(m.headers.get('from')).toBe('Corner Shop <shop@cornershop.test>');
      expect(m.headers.get('to')).toBe(`customer${i}.c${campaignId}@example.test`);
      expect(m.headers.get('subject')).toBe(`Spring sale ${i}`);
      expect(m.headers.get('content-type')).toMatch(/^multipart\/alternative/);
      expect(m.raw).toMatch(/Content-Type: text\/plain/);
      expect(m.raw).toMatch(/Content-Type: text\/html/);
      expect(m.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      const header = m.headers.get('list-unsubscribe')!;
      const [https, mailto] = header.split(/,\s*/);
      expect(mailto).toMatch(/^<mailto:shop@cornershop\.test\?subject=unsubscribe%20/);
      const token = /^<https:\/\/desk\.example\.test\/u\/([^>]+)>$/.exec(https)![1];
      expect(verifyUnsubscribeToken(key, token)).toEqual({ contactId, outboxId: outboxIds[i] });
    }
    const ids = a.db
      .prepare(`SELECT provider_message_id AS id FROM outbox_messages WHERE campaign_id = ?`)
      .all(campaignId);
    expect(new Set(ids.map((r) => (r as { id: string }).id)).size).toBe(5);
  });

  it('keeps to the pool size and the rate limit (connections counted, arrival times checked)', async () => {
    const a = await setUp(undefined, { maxConnections: 2, rateLimit: 4, rateDeltaMs: 400 });
    const { campaignId } = insertEmailCampaign(a.db, 16, { provider: 'smtp', nowIso: a.now().toISOString() });
    await a.dispatcher.runUntilIdle(5000);

    expect(smtp!.received).toHaveLength(16);
    expect(states(a, campaignId).every((r) => r.state === 'sent')).toBe(true);
    expect(smtp!.connections).toBeLessThanOrEqual(2);
    expect(new Set(smtp!.received.map((r) => r.connectionId)).size).toBeLessThanOrEqual(2);
    // nodemailer counts fixed windows of rateDeltaMs from the pool's start, and each connection checks the count as
    // its message finishes, so a window may take a message or two more than the limit (6 at most with 2 connections):
    // 16 e-mails still need at least 3 windows, the last arriving 2 windows after the first. Without the limit all 16
    // arrive within a few tens of milliseconds.
    const at = smtp!.received.map((r) => r.at).sort((x, y) => x - y);
    expect(at[at.length - 1] - at[0]).toBeGreaterThanOrEqual(2 * 400 - 50);
  });

  it('retries a 4xx, fails a 5xx for good, and never resends an e-mail whose connection dropped after DATA', async () => {
    const a = await setUp((to, attempt) => {
      if (to.startsWith('customer0.') && attempt === 1) return { code: 451, message: 'Try again later' };
      if (to.startsWith('customer1.')) return { code: 550, message: 'No such mailbox' };
      if (to.startsWith('customer2.')) return 'drop';
      return 'accept';
    });
    const { campaignId } = insertEmailCampaign(a.db, 4, { provider: 'smtp', nowIso: a.now().toISOString() });
    await a.dispatcher.runUntilIdle(3000);

    const [retried, refused, dropped, plain] = states(a, campaignId);
    expect(retried).toMatchObject({ state: 'sent', attempts: 2 });
    expect(refused).toMatchObject({ state: 'failed', code: 'smtp_550', attempts: 1 });
    expect(dropped).toMatchObject({ state: 'unknown', attempts: 1 });
    expect(plain).toMatchObject({ state: 'sent', attempts: 1 });
    expect(smtp!.attempts.get(dropped.email)).toBe(1);
    expect(smtp!.received.map((r) => r.to[0]).sort()).toEqual([retried.email, plain.email].sort());
  });

  it('refuses to send marketing e-mail without the postal address, naming the setting', async () => {
    const a = await setUp();
    a.settings.set('email.postalAddress', '');
    const { campaignId } = insertEmailCampaign(a.db, 2, { provider: 'smtp', nowIso: a.now().toISOString() });
    await a.dispatcher.runUntilIdle(500);

    expect(smtp!.received).toHaveLength(0);
    expect(states(a, campaignId).map((r) => r.state)).toEqual(['queued', 'queued']);
    const campaign = a.db.prepare(`SELECT status, last_error AS reason FROM campaigns WHERE id = ?`).get(campaignId);
    expect(campaign).toMatchObject({ status: 'paused' });
    expect(String((campaign as { reason: string }).reason)).toContain('email.postalAddress');
  });
});
