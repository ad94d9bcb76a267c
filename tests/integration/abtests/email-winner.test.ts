import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inTestGroup } from '../../../shared/abtests';
import { campaignSeed } from '../../../electron/campaigns/variants';
import { getCampaign } from '../../../electron/campaigns';
import { checkWaitingAbTests } from '../../../electron/abtests/jobs';
import { unsubscribeKey, verifyUnsubscribeToken } from '../../../electron/email/unsubscribe';
import { startFakeSmtp, type FakeSmtp } from '../../fakes/smtp';
import { emailReady } from '../../helpers/email-outbox';
import { seedContacts } from '../../helpers/seed';
import { EMAIL_AB, EMAIL_AB_TEXT as TEXT, HOUR, T0, abHarness, markDelivered, type AbHarness } from './helpers';

const PUBLIC_URL = 'https://bloom.trycloudflare.com';

interface Row {
  id: number;
  contactId: number;
  channel: string;
  state: string;
  variant: string | null;
  subject: string | null;
  body: string;
  html: string | null;
  toEmail: string | null;
  segments: number;
  remainder: number;
  first: string;
}

let smtp: FakeSmtp;
beforeAll(async () => {
  smtp = await startFakeSmtp();
});
afterAll(async () => {
  await smtp.close();
});

let h: AbHarness;
beforeEach(async () => {
  h = await abHarness({ dispatch: { pollMs: 20, rates: { smtp: Number.POSITIVE_INFINITY } } });
  emailReady(h.app, PUBLIC_URL);
});
afterEach(async () => {
  await h.close();
});

/** Through the real SMTP server on 127.0.0.1 (it gives no delivery receipts). */
function sendThroughSmtp(): void {
  h.app.settings.set('email.provider', 'smtp');
  h.app.settings.set('smtp.host', '127.0.0.1');
  h.app.settings.set('smtp.port', smtp.port);
  h.app.settings.set('smtp.maxConnections', 4);
  h.app.settings.set('smtp.rateLimit', 10_000);
}

const rowsOf = (campaignId: number): Row[] =>
  h.app.db
    .prepare(
      `SELECT m.id, m.contact_id AS contactId, m.channel, m.state, m.variant, m.subject, m.body, m.html_body AS html,
              m.to_email AS toEmail, m.segments, m.ab_remainder AS remainder, c.first_name AS first
       FROM outbox_messages m JOIN contacts c ON c.id = m.contact_id WHERE m.campaign_id = ? ORDER BY m.contact_id`,
    )
    .all(campaignId) as Row[];

const linksOf = (outboxId: number) =>
  h.app.db.prepare('SELECT code, url, variant FROM tracked_links WHERE outbox_id = ?').all(outboxId) as Array<{
    code: string;
    url: string;
    variant: string | null;
  }>;

/** A header as the reader sees it: RFC 2047 encoded words (`=?UTF-8?Q?M=C3=ADa?=`, folded or not) decoded. */
const decodeHeader = (value: string) =>
  value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_w, q: string) =>
    Buffer.from(
      q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8'),
  );

/** `n` contacts who can only be e-mailed (no mobile number to text) and 40 who can only be texted. */
function seedAudience(n: number): { emailIds: number[]; textIds: number[] } {
  const ids = seedContacts(h.app.db, n + 40, { tag: 'regulars', nowIso: new Date(T0 - 30 * 24 * HOUR).toISOString() });
  const set = h.app.db.prepare(
    `UPDATE contacts SET textable = 0, not_textable_reason = 'landline', email = ?, email_consent = 1 WHERE id = ?`,
  );
  for (const id of ids.slice(0, n)) set.run(`guest${id}@example.com`, id);
  return { emailIds: ids.slice(0, n), textIds: ids.slice(n) };
}

describe('e-mail A/B test, then the winner to the rest', () => {
  it('tests on the sample, holds the rest, and sends them the winner once each with their own unsubscribe and tracked links; who left meanwhile gets nothing; the texts go on', async () => {
    sendThroughSmtp();
    const { emailIds, textIds } = seedAudience(800);
    const c = await h.ok('campaigns:create', {
      name: 'Colour week',
      audience: { tags: ['regulars'] },
      body: TEXT,
      channels: ['sms', 'email'],
      ab: { ...EMAIL_AB, testPercent: 50 },
      trackLinks: true,
    });
    await h.ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });

    // The sample is exactly the contacts the test group's hash picks; the rest is held, written empty.
    const seed = campaignSeed(getCampaign(h.app.db, c.id));
    const launched = rowsOf(c.id);
    const mails = launched.filter((r) => r.channel === 'email');
    const sample = mails.filter((r) => inTestGroup(seed, r.contactId, 50));
    const held = mails.filter((r) => !inTestGroup(seed, r.contactId, 50));
    expect(mails.map((r) => r.contactId)).toEqual(emailIds);
    expect(sample.length).toBeGreaterThan(340);
    expect(held.length).toBeGreaterThan(340);
    expect(sample.every((r) => r.state === 'queued' && (r.variant === 'A' || r.variant === 'B'))).toBe(true);
    expect(
      held.every(
        (r) => r.state === 'held' && r.variant === null && r.subject === null && r.body === '' && r.segments === 0,
      ),
    ).toBe(true);
    expect(held.every((r) => linksOf(r.id).length === 0)).toBe(true);
    const texts = launched.filter((r) => r.channel === 'sms');
    expect(texts.map((r) => r.contactId)).toEqual(textIds);
    expect(texts.every((r) => r.state === 'queued' && r.variant === null)).toBe(true);

    // The sample and the texts go out; the rest waits.
    await h.app.dispatcher.runUntilIdle();
    const atServer = () => smtp.received.map((m) => m.to[0]);
    expect(atServer().sort()).toEqual(sample.map((r) => r.toEmail).sort());
    const afterTest = rowsOf(c.id);
    expect(afterTest.filter((r) => r.channel === 'sms' && r.state === 'sent')).toHaveLength(40);
    expect(afterTest.filter((r) => r.state === 'held')).toHaveLength(held.length);
    expect(getCampaign(h.app.db, c.id).status).toBe('sending');

    // While the test runs: one of the rest unsubscribes, one address bounces hard elsewhere, one is removed.
    const [unsubscribed, bounced, removed] = held;
    await h.ok('consent:emailOptOut', { email: unsubscribed.toEmail! });
    h.app.ingest({
      kind: 'email_stop',
      provider: 'smtp',
      eventId: 'bounce-1',
      email: bounced.toEmail!,
      reason: 'hard_bounce',
      detail: '550 5.1.1 no such user',
      at: new Date(T0 + HOUR).toISOString(),
    });
    h.app.tick();
    await h.ok('contacts:update', { id: removed.contactId, email: null });

    // B's readers click three times as often as A's (after the mail scanners' first minute).
    const relay = await h.app.startRelay({ host: '127.0.0.1', port: 0 });
    h.at(T0 + 2 * HOUR);
    const a = sample.filter((r) => r.variant === 'A');
    const b = sample.filter((r) => r.variant === 'B');
    for (const r of [...a.filter((_r, i) => i % 12 === 0), ...b.filter((_r, i) => i % 4 === 0)]) {
      const res = await fetch(`${relay.url}/l/${linksOf(r.id)[0].code}`, {
        redirect: 'manual',
        headers: { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15' },
      });
      expect(res.status).toBe(302);
    }

    h.at(T0 + 80 * HOUR);
    const decided = await h.report(c.id);
    expect(decided.basis).toBe('sent'); // SMTP gives no receipts: rates per sent e-mail
    expect(decided.verdict).toMatchObject({ decided: true, winner: 1 });
    expect(decided.winner.state).toBe('awaiting_approval');
    expect(decided.winner.remainder?.held).toBe(held.length - 2); // the unsubscribe and the bounce skipped theirs
    expect(decided.winner.note).toBe(
      `Variant B won. ${(held.length - 2).toLocaleString('en-US')} held-back contacts are waiting for it: send it when you are ready.`,
    );

    const sent = await h.ok('abtests:sendWinner', { id: c.id });
    expect(sent).toMatchObject({ variant: 1, variantName: 'B', released: held.length - 3, skipped: 1 });
    // A second click changes nothing.
    expect(await h.ok('abtests:sendWinner', { id: c.id })).toMatchObject({ released: 0, alreadySent: true });
    const before = smtp.received.length;
    await h.app.dispatcher.runUntilIdle();
    const rest = smtp.received.slice(before);

    // Exactly the rest that may still be e-mailed, once each.
    const gone = new Set([unsubscribed.id, bounced.id, removed.id]);
    const going = held.filter((r) => !gone.has(r.id));
    expect(rest.map((m) => m.to[0]).sort()).toEqual(going.map((r) => r.toEmail).sort());
    expect(new Set(atServer()).size).toBe(atServer().length);

    const final = new Map(rowsOf(c.id).map((r) => [r.id, r]));
    expect([unsubscribed, bounced, removed].map((r) => final.get(r.id)!.state)).toEqual([
      'skipped',
      'skipped',
      'skipped',
    ]);
    const key = unsubscribeKey(h.app.secrets);
    const byAddress = new Map(rest.map((m) => [m.to[0], m]));
    const tokens = new Set<string>();
    for (const r of going) {
      const row = final.get(r.id)!;
      expect(row).toMatchObject({ state: 'sent', variant: 'B', remainder: 1, segments: 1 });
      expect(row.subject).toBe(`${r.first}, 20% off colour ends Friday`);
      // Their own signed unsubscribe link, naming them and their own row, in the footer and the one-click header.
      const m = byAddress.get(r.toEmail!)!;
      expect(decodeHeader(m.headers.get('subject')!)).toBe(row.subject);
      const token = /\/u\/([^>]+)>/.exec(m.headers.get('list-unsubscribe')!)![1];
      expect(verifyUnsubscribeToken(key, token)).toEqual({ contactId: r.contactId, outboxId: r.id });
      expect(row.html).toContain(`${PUBLIC_URL}/u/${token}`);
      expect(row.body).toContain(`${PUBLIC_URL}/u/${token}`);
      tokens.add(token);
      // Their own tracked link, counted for the winner, in both parts; the original never shows.
      const links = linksOf(r.id);
      expect(links).toEqual([{ code: expect.any(String), url: 'https://bloom.example/book', variant: 'B' }]);
      expect(row.html).toContain(`${PUBLIC_URL}/l/${links[0].code}`);
      expect(row.body).toContain(`${PUBLIC_URL}/l/${links[0].code}`);
      expect(`${row.html}${row.body}`).not.toContain('bloom.example/book');
    }
    expect(tokens.size).toBe(going.length);

    // The report says who got it; the test's figures are untouched by the rest.
    const after = await h.report(c.id);
    expect(after.winner).toMatchObject({ state: 'sent', variant: 1, chosenBy: 'verdict' });
    expect(after.winner.remainder).toMatchObject({ held: 0, queued: 0, sent: going.length, skipped: 1 });
    expect(after.winner.note).toBe(
      `Variant B went to the rest of the audience by e-mail (the winner): ${going.length.toLocaleString('en-US')} sent, 0 failed, 1 skipped.`,
    );
    expect(after.variants.map((v) => v.messages)).toEqual(decided.variants.map((v) => v.messages));
  });

  it('the background check sends the default e-mail variant when the test cannot decide by its deadline (Sandbox)', async () => {
    h.app.settings.set('abtests.winnerMode', 'automatic');
    h.app.settings.set('abtests.decisionDeadlineHours', 24);
    seedAudience(300);
    const c = await h.ok('campaigns:create', {
      name: 'Colour week',
      audience: { tags: ['regulars'] },
      channels: ['email'],
      ab: { ...EMAIL_AB, testPercent: 30, defaultVariant: 0 },
      trackLinks: true,
    });
    await h.ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
    const mails = rowsOf(c.id);
    const held = mails.filter((r) => r.state === 'held');
    expect(held.length).toBeGreaterThan(150);
    const report = await h.report(c.id);
    expect(report.winner.note).toBe(
      `${held.length.toLocaleString('en-US')} contacts (70% of the e-mail audience) are held back and get the winning variant once the test has one.`,
    );
    markDelivered(
      h.app,
      mails.filter((r) => r.state === 'queued').map((r) => r.id),
      T0,
    );

    h.at(T0 + 23 * HOUR);
    expect(await checkWaitingAbTests(h.app)).toEqual([]);
    h.at(T0 + 25 * HOUR);
    expect(await checkWaitingAbTests(h.app)).toEqual([c.id]);
    const rest = rowsOf(c.id).filter((r) => r.remainder === 1);
    expect(rest.map((r) => r.id)).toEqual(held.map((r) => r.id));
    expect(rest.every((r) => r.state === 'queued' && r.variant === 'A' && r.subject === 'Colour week at Bloom')).toBe(
      true,
    );
    await h.app.dispatcher.runUntilIdle();
    expect(rowsOf(c.id).filter((r) => r.remainder === 1 && r.state !== 'delivered' && r.state !== 'sent')).toEqual([]);
    expect((await h.report(c.id)).winner).toMatchObject({ state: 'sent', variant: 0, chosenBy: 'owner' });
  });
});
