import { describe, expect, it } from 'vitest';
import { seedContacts } from '../../helpers/seed';
import { MAIL_SCANNER_SECONDS } from '../../../electron/abtests/bots';
import { T0, HOUR, markDelivered, useEmailAbHarness, type AbHarness } from './helpers';

let h: AbHarness;
useEmailAbHarness('https://bloom.trycloudflare.com', (x) => (h = x));

const PUBLIC = 'https://bloom.trycloudflare.com';
const BOOK = 'https://bloom.example/book?week=colour&utm_source=email';
const PRICES = 'https://bloom.example/prices';
const DESKTOP_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const TEXT =
  'Hi {{first_name|there}}, colour week at {{business_name}}: https://bloom.example/sms. Reply STOP to opt out';
const MAIL = `Hi {{first_name|there}},\n\n[Book now](${BOOK}) or see the prices: ${PRICES}\n\n![Bloom](https://bloom.example/logo.png) Questions? [Write to us](mailto:hello@bloom.example)`;

/** Contacts who can only be e-mailed (landlines with e-mail consent), tagged `regulars`. */
function emailOnlyContacts(n: number): number[] {
  const ids = seedContacts(h.app.db, n, { tag: 'regulars', nowIso: new Date(T0 - 30 * 24 * HOUR).toISOString() });
  const set = h.app.db.prepare(
    `UPDATE contacts SET textable = 0, not_textable_reason = 'landline', email = ?, email_consent = 1 WHERE id = ?`,
  );
  for (const id of ids) set.run(`guest${id}@example.com`, id);
  return ids;
}

const emails = (campaignId: number) =>
  h.app.db
    .prepare(
      `SELECT id, contact_id AS contactId, variant, subject, body, html_body AS html FROM outbox_messages WHERE campaign_id = ? AND channel = 'email' ORDER BY contact_id`,
    )
    .all(campaignId) as Array<{
    id: number;
    contactId: number;
    variant: string | null;
    subject: string;
    body: string;
    html: string;
  }>;

const linksOf = (outboxId: number) =>
  h.app.db
    .prepare(`SELECT code, url, contact_id AS contactId FROM tracked_links WHERE outbox_id = ? ORDER BY id`)
    .all(outboxId) as Array<{ code: string; url: string; contactId: number }>;

describe('tracked links in e-mails', () => {
  it("rewrites every web link of the HTML and the plain text to the recipient's tracked link, never the unsubscribe link", async () => {
    const [onlyMail] = emailOnlyContacts(1);
    const c = await h.ok('campaigns:create', {
      name: 'Colour week',
      audience: { tags: ['regulars'] },
      body: TEXT,
      channels: ['sms', 'email'],
      email: { subject: 'Colour week', body: MAIL },
      trackLinks: true,
    });
    await h.ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
    const [mail] = emails(c.id);
    expect(mail.contactId).toBe(onlyMail);
    const links = linksOf(mail.id);
    // One tracked link per web address, shared by both parts; the image and the mailto link are not links to count.
    expect(links.map((l) => l.url)).toEqual([BOOK, PRICES]);
    expect(links.every((l) => l.contactId === onlyMail && /^[0-9A-Za-z]{8}$/.test(l.code))).toBe(true);
    const [book, prices] = links.map((l) => `${PUBLIC}/l/${l.code}`);
    expect(mail.html).toContain(`href="${book}"`);
    expect(mail.html).toContain(`href="${prices}"`);
    expect(mail.html).not.toContain('href="https://bloom.example');
    expect(mail.html).toContain('src="https://bloom.example/logo.png"');
    expect(mail.html).toContain('href="mailto:hello@bloom.example"');
    expect(mail.body).toContain(book);
    expect(mail.body).toContain(prices);
    expect(mail.body).not.toContain('bloom.example/book');
    // The unsubscribe link (HTML and text) is the recipient's own signed one, untouched.
    expect(mail.html).toMatch(new RegExp(`href="${PUBLIC}/u/${onlyMail}\\.${mail.id}\\.[^"]+"`));
    expect(mail.body).toContain(`${PUBLIC}/u/${onlyMail}.${mail.id}.`);
    const unsubscribes = h.app.db
      .prepare(`SELECT count(*) AS n FROM tracked_links WHERE url LIKE ?`)
      .get(`${PUBLIC}/u/%`) as { n: number };
    expect(unsubscribes.n).toBe(0);
  });

  it('counts a click through the relay for the e-mail channel once per recipient; mail scanners are not counted', async () => {
    const ids = emailOnlyContacts(3);
    const c = await h.ok('campaigns:create', {
      name: 'Colour week',
      audience: { tags: ['regulars'] },
      channels: ['email'],
      email: { subject: 'Colour week', body: MAIL },
      trackLinks: true,
    });
    await h.ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
    const mails = emails(c.id);
    expect(mails.map((m) => m.contactId)).toEqual(ids);
    markDelivered(
      h.app,
      mails.map((m) => m.id),
      T0,
    );
    const relay = await h.app.startRelay({ host: '127.0.0.1', port: 0 });
    const visit = (code: string, ua = DESKTOP_CHROME) =>
      fetch(`${relay.url}/l/${code}`, { redirect: 'manual', headers: { 'user-agent': ua } });
    const [reader, scanned, proofpoint] = mails.map((m) => linksOf(m.id));

    // The gateway opens every link as the e-mail arrives, with a browser's name: not a person.
    h.at(T0 + 5_000);
    for (const l of scanned) expect((await visit(l.code)).status).toBe(302);
    // A named scanner is a scanner whenever it comes.
    h.at(T0 + 2 * HOUR);
    expect((await visit(proofpoint[0].code, 'Mozilla/5.0 (compatible; Proofpoint URL Defense)')).status).toBe(302);
    // The reader clicks twice, on both links, an hour later: one recipient who clicked.
    h.at(T0 + HOUR);
    const first = await visit(reader[0].code);
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe(BOOK);
    await visit(reader[0].code);
    await visit(reader[1].code);
    // A HEAD request is a link check, as for texts.
    await fetch(`${relay.url}/l/${reader[1].code}`, { method: 'HEAD', redirect: 'manual' });

    const clicks = h.app.db
      .prepare(
        `SELECT l.outbox_id AS outboxId, k.is_bot AS bot FROM link_clicks k JOIN tracked_links l ON l.id = k.link_id ORDER BY k.id`,
      )
      .all() as Array<{ outboxId: number; bot: number }>;
    expect(clicks.filter((k) => k.bot === 0).map((k) => k.outboxId)).toEqual(Array(3).fill(mails[0].id));
    expect(clicks.filter((k) => k.bot === 1).map((k) => k.outboxId)).toEqual([
      mails[1].id,
      mails[1].id,
      mails[2].id,
      mails[0].id,
    ]);
    expect(MAIL_SCANNER_SECONDS * 1000).toBeGreaterThan(5_000);

    h.app.tick();
    const r = await h.ok('analytics:campaignResults', { campaignId: c.id });
    expect(r.channels.map((ch) => [ch.channel, ch.sent, ch.clicked])).toEqual([['email', 3, 1]]);
    expect(r.clicked).toBe(1);
  });
});
