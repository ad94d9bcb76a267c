import { describe, expect, it } from 'vitest';
import { seedContacts } from '../../helpers/seed';
import type { InputOf } from '../../../shared/ipc/contract';
import { T0, HOUR, EMAIL_AB, EMAIL_AB_TEXT as TEXT, markDelivered, useEmailAbHarness, type AbHarness } from './helpers';

let h: AbHarness;
useEmailAbHarness('https://bloom.trycloudflare.com', (x) => (h = x));

const fails = async (input: InputOf<'campaigns:create'>) => {
  const r = await h.app.dispatch('campaigns:create', input);
  if (r.ok) throw new Error('created');
  return r.error.message;
};

describe('A/B tests on the e-mail channel', () => {
  it('refuses what an e-mail test cannot measure or send, in words', async () => {
    const base = { name: 'x', channels: ['email' as const], trackLinks: true };
    expect(await fails({ ...base, ab: { ...EMAIL_AB, metric: 'replied' } })).toMatch(/link clicks or conversions/);
    expect(
      await fails({ ...base, ab: { ...EMAIL_AB, variants: EMAIL_AB.variants.map(({ subject: _s, ...v }) => v) } }),
    ).toMatch(/subject line/);
    expect(await fails({ ...base, channels: ['sms'], body: TEXT, ab: EMAIL_AB })).toMatch(/add email to the channels/);
    expect(await fails({ ...base, ab: EMAIL_AB, email: { subject: 'x', body: 'y' } })).toMatch(
      /leave the campaign’s own e-mail out/,
    );
  });

  it('splits the e-mail recipients between subject lines, counts clicks through the relay and names the winner', async () => {
    const ids = seedContacts(h.app.db, 640, { tag: 'regulars', nowIso: new Date(T0 - 30 * 24 * HOUR).toISOString() });
    // 600 can only be e-mailed; 40 are texted (the campaign's one text, no variant).
    const set = h.app.db.prepare(
      `UPDATE contacts SET textable = 0, not_textable_reason = 'landline', email = ?, email_consent = 1 WHERE id = ?`,
    );
    for (const id of ids.slice(0, 600)) set.run(`guest${id}@example.com`, id);
    const c = await h.ok('campaigns:create', {
      name: 'Colour week',
      audience: { tags: ['regulars'] },
      body: TEXT,
      channels: ['sms', 'email'],
      ab: EMAIL_AB,
      trackLinks: true,
    });
    await h.ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });

    const rows = h.app.db
      .prepare(
        `SELECT m.id, m.channel, m.variant, m.subject, m.contact_id AS contactId, c.first_name AS first, (SELECT code FROM tracked_links l WHERE l.outbox_id = m.id) AS code
         FROM outbox_messages m JOIN contacts c ON c.id = m.contact_id WHERE m.campaign_id = ? ORDER BY m.contact_id`,
      )
      .all(c.id) as Array<{
      id: number;
      channel: string;
      variant: string | null;
      subject: string | null;
      contactId: number;
      first: string;
      code: string | null;
    }>;
    const texts = rows.filter((r) => r.channel === 'sms');
    const mails = rows.filter((r) => r.channel === 'email');
    expect(texts).toHaveLength(40);
    expect(texts.every((r) => r.variant === null)).toBe(true);
    expect(mails).toHaveLength(600);
    const a = mails.filter((r) => r.variant === 'A');
    const b = mails.filter((r) => r.variant === 'B');
    expect(a.length + b.length).toBe(600);
    expect(Math.abs(a.length - b.length)).toBeLessThan(90);
    expect(a.every((r) => r.subject === 'Colour week at Bloom')).toBe(true);
    expect(b.every((r) => r.subject === `${r.first}, 20% off colour ends Friday`)).toBe(true);
    expect(mails.every((r) => r.code !== null)).toBe(true);

    markDelivered(
      h.app,
      rows.map((r) => r.id),
      T0,
    );
    const relay = await h.app.startRelay({ host: '127.0.0.1', port: 0 });
    const click = (code: string) =>
      fetch(`${relay.url}/l/${code}`, {
        redirect: 'manual',
        headers: { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15' },
      });
    // Every e-mail is scanned on arrival (never counted); then 8 % of A's readers click and 25 % of B's.
    h.at(T0 + 3_000);
    for (const r of mails.slice(0, 60)) await click(r.code!);
    h.at(T0 + 2 * HOUR);
    const clickers = [...a.filter((_r, i) => i % 12 === 0), ...b.filter((_r, i) => i % 4 === 0)];
    for (const r of clickers) expect((await click(r.code!)).status).toBe(302);

    h.at(T0 + 80 * HOUR); // every attribution window (72 h) has closed
    const report = await h.report(c.id);
    expect(report.channel).toBe('email');
    expect(report.openedNote).toMatch(/E-mail "opens" are not counted/);
    expect(report.variants.map((v) => [v.name, v.subject, v.messages, v.delivered, v.clicked])).toEqual([
      ['A', 'Colour week at Bloom', a.length, a.length, Math.ceil(a.length / 12)],
      ['B', '{{first_name|Friend}}, 20% off colour ends Friday', b.length, b.length, Math.ceil(b.length / 4)],
    ]);
    expect(report.verdict.decided).toBe(true);
    expect(report.verdict.winner).toBe(1);
    expect(report.verdict.test?.pValue).toBeLessThan(0.05);
    expect(report.winner.state).toBe('not_applicable');

    // The same clicks are the e-mail channel's in the campaign's results.
    h.app.tick();
    const results = await h.ok('analytics:campaignResults', { campaignId: c.id });
    expect(results.channels.find((ch) => ch.channel === 'email')?.clicked).toBe(clickers.length);
    expect(results.channels.find((ch) => ch.channel === 'sms')?.clicked).toBe(0);
  });
});
