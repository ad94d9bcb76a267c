import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/index';
import type { ChannelPeriodFigures } from '../../../shared/ipc/channels/analytics';
import { emailReady } from '../../helpers/email-outbox';
import { abHarness, reply, type AbHarness } from '../abtests/helpers';
import { HOUR, T0, rollupsAndRebuild, seedTagged } from './helpers';

/**
 * The period summary per channel (issue 18 point 7) over a real app: one campaign — a text, else an e-mail, else a
 * call — sent through the Sandbox's three providers, then replies, opt-outs on each channel and sales attributed by
 * the app, each by its public path. The figures per channel are worked out by hand below, and add up to the totals.
 */
let h: AbHarness;
let db: string;
let campaignId: number;
const PERIOD = { from: '2026-12-01', to: '2026-12-05' };

async function cli(args: string[]) {
  const out: string[] = [];
  const code = await runCli(['--db', db, '--json', ...args], {
    stdout: (t) => out.push(t),
    stderr: () => undefined,
    readStdin: async () => '',
  });
  return { code, json: out.length ? JSON.parse(out.join('\n')) : null };
}

beforeAll(async () => {
  h = await abHarness();
  db = join(h.dir, 'desk.sqlite');
  emailReady(h.app, 'https://shop.example');
  h.app.settings.set('voice.callbackNumber', '+14155550100');
  h.app.settings.set('pricing.sandboxPerSegment', 0.0079);
  for (const [k, v] of [
    ['sandboxEmail.deliveryDelayMs', 0],
    ['sandboxEmail.bounceRate', 0],
    ['sandboxEmail.complaintRate', 0],
    ['sandboxEmail.unsubscribeRate', 0],
  ] as const)
    h.app.settings.set(k, v);
  // Four can be texted; three only e-mailed; two only called (prior express written consent).
  const ids = seedTagged(h, 9, 'everyone');
  const set = h.app.db.prepare(
    `UPDATE contacts SET textable = ?, email = ?, email_consent = ?, voice_consent_at = ?, voice_consent_source = ? WHERE id = ?`,
  );
  ids.forEach((id, i) => {
    const kind = i < 4 ? 'text' : i < 7 ? 'email' : 'voice';
    set.run(
      kind === 'text' ? 1 : 0,
      kind === 'email' ? `guest${id}@example.com` : null,
      kind === 'email' ? 1 : null,
      kind === 'voice' ? '2026-01-05T10:00:00.000Z' : null,
      kind === 'voice' ? 'signed form in store' : null,
      id,
    );
  });
  const c = await h.ok('campaigns:create', {
    name: 'Winter sale',
    body: 'Hi {{first_name|there}}, 20% off at {{business_name}} this week. Reply STOP to opt out',
    audience: { tags: ['everyone'] },
    channels: ['sms', 'email', 'voice'],
    email: { subject: 'Winter sale', body: 'Hi {{first_name|there}}, **20% off** this week.' },
    voice: { script: 'Hi {{first_name|there}}, our winter sale starts Friday.' },
  });
  campaignId = c.id;
  await h.ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
  await h.app.dispatcher.runUntilIdle();
  h.advance(1000);
  h.app.tick();
  const msg = h.app.db
    .prepare(
      `SELECT contact_id AS contactId, channel, to_phone AS phone, to_email AS email, state FROM outbox_messages WHERE campaign_id = ? ORDER BY contact_id`,
    )
    .all(c.id) as Array<{ contactId: number; channel: string; phone: string; email: string | null; state: string }>;
  expect(msg.map((m) => [m.channel, m.state])).toEqual([
    ...Array(4).fill(['sms', 'delivered']),
    ...Array(3).fill(['email', 'delivered']),
    ...Array(2).fill(['voice', 'delivered']),
  ]);
  const [t1, t2, t3] = msg.slice(0, 4);
  const [e1, e2, e3] = msg.slice(4, 7);
  const [v1, v2] = msg.slice(7);

  h.at(T0 + 2 * HOUR);
  reply(h.app, t1.phone, 'Is it on all colours?', T0 + 2 * HOUR, 'in1');
  reply(h.app, t2.phone, 'STOP', T0 + 2 * HOUR, 'in2');
  // An e-mail recipient texting the shop is no reply to the e-mail: replies are measured on texts only.
  reply(h.app, e3.phone, 'Thanks!', T0 + 2 * HOUR, 'in3');
  await h.ok('consent:emailOptOut', { email: e1.email! });
  await h.ok('consent:doNotCall', { phone: v1.phone });
  await h.ok('conversions:add', { phone: t3.phone, amount: 40 });
  await h.ok('conversions:add', { phone: e2.phone, amount: 25.5 });
  await h.ok('conversions:add', { phone: v2.phone, amount: 10 });
  h.app.tick();
}, 120_000);
afterAll(async () => {
  await h.close();
});

/** What each channel did, worked out by hand from the scenario above (texts at $0.0079 each; e-mails and calls free). */
const BY_HAND = [
  {
    channel: 'sms',
    sent: 4,
    delivered: 4,
    failed: 0,
    replied: 1,
    clicked: 0,
    optedOut: 1,
    converted: 1,
    revenueMinor: 4000,
    spendMinor: 3.16,
  },
  {
    channel: 'email',
    sent: 3,
    delivered: 3,
    failed: 0,
    replied: null,
    clicked: 0,
    optedOut: 1,
    converted: 1,
    revenueMinor: 2550,
    spendMinor: 0,
  },
  {
    channel: 'voice',
    sent: 2,
    delivered: 2,
    failed: 0,
    replied: null,
    clicked: null,
    optedOut: 1,
    converted: 1,
    revenueMinor: 1000,
    spendMinor: 0,
  },
];

const sum = (rows: ChannelPeriodFigures[], k: keyof ChannelPeriodFigures) =>
  rows.reduce((a, r) => a + ((r[k] as number | null) ?? 0), 0);

describe('the period summary per channel', () => {
  it('gives each channel its own figures, "not measured" where it cannot measure, and they add up to the totals', async () => {
    const s = await h.ok('analytics:summary', { ...PERIOD, bucket: 'day', top: 5 });
    expect(s.channel).toBeNull();
    expect(s.channels.map(({ rates: _r, roi: _roi, ...f }) => f)).toEqual(BY_HAND);
    for (const k of [
      'sent',
      'delivered',
      'failed',
      'replied',
      'clicked',
      'optedOut',
      'converted',
      'revenueMinor',
    ] as const)
      expect(sum(s.channels, k), k).toBe(s.current[k]);
    expect(sum(s.channels, 'spendMinor')).toBeCloseTo(s.current.spendMinor, 9);
    // ROI per channel from its own revenue and spend: texts (40 − 0.0316) ÷ 0.0316; free channels have none.
    expect(s.channels.map((c) => c.roi)).toEqual([expect.closeTo((4000 - 3.16) / 3.16, 6), null, null]);
    expect(s.channels[0].rates.reply).toBe(0.25);
    // In all, each rate over the channels that measure it: replies over the 4 texts, clicks over 4 texts + 3 e-mails.
    expect(s.current.rates).toMatchObject({ reply: 1 / 4, click: 0, optOut: 3 / 9, conversion: 3 / 9 });
    expect(s.channels[1].rates).toMatchObject({ reply: null, optOut: 1 / 3 });
    expect(s.channels[2].rates).toMatchObject({ reply: null, click: null, optOut: 0.5 });
  });

  it('one channel only: the figures, the chart series and the top campaigns are that channel’s', async () => {
    for (const [i, channel] of (['sms', 'email', 'voice'] as const).entries()) {
      const s = await h.ok('analytics:summary', { ...PERIOD, bucket: 'day', top: 5, channel });
      const want = BY_HAND[i];
      expect(s.channel).toBe(channel);
      expect(s.current).toMatchObject({
        sent: want.sent,
        delivered: want.delivered,
        optedOut: want.optedOut,
        converted: want.converted,
        revenueMinor: want.revenueMinor,
      });
      expect(s.series.reduce((a, p) => a + p.sent, 0)).toBe(want.sent);
      expect(s.series.reduce((a, p) => a + p.revenueMinor, 0)).toBe(want.revenueMinor);
      expect(s.topCampaignRows).toEqual([expect.objectContaining({ id: campaignId, sent: want.sent })]);
      // The breakdown is still every channel's.
      expect(s.channels).toHaveLength(3);
    }
  });

  it('the roll-ups kept per channel as events arrived equal a full rebuild', () => {
    const { kept, rebuilt } = rollupsAndRebuild(h.app);
    expect(kept.map((r) => r.channel).sort()).toEqual(['email', 'sms', 'voice']);
    expect(kept).toEqual(rebuilt);
  });

  it('CLI: analytics summary --json keeps its keys and gains channels; --channel keeps one', async () => {
    await h.app.close();
    const all = await cli(['analytics', 'summary', '--from', PERIOD.from, '--to', PERIOD.to]);
    expect(all.code).toBe(0);
    expect(Object.keys(all.json)).toEqual([
      'from',
      'to',
      'sent',
      'delivered',
      'replied',
      'clicked',
      'optedOut',
      'converted',
      'revenue',
      'spend',
      'roi',
      'newContacts',
      'optOuts',
      'topCampaigns',
      'channels',
    ]);
    expect(all.json).toMatchObject({ sent: 9, delivered: 9, replied: 1, optedOut: 3, converted: 3, revenue: 75.5 });
    expect(all.json.channels).toEqual(
      BY_HAND.map(({ revenueMinor, spendMinor, ...f }) => ({
        ...f,
        revenue: revenueMinor / 100,
        spend: Math.round(spendMinor) / 100,
        roi: f.channel === 'sms' ? expect.closeTo((4000 - 3.16) / 3.16, 6) : null,
      })),
    );
    const email = await cli(['analytics', 'summary', '--from', PERIOD.from, '--to', PERIOD.to, '--channel', 'email']);
    expect(email.json).toMatchObject({ sent: 3, replied: 0, optedOut: 1, converted: 1, revenue: 25.5, spend: 0 });
    expect(email.json.channels).toEqual([expect.objectContaining({ channel: 'email', replied: null, sent: 3 })]);
    const bad = await cli(['analytics', 'summary', '--channel', 'fax']);
    expect(bad.code).not.toBe(0);
  });
});
