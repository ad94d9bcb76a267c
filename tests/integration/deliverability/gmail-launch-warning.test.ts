import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { invokeOk, sandboxBehaviour, useTempApp } from '../../helpers/app';
import { daytimeClock, seedContacts } from '../../helpers/seed';
import { startFakeDns, type FakeDns } from '../../fakes/dns';
import type { Channel as IpcChannel, InputOf } from '../../../shared/ipc/contract';

let app: DeskApp;
let dns: FakeDns;
useTempApp(
  (a) => (app = a),
  () => ({ now: daytimeClock(), dispatch: { pollMs: 20 } }),
);
beforeEach(async () => {
  sandboxBehaviour(app);
  dns = await startFakeDns();
  app.settings.set('business.name', 'Bloom');
  app.settings.set('email.from', 'Bloom <hello@bloom.example>');
  app.settings.set('email.postalAddress', '1 Main St, Springfield, IL 62701');
  app.settings.set('webhooks.publicUrl', 'https://bloom.example');
  app.settings.set('deliverability.dnsServer', dns.server);
  app.settings.set('deliverability.dkimSelector', 's1');
});
afterEach(async () => {
  await dns.close();
});

const ok = <C extends IpcChannel>(channel: C, input: InputOf<C>) => invokeOk(app, channel, input);
// Email-only campaigns are refused by launchCheck on main ("has no message"), so these carry a text too.
const TEXT = 'Hi from {{business_name}}: 20% off this week. Reply STOP to opt out';
const MAIL = { subject: 'Spring sale', body: 'Hi {{first_name|there}}, **20% off** this week.' };
const ALL_RECORDS = {
  'bloom.example': ['v=spf1 include:spf.mailer.example ~all'],
  's1._domainkey.bloom.example': ['v=DKIM1; k=rsa; p=MIIB'],
  '_dmarc.bloom.example': ['v=DMARC1; p=none'],
};

/** n contacts with e-mail consent at the given domain (no text consent), tagged. */
function mailContacts(n: number, domain: string, tag: string, start: number): void {
  const ids = seedContacts(app.db, n, { tag, start });
  const set = app.db.prepare(`UPDATE contacts SET textable = 0, email = ?, email_consent = 1 WHERE id = ?`);
  app.db.transaction(() => {
    for (const id of ids) set.run(`person${id}@${domain}`, id);
  })();
}

/** E-mails to Gmail already waiting in the outbox (one-off sends, not a campaign). */
function queuedGmail(n: number): void {
  const now = app.now().toISOString();
  const insert = app.db.prepare(
    `INSERT INTO outbox_messages (to_phone, body, provider, state, created_at, updated_at, channel, to_email, subject)
     VALUES ('', 'Hello', 'sandbox_email', 'queued', ?, ?, 'email', ?, 'Hello')`,
  );
  app.db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(now, now, `queued${i}@GMAIL.com`);
  })();
}

const gmailFinding = async (id: number) =>
  (await ok('campaigns:launchCheck', { id })).findings.find((f) => f.code === 'gmail_bulk_unauthenticated');

describe('launch warning above 5,000 e-mails a day to Gmail (real SQLite, fake DNS)', () => {
  it('counts only gmail.com and googlemail.com e-mail recipients: 5,000 is fine, 5,001 warns and needs a reason', async () => {
    dns.records.set('bloom.example', ['v=spf1 include:spf.mailer.example ~all']); // no DKIM, no DMARC
    mailContacts(3000, 'gmail.com', 'list', 0);
    mailContacts(2000, 'googlemail.com', 'list', 3000);
    mailContacts(400, 'yahoo.com', 'list', 5000);
    // Reachable by text too, and texts come first: they get an SMS, not an e-mail to Gmail.
    const texted = seedContacts(app.db, 5, { tag: 'list', start: 5400 });
    for (const id of texted)
      app.db
        .prepare(`UPDATE contacts SET textable = 1, email = ?, email_consent = 1 WHERE id = ?`)
        .run(`t${id}@gmail.com`, id);
    const body = 'Hi from {{business_name}}: 20% off this week. Reply STOP to opt out';
    const c = await ok('campaigns:create', {
      name: 'Spring',
      body,
      channels: ['sms', 'email'],
      email: MAIL,
      audience: { tags: ['list'] },
    });
    expect(await gmailFinding(c.id)).toBeUndefined();

    mailContacts(1, 'GMail.com', 'list', 5405);
    const finding = await gmailFinding(c.id);
    expect(finding).toMatchObject({ blocking: true, variants: [] });
    expect(finding?.message).toMatch(/^This campaign sends 5,001 e-mails to Gmail addresses on \d{4}-\d\d-\d\d:/);
    expect(finding?.message).toContain('bloom.example has no DKIM and DMARC records');
    expect(finding?.message).toContain('Check my domain');

    const refused = await app.dispatch('campaigns:launch', { id: c.id, confirmCount: 5411 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/cannot launch yet: This campaign sends 5,001 e-mails/);
  });

  it('relies on the last check of the From domain while it is recent and for the same selector', async () => {
    for (const [name, txt] of Object.entries(ALL_RECORDS)) dns.records.set(name, txt);
    mailContacts(5001, 'gmail.com', 'list', 0);
    const c = await ok('campaigns:create', {
      name: 'All Gmail',
      channels: ['sms', 'email'],
      body: TEXT,
      email: MAIL,
      audience: { tags: ['list'] },
    });
    const checked = await ok('deliverability:checkDomain', { domain: 'bloom.example' });
    expect(checked).toMatchObject({ domain: 'bloom.example', dkimSelector: 's1', problems: [] });
    expect(await ok('deliverability:lastCheck', {})).toEqual(checked);

    // The records vanish from DNS, but the last check (just done) still stands: no warning, no new lookup.
    dns.records.clear();
    const asked = dns.asked.length;
    expect(await gmailFinding(c.id)).toBeUndefined();
    expect(dns.asked.length).toBe(asked);

    // Another selector: the last check does not apply, a fresh one is made and finds nothing.
    app.settings.set('deliverability.dkimSelector', 'google');
    const finding = await gmailFinding(c.id);
    expect(finding?.message).toMatch(/has no SPF, DKIM and DMARC records/);
    expect((await ok('deliverability:lastCheck', { domain: 'bloom.example' }))?.dkimSelector).toBe('google');
  });

  it('adds the other e-mail to Gmail of the day: queued one-off e-mails and campaigns scheduled that day', async () => {
    mailContacts(2500, 'gmail.com', 'a', 0);
    mailContacts(2000, 'gmail.com', 'b', 2500);
    const a = await ok('campaigns:create', {
      name: 'A',
      channels: ['sms', 'email'],
      body: TEXT,
      email: MAIL,
      audience: { tags: ['a'] },
    });
    expect(await gmailFinding(a.id)).toBeUndefined();

    queuedGmail(2000);
    expect(await gmailFinding(a.id)).toBeUndefined(); // 4,500

    // Campaign B is scheduled for later today: its 2,000 Gmail recipients count for A's day.
    const later = new Date(app.now().getTime() + 30 * 60_000).toISOString();
    const b = await ok('campaigns:create', {
      name: 'B',
      channels: ['sms', 'email'],
      body: TEXT,
      email: MAIL,
      audience: { tags: ['b'] },
      schedule: { mode: 'at', at: later },
    });
    await ok('campaigns:launch', { id: b.id, confirmCount: 2000 });
    expect((await ok('campaigns:get', { id: b.id })).status).toBe('scheduled');
    const finding = await gmailFinding(a.id);
    expect(finding?.message).toMatch(
      /^This campaign sends 2,500 e-mails to Gmail addresses on [\d-]+, 6,500 with the other e-mail that day:/,
    );
    expect(finding?.message).toContain('bloom.example has no SPF, DKIM and DMARC records');
  });

  it('says nothing for a text-only campaign, however many Gmail addresses its contacts have', async () => {
    mailContacts(5001, 'gmail.com', 'list', 0);
    app.db.prepare('UPDATE contacts SET textable = 1').run();
    const c = await ok('campaigns:create', {
      name: 'Texts',
      body: 'Hi from {{business_name}}. Reply STOP to opt out',
      audience: { tags: ['list'] },
    });
    expect(await gmailFinding(c.id)).toBeUndefined();
    expect(dns.asked).toEqual([]);
  });
});
