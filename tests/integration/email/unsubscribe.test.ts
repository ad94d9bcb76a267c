import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type DeskApp } from '../../../electron/app';
import { signUnsubscribeToken, unsubscribeUrl } from '../../../electron/email';
import { tempDir } from '../../helpers/db';
import { emailReady, insertEmailCampaign } from '../../helpers/email-outbox';
import { daytimeClock } from '../../helpers/seed';

let app: DeskApp | undefined;
let cleanup: (() => void) | undefined;

afterEach(async () => {
  await app?.close();
  cleanup?.();
  app = cleanup = undefined;
});

async function setUp() {
  const t = tempDir();
  cleanup = t.cleanup;
  app = await createApp({ dbPath: `${t.dir}/desk.sqlite`, now: daytimeClock(), log: () => undefined });
  const relay = await app.startRelay({ port: 0 });
  // The links point at the relay itself (loopback http is allowed for tests).
  emailReady(app, relay.url);
  app.settings.set('business.name', 'Corner Shop');
  const campaign = insertEmailCampaign(app.db, 3, { provider: 'sandbox_email', nowIso: app.now().toISOString() });
  return { a: app, relay, ...campaign };
}

const contactState = (a: DeskApp) =>
  a.db.prepare('SELECT id, email_opted_out AS optedOut FROM contacts ORDER BY id').all() as Array<{
    id: number;
    optedOut: number;
  }>;
const outboxStates = (a: DeskApp) =>
  (a.db.prepare('SELECT state FROM outbox_messages ORDER BY id').all() as Array<{ state: string }>).map((r) => r.state);
const oneClick = (url: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });

describe('one-click unsubscribe on the relay (RFC 8058)', () => {
  it('the one-click POST unsubscribes exactly that recipient, at once: their waiting e-mail is skipped', async () => {
    const { a, contactIds, outboxIds } = await setUp();
    const url = unsubscribeUrl(a.settings, a.secrets, contactIds[1], outboxIds[1]);
    const res = await oneClick(url);
    expect(res.status).toBe(200);
    expect(contactState(a).map((c) => c.optedOut)).toEqual([0, 1, 0]);
    expect(outboxStates(a)).toEqual(['queued', 'skipped', 'queued']);
    const audit = a.db.prepare(`SELECT contact_id AS contactId, source, channel FROM optout_audit`).all();
    expect(audit).toEqual([{ contactId: contactIds[1], source: 'list_unsubscribe', channel: 'email' }]);
    // Mail apps may post again: nothing more happens.
    expect((await oneClick(url)).status).toBe(200);
    expect(a.db.prepare('SELECT COUNT(*) FROM optout_audit').pluck().get()).toBe(1);
  });

  it('GET shows a page with a confirm button and changes nothing; the button unsubscribes (unsubscribe_link)', async () => {
    const { a, contactIds, outboxIds } = await setUp();
    const url = unsubscribeUrl(a.settings, a.secrets, contactIds[0], outboxIds[0]);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<button type="submit">Unsubscribe</button>');
    expect(html).toContain('Corner Shop');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(contactState(a).map((c) => c.optedOut)).toEqual([0, 0, 0]);

    const confirm = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'confirm=yes',
    });
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('You are unsubscribed');
    expect(contactState(a).map((c) => c.optedOut)).toEqual([1, 0, 0]);
    expect(a.db.prepare('SELECT source FROM optout_audit').pluck().get()).toBe('unsubscribe_link');
  });

  it('a forged or altered token does nothing (404), whatever is changed in it', async () => {
    const { a, relay, contactIds, outboxIds } = await setUp();
    const good = signUnsubscribeToken(a.secrets.get('email.unsubscribeKey') ?? 'x', contactIds[2], outboxIds[2]);
    const [contact, outbox, mac] = good.split('.');
    const flip = (s: string) => (s[5] === 'A' ? `${s.slice(0, 5)}B${s.slice(6)}` : `${s.slice(0, 5)}A${s.slice(6)}`);
    const forged = [
      `${contactIds[0]}.${outbox}.${mac}`, // another contact, same signature
      `${contact}.${outboxIds[0]}.${mac}`,
      `${contact}.${outbox}.${flip(mac)}`,
      `${contact}.${outbox}.${mac.slice(0, -1)}`,
      signUnsubscribeToken('someone-elses-key', contactIds[2], outboxIds[2]),
      'not-a-token',
      '%E0%A4%A',
    ];
    for (const token of forged) {
      const res = await oneClick(`${relay.url}/u/${token}`);
      expect(res.status, token).toBe(404);
    }
    expect(contactState(a).map((c) => c.optedOut)).toEqual([0, 0, 0]);
    expect(outboxStates(a)).toEqual(['queued', 'queued', 'queued']);
    expect(a.db.prepare('SELECT COUNT(*) FROM optout_audit').pluck().get()).toBe(0);
  });

  it('refuses to make a link without the public address, naming the setting', async () => {
    const { a, contactIds, outboxIds } = await setUp();
    a.settings.set('webhooks.publicUrl', '');
    expect(() => unsubscribeUrl(a.settings, a.secrets, contactIds[0], outboxIds[0])).toThrow(/webhooks\.publicUrl/);
  });
});
