import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignVariant } from '../../../shared/abtests';
import type { InputOf } from '../../../shared/ipc/contract';
import { campaignSeed } from '../../../electron/campaigns/variants';
import { startFakeTwilioVoice, type FakeTwilioVoice } from '../../fakes/twilio-voice';
import { seedContacts } from '../../helpers/seed';
import { abHarness, HOUR, T0, type AbHarness } from './helpers';

let h: AbHarness;
let twilio: FakeTwilioVoice;

beforeEach(async () => {
  twilio = await startFakeTwilioVoice({ rateLimitPerSecond: 'unlimited' });
  h = await abHarness({
    providerTimeoutMs: 2000,
    dispatch: { rates: { twilio_voice: 1000 }, pollMs: 10, backoff: { baseMs: 10, capMs: 50 } },
  });
  const relay = await h.app.startRelay({ host: '127.0.0.1', port: 0 });
  const s = h.app.settings;
  s.set('voice.provider', 'twilio');
  s.set('voice.callbackNumber', '+14155550100');
  s.set('twilio.baseUrl', twilio.url);
  s.set('twilio.accountSid', twilio.accountSid);
  s.set('twilio.from', '+14155550100');
  h.app.secrets.set('twilio.authToken', twilio.authToken);
  s.set('webhooks.publicUrl', relay.url);
  s.set('abtests.minSamplePerVariant', 30);
});

afterEach(async () => {
  await h.close();
  await twilio.close();
});

const SCRIPT_A = 'Tulips are in this week at 20 percent off.';
const SCRIPT_B = 'Hi {{first_name|there}}, your favourite tulips are back: 20 percent off until Friday.';
const VOICE_AB = {
  channel: 'voice' as const,
  variants: [
    { name: 'A', body: SCRIPT_A },
    { name: 'B', body: SCRIPT_B },
  ],
  split: [50, 50],
  metric: 'converted' as const,
};

const fails = async (input: InputOf<'campaigns:create'>) => {
  const r = await h.app.dispatch('campaigns:create', input);
  if (r.ok) throw new Error('created');
  return r.error.message;
};

/** Contacts who gave written consent to calls (landlines: they cannot be texted). */
function callableContacts(n: number): number[] {
  const ids = seedContacts(h.app.db, n, { tag: 'regulars', nowIso: new Date(T0 - 30 * 24 * HOUR).toISOString() });
  const set = h.app.db.prepare(
    `UPDATE contacts SET textable = 0, not_textable_reason = 'landline', voice_consent_at = ?, voice_consent_source = 'signed form' WHERE id = ?`,
  );
  for (const id of ids) set.run(new Date(T0 - 60 * 24 * HOUR).toISOString(), id);
  return ids;
}

interface CallRow {
  id: number;
  contactId: number;
  variant: string | null;
  phone: string;
  body: string;
  voiceJson: string;
  first: string;
}

const callRows = (campaignId: number): CallRow[] =>
  h.app.db
    .prepare(
      `SELECT m.id, m.contact_id AS contactId, m.variant, m.to_phone AS phone, m.body, m.voice_json AS voiceJson, c.first_name AS first
       FROM outbox_messages m JOIN contacts c ON c.id = m.contact_id
       WHERE m.campaign_id = ? AND m.channel = 'voice' ORDER BY m.contact_id`,
    )
    .all(campaignId) as CallRow[];

/** The call the fake Twilio placed for an outbox row (calls may reach it in any order). */
const callOf = (r: CallRow) => twilio.calls.find((call) => call.to === r.phone)!;

describe('A/B tests on the voice channel', () => {
  it('refuses what a call test cannot measure or send, in words, and never a variant without its call', async () => {
    const base = { name: 'x', channels: ['voice' as const] };
    expect(await fails({ ...base, ab: { ...VOICE_AB, metric: 'clicked' } })).toMatch(/compares conversions/);
    expect(await fails({ ...base, ab: { ...VOICE_AB, metric: 'replied' } })).toMatch(/no replies or link clicks/);
    // "Test, then send the winner" is refused with its reason.
    expect(await fails({ ...base, ab: { ...VOICE_AB, testPercent: 20 } })).toMatch(
      /not available for calls: the winner goes out as a text.*leave the test sample out/,
    );
    expect(await fails({ ...base, channels: ['sms'], body: 'Hi. Reply STOP to opt out', ab: VOICE_AB })).toMatch(
      /add voice to the channels/,
    );
    expect(await fails({ ...base, ab: VOICE_AB, voice: { script: 'Hello' } })).toMatch(
      /leave the campaign’s own call out/,
    );
    const long = Array.from({ length: 120 }, () => 'tulips').join(' ');
    const tooLong = { ...VOICE_AB, variants: [VOICE_AB.variants[0], { name: 'B', body: long }] };
    expect(await fails({ ...base, ab: tooLong })).toMatch(/^Variant B: The script takes about 48 seconds/);
    const http = { name: 'B', body: 'Spring offer', recordingUrl: 'http://bloom.example/b.mp3' };
    expect(await fails({ ...base, ab: { ...VOICE_AB, variants: [VOICE_AB.variants[0], http] } })).toMatch(
      /^Variant B: The recording must be at an https:\/\/ address/,
    );
    const textAb = { ...VOICE_AB, channel: undefined, metric: 'replied' as const };
    const recorded = [{ name: 'A', body: 'Hi. Reply STOP to opt out', recordingUrl: 'https://bloom.example/a.mp3' }];
    expect(
      await fails({ name: 'x', ab: { ...textAb, variants: [...recorded, { name: 'B', body: 'Hello. STOP to end' }] } }),
    ).toMatch(/a recording is for call variants/);
    expect(h.app.db.prepare('SELECT COUNT(*) AS n FROM campaigns').get()).toEqual({ n: 0 });
  });

  it('calls each recipient with the variant of the split, always with the identification and the opt-out key, and judges conversions', async () => {
    const ids = callableContacts(200);
    const recording = 'https://cdn.bloom.example/tulips-c.mp3';
    const c = await h.ok('campaigns:create', {
      name: 'Tulip calls',
      audience: { tags: ['regulars'] },
      channels: ['voice'],
      ab: {
        ...VOICE_AB,
        variants: [...VOICE_AB.variants, { name: 'C', body: 'Maria reads the tulip offer', recordingUrl: recording }],
        split: [40, 40, 20],
      },
    });
    await h.ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });

    // Each recipient's variant is the hash of campaign and contact: the same on every run.
    const rows = callRows(c.id);
    expect(rows).toHaveLength(200);
    const created = h.app.db.prepare('SELECT created_at AS createdAt FROM campaigns WHERE id = ?').get(c.id) as {
      createdAt: string;
    };
    const seed = campaignSeed({ id: c.id, createdAt: created.createdAt });
    expect(rows.map((r) => r.variant)).toEqual(ids.map((id) => ['A', 'B', 'C'][assignVariant(seed, id, [40, 40, 20])]));
    const a = rows.filter((r) => r.variant === 'A');
    const b = rows.filter((r) => r.variant === 'B');
    const cRows = rows.filter((r) => r.variant === 'C');
    expect(a.length + b.length + cRows.length).toBe(200);
    expect(Math.min(a.length, b.length)).toBeGreaterThan(50);

    // Every call says who is calling and the number first, then offers the opt-out key, then its own message.
    await h.app.dispatcher.runUntilIdle(2000);
    expect(twilio.calls).toHaveLength(200);
    for (const r of rows) {
      const twiml = callOf(r).twiml;
      expect(twiml).toMatch(
        /^<\?xml.*<Gather input="dtmf" numDigits="1" action="[^"]+\/webhooks\/twilio-voice\/gather\?d=9".*This is a message from Bloom Salon\. You can call us back at 4 1 5, 5 5 5, 0 1 0 0\..*To stop these calls, press 9 now\./,
      );
      expect(twiml).toContain('or call 4 1 5, 5 5 5, 0 1 0 0 and press 9. Goodbye.');
      expect(r.body.split('\n').slice(0, 2)).toEqual([
        'This is a message from Bloom Salon. You can call us back at (415) 555-0100.',
        'To stop these calls, press 9 now.',
      ]);
      if (r.variant === 'A') expect(twiml).toContain(`>${SCRIPT_A}</Say>`);
      if (r.variant === 'B') expect(twiml).toContain(`>Hi ${r.first}, your favourite tulips are back`);
      if (r.variant === 'C') expect(twiml).toContain(`<Play>${recording}</Play>`);
      if (r.variant !== 'B') expect(twiml).not.toContain('favourite tulips');
    }

    // Everyone answers; five of B's press the opt-out key. B converts 30 %, A 5 %, C 10 % (marked by the owner).
    for (const r of rows) await twilio.answer(callOf(r).sid);
    for (const r of b.slice(0, 5)) expect((await twilio.press(callOf(r).sid, '9')).status).toBe(200);
    h.app.tick();
    const converted = [
      ...a.filter((_r, i) => i % 20 === 0),
      ...b.filter((_r, i) => i % 10 < 3),
      ...cRows.filter((_r, i) => i % 10 === 0),
    ];
    h.at(T0 + 5 * HOUR);
    for (const r of converted) await h.ok('abtests:markConversion', { contactId: r.contactId, campaignId: c.id });

    h.at(T0 + 80 * HOUR); // every attribution window (72 h) has closed
    const report = await h.report(c.id);
    expect(report.channel).toBe('voice');
    expect(report.basis).toBe('delivered');
    expect(report.openedNote).toMatch(/Calls get no replies, link clicks or opens/);
    expect(report.variants.map((v) => [v.name, v.body, v.recordingUrl, v.messages, v.delivered, v.optedOut])).toEqual([
      ['A', SCRIPT_A, null, a.length, a.length, 0],
      ['B', SCRIPT_B, null, b.length, b.length, 5],
      ['C', 'Maria reads the tulip offer', recording, cRows.length, cRows.length, 0],
    ]);
    expect(report.variants.map((v) => v.converted)).toEqual([
      Math.ceil(a.length / 20),
      b.filter((_r, i) => i % 10 < 3).length,
      Math.ceil(cRows.length / 10),
    ]);
    expect(report.verdict.reason, report.verdict.sentence).not.toBe('not_enough_data');
    expect(report.verdict.decided).toBe(true);
    expect(report.verdict.winner).toBe(1);
    expect(report.verdict.test?.pValue).toBeLessThan(0.05);
    expect(report.winner.state).toBe('not_applicable');

    // The key presses are the voice channel's opt-outs in the campaign's results too.
    const results = await h.ok('analytics:campaignResults', { campaignId: c.id });
    expect(results.channels.find((ch) => ch.channel === 'voice')?.optedOut).toBe(5);
  });
});
