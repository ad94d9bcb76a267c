import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type DeskApp } from '../../../electron/app';
import { tempDir } from '../../helpers/db';
import { emailReady } from '../../helpers/email-outbox';
import { daytimeClock } from '../../helpers/seed';
import { startFakeSmtp, type FakeSmtp } from '../../fakes/smtp';
import { startFakePostmark, type FakePostmark } from '../../fakes/postmark';
import { seedContacts } from './seed';

let app: DeskApp | undefined;
let smtp: FakeSmtp | undefined;
let postmark: FakePostmark | undefined;
let cleanup: (() => void) | undefined;

afterEach(async () => {
  await app?.close();
  await smtp?.close();
  await postmark?.close();
  cleanup?.();
  app = smtp = postmark = cleanup = undefined;
});

async function makeApp(): Promise<DeskApp> {
  const t = tempDir();
  cleanup = t.cleanup;
  app = await createApp({
    dbPath: `${t.dir}/desk.sqlite`,
    now: daytimeClock(),
    log: () => undefined,
    providerTimeoutMs: 3000,
  });
  app.settings.set('business.name', 'Corner Shop');
  return app;
}

const TEMPLATE = {
  subject: 'Spring sale, {{first_name|friend}}',
  body: 'Hi **{{first_name|there}}**,\n\n![Flowers](https://cdn.example.test/flowers.jpg)\n\n[Shop now](https://shop.example.test)',
};

const outboxCount = (a: DeskApp) =>
  (a.db.prepare('SELECT count(*) AS n FROM outbox_messages').get() as { n: number }).n;

describe('templates:sendTestEmail', () => {
  it('sends the rendered e-mail, marked [Test], to email.from through a real SMTP server, outside any campaign', async () => {
    const a = await makeApp();
    smtp = await startFakeSmtp({ auth: { user: 'shop@cornershop.test', pass: 'app-password' } });
    emailReady(a, 'https://desk.example.test');
    a.settings.set('email.provider', 'smtp');
    a.settings.set('smtp.host', '127.0.0.1');
    a.settings.set('smtp.port', smtp.port);
    a.settings.set('smtp.user', 'shop@cornershop.test');
    a.secrets.set('smtp.password', 'app-password');
    const [ana] = seedContacts(a.db, [{ phone: '+14155550100', first: 'Ana', last: 'Lee' }]);

    const r = await a.dispatch('templates:sendTestEmail', { ...TEMPLATE, contactId: ana });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({
      to: 'shop@cornershop.test',
      provider: 'smtp',
      subject: '[Test] Spring sale, Ana',
      renderedFor: { id: ana, label: 'Ana Lee' },
      missing: [],
    });
    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0];
    expect(m.to).toEqual(['shop@cornershop.test']);
    expect(m.headers.get('subject')).toBe('[Test] Spring sale, Ana');
    expect(m.headers.get('from')).toBe('Corner Shop <shop@cornershop.test>');
    // A test unsubscribes nobody: no one-click header, and the footer's link is the relay's test page.
    expect(m.headers.has('list-unsubscribe')).toBe(false);
    // The HTML part is quoted-printable: soft line breaks and "=3D" undone.
    const source = m.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(source).toContain('<a href="https://desk.example.test/u/test"');
    expect(source).toContain('<img src="https://cdn.example.test/flowers.jpg" alt="Flowers"');
    expect(source).toContain('12 Main St, Springfield');
    expect(outboxCount(a)).toBe(0);
  });

  it('says what is wrong when the SMTP server refuses or is not set up', async () => {
    const a = await makeApp();
    smtp = await startFakeSmtp({ script: () => ({ code: 550, message: 'Mailbox unavailable' }) });
    emailReady(a, 'https://desk.example.test');
    a.settings.set('email.provider', 'smtp');

    const unset = await a.dispatch('templates:sendTestEmail', TEMPLATE);
    expect(unset.ok).toBe(false);
    if (!unset.ok) expect(unset.error.message).toMatch(/smtp\.host/);

    a.settings.set('smtp.host', '127.0.0.1');
    a.settings.set('smtp.port', smtp.port);
    const refused = await a.dispatch('templates:sendTestEmail', TEMPLATE);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('provider_error');
      expect(refused.error.message).toMatch(/shop@cornershop\.test was not sent: your SMTP server answered .*550/);
    }
  });

  it('sends through the fake Postmark with the test subject, and names a refused token', async () => {
    const a = await makeApp();
    postmark = await startFakePostmark();
    emailReady(a, 'https://desk.example.test');
    a.settings.set('email.provider', 'postmark');
    a.settings.set('postmark.baseUrl', postmark.url);

    const noToken = await a.dispatch('templates:sendTestEmail', TEMPLATE);
    expect(noToken.ok).toBe(false);
    if (!noToken.ok) expect(noToken.error.message).toMatch(/postmark\.serverToken/);

    a.secrets.set('postmark.serverToken', 'wrong-token');
    const refused = await a.dispatch('templates:sendTestEmail', TEMPLATE);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/Postmark answered .*server token/);

    a.secrets.set('postmark.serverToken', postmark.token);
    const r = await a.dispatch('templates:sendTestEmail', TEMPLATE);
    if (!r.ok) throw new Error(r.error.message);
    // No contacts yet: rendered for a contact with no values, so the fallbacks show.
    expect(r.value).toMatchObject({ provider: 'postmark', subject: '[Test] Spring sale, friend', renderedFor: null });
    expect(postmark.sent).toHaveLength(1);
    expect(postmark.sent[0]).toMatchObject({ To: 'shop@cornershop.test', Subject: '[Test] Spring sale, friend' });
    expect(postmark.sent[0].HtmlBody).toContain('Hi <strong>there</strong>');
    expect(postmark.sent[0].Headers).toEqual([]);
    expect(outboxCount(a)).toBe(0);
  });

  it('refuses with the setting to fill in when there is no sender or postal address', async () => {
    const a = await makeApp();
    const noSender = await a.dispatch('templates:sendTestEmail', TEMPLATE);
    expect(noSender.ok).toBe(false);
    if (!noSender.ok) expect(noSender.error.message).toMatch(/email\.from/);
    a.settings.set('email.from', 'shop@cornershop.test');
    const noAddress = await a.dispatch('templates:sendTestEmail', TEMPLATE);
    expect(noAddress.ok).toBe(false);
    if (!noAddress.ok) expect(noAddress.error.message).toMatch(/email\.postalAddress/);
  });

  it('the Sandbox always delivers a test (never a simulated bounce that would suppress the owner)', async () => {
    const a = await makeApp();
    emailReady(a, 'https://desk.example.test');
    a.settings.set('sandboxEmail.bounceRate', 1);
    const r = await a.dispatch('templates:sendTestEmail', TEMPLATE);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.provider).toBe('sandbox_email');
    const row = a.db.prepare('SELECT to_phone AS toEmail, body, outcome FROM sandbox_messages').get();
    expect(row).toEqual({
      toEmail: 'shop@cornershop.test',
      body: '[Test] Spring sale, friend',
      outcome: 'email_delivered',
    });
  });
});
