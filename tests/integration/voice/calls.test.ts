import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type DeskApp } from '../../../electron/app';
import { buildCallFromSettings } from '../../../electron/voice';
import { startFakeTwilioVoice, type FakeTwilioVoice } from '../../fakes/twilio-voice';
import { tempDir } from '../../helpers/db';
import { seedContacts } from '../../helpers/seed';
import { invokeOk } from '../../helpers/app';

/** 14:00 in New York and 11:00 in Los Angeles on a Wednesday: inside 8:00–21:00 everywhere in the US. */
const DAYTIME = Date.parse('2026-12-02T19:00:00Z');

let t = DAYTIME;
let app: DeskApp;
let twilio: FakeTwilioVoice;
let cleanup: () => void;

beforeEach(async () => {
  t = DAYTIME;
  const dir = tempDir('smsdesk-voice-');
  cleanup = dir.cleanup;
  twilio = await startFakeTwilioVoice({ invalidNumbers: ['+14155550199'] });
  app = await createApp({
    dbPath: join(dir.dir, 'desk.sqlite'),
    now: () => new Date(t),
    log: () => undefined,
    providerTimeoutMs: 2000,
    dispatch: { rates: { twilio_voice: 500 }, pollMs: 10, backoff: { baseMs: 10, capMs: 50 } },
  });
  const relay = await app.startRelay({ host: '127.0.0.1', port: 0 });
  app.settings.set('business.name', 'Bloom Florist');
  app.settings.set('voice.provider', 'twilio');
  app.settings.set('voice.callbackNumber', '+14155550100');
  app.settings.set('twilio.baseUrl', twilio.url);
  app.settings.set('twilio.accountSid', twilio.accountSid);
  app.settings.set('twilio.from', '+14155550100');
  app.secrets.set('twilio.authToken', twilio.authToken);
  app.settings.set('webhooks.publicUrl', relay.url);
});

afterEach(async () => {
  await app.close();
  await twilio.close();
  cleanup();
});

/** A campaign of calls to `n` contacts, snapshotted into the outbox as the campaign snapshot writes voice rows. */
function callCampaign(phones: string[] | number): { campaignId: number } {
  const nowIso = new Date(t).toISOString();
  const ids =
    typeof phones === 'number'
      ? seedContacts(app.db, phones, { nowIso })
      : phones.map((p) =>
          Number(
            app.db
              .prepare('INSERT INTO contacts (phone, created_at, updated_at) VALUES (?, ?, ?)')
              .run(p, nowIso, nowIso).lastInsertRowid,
          ),
        );
  const campaignId = Number(
    app.db
      .prepare(
        `INSERT INTO campaigns (name, body, audience_json, provider, status, snapshot_state, channels_json, created_at, updated_at)
         VALUES ('Spring calls', '', '{}', 'twilio', 'sending', 'complete', '["voice"]', ?, ?)`,
      )
      .run(nowIso, nowIso).lastInsertRowid,
  );
  const call = buildCallFromSettings(app.settings, { script: 'Tulips are in, 20% off this week.' });
  const insert = app.db.prepare(
    `INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, from_number, body, provider, state, channel, voice_json, created_at, updated_at, next_attempt_at)
     SELECT ?, id, 'campaign', phone, '+14155550100', ?, 'twilio_voice', 'queued', 'voice', ?, ?, ?, ? FROM contacts WHERE id = ?`,
  );
  for (const id of ids) insert.run(campaignId, call.body, call.voiceJson, nowIso, nowIso, nowIso, id);
  return { campaignId };
}

const outbox = (campaignId: number) =>
  app.db
    .prepare(
      `SELECT to_phone AS phone, state, provider_message_id AS sid, error_code AS errorCode, call_answered_by AS answeredBy,
              call_duration_s AS durationS FROM outbox_messages WHERE campaign_id = ? ORDER BY id`,
    )
    .all(campaignId) as Array<{
    phone: string;
    state: string;
    sid: string | null;
    errorCode: string | null;
    answeredBy: string | null;
    durationS: number | null;
  }>;

const process = () => app.tick();

describe('voice calls through the outbox and a fake Twilio Voice', () => {
  it('places each call with its TwiML, machine detection and status callbacks, and settles it from the callbacks', async () => {
    const { campaignId } = callCampaign(3);
    // Before any call is placed, the channel is there with its calls waiting.
    const waiting = await invokeOk(app, 'analytics:campaignResults', { campaignId });
    expect(waiting.channels).toEqual([expect.objectContaining({ channel: 'voice', sent: 0, pending: 3 })]);
    expect(waiting.channels[0].calls).toBeUndefined();
    await app.dispatcher.runUntilIdle(300);
    expect(twilio.calls).toHaveLength(3);
    // The calls may reach the fake in any order (placed side by side): take them in the outbox's order.
    const [first, second, third] = outbox(campaignId).map((r) => twilio.calls.find((c) => c.to === r.phone)!);
    expect(first.machineDetection).toBe('DetectMessageEnd');
    expect(first.statusCallback).toBe(`${app.settings.get('webhooks.publicUrl')}/webhooks/twilio-voice/status`);
    expect(first.statusCallbackEvents).toEqual(['initiated', 'ringing', 'answered', 'completed']);
    expect(first.twiml).toContain('Bloom Florist');
    expect(outbox(campaignId).map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);

    expect(await twilio.answer(first.sid, { answeredBy: 'human', durationS: 42 })).toEqual([200, 200, 200, 200]);
    await twilio.answer(second.sid, { answeredBy: 'machine_end_beep', durationS: 28 });
    await twilio.end(third.sid, 'no-answer');
    // A redelivered callback is stored once.
    await twilio.end(third.sid, 'no-answer');
    process();
    expect(outbox(campaignId)).toEqual([
      expect.objectContaining({ state: 'delivered', answeredBy: 'human', durationS: 42 }),
      expect.objectContaining({ state: 'delivered', answeredBy: 'machine_end_beep', durationS: 28 }),
      expect.objectContaining({ state: 'undelivered', errorCode: 'no-answer', durationS: 0 }),
    ]);
    // The campaign's results: the calls' figures on the voice channel, and how the placed calls ended.
    const results = await invokeOk(app, 'analytics:campaignResults', { campaignId });
    expect(results.channels).toEqual([
      expect.objectContaining({
        channel: 'voice',
        sent: 3,
        delivered: 2,
        failed: 1,
        pending: 0,
        calls: { answered: 1, voicemail: 1, notAnswered: 1 },
      }),
    ]);
  });

  it('the opt-out key records do-not-call in the consent log and later calls to that number are skipped', async () => {
    const phones = ['+14155550111', '+14155550122'];
    const { campaignId } = callCampaign(phones);
    await app.dispatcher.runUntilIdle(300);
    const call = twilio.calls.find((c) => c.to === phones[0])!;

    const other = await twilio.press(call.sid, '3');
    expect(other.status).toBe(200);
    expect(other.twiml).toContain('Tulips are in');
    expect(other.twiml).toContain('<Gather');

    const stop = await twilio.press(call.sid, '9');
    expect(stop.status).toBe(200);
    expect(stop.twiml).toMatch(/removed from Bloom Florist.*call list.*<Hangup\/>/);
    process();
    expect(app.db.prepare('SELECT dnc FROM contacts WHERE phone = ?').get(phones[0])).toEqual({ dnc: 1 });
    expect(app.db.prepare(`SELECT phone, channel, source, new_state AS state FROM optout_audit`).all()).toEqual([
      { phone: phones[0], channel: 'voice', source: 'keypress', state: 'opted_out' },
    ]);
    expect(app.db.prepare('SELECT dnc FROM contacts WHERE phone = ?').get(phones[1])).toEqual({ dnc: 0 });

    // A later campaign of calls skips the number on the do-not-call list.
    const later = callCampaign([]);
    const contactId = (app.db.prepare('SELECT id FROM contacts WHERE phone = ?').get(phones[0]) as { id: number }).id;
    const nowIso = new Date(t).toISOString();
    const again = buildCallFromSettings(app.settings, { script: 'Roses too.' });
    app.db
      .prepare(
        `INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, from_number, body, provider, state, channel, voice_json, created_at, updated_at, next_attempt_at)
         VALUES (?, ?, 'campaign', ?, '+14155550100', ?, 'twilio_voice', 'queued', 'voice', ?, ?, ?, ?)`,
      )
      .run(later.campaignId, contactId, phones[0], again.body, again.voiceJson, nowIso, nowIso, nowIso);
    const before = twilio.calls.length;
    await app.dispatcher.runUntilIdle(300);
    expect(twilio.calls.length).toBe(before);
    expect(outbox(later.campaignId)).toEqual([expect.objectContaining({ state: 'skipped' })]);
    expect(outbox(campaignId)).toHaveLength(2);
  });

  it('holds calls outside 8:00–21:00 recipient local time, then places them when the window opens', async () => {
    // 02:00 UTC: 21:00 in New York, 18:00 in Los Angeles — a New York number waits, a Los Angeles one is called.
    t = Date.parse('2026-12-03T02:30:00Z');
    const { campaignId } = callCampaign(['+12125550100', '+13105550100']);
    await app.dispatcher.runUntilIdle(300);
    expect(twilio.calls.map((c) => c.to)).toEqual(['+13105550100']);
    const waiting = app.db
      .prepare(
        `SELECT error_code AS code, next_attempt_at AS next FROM outbox_messages WHERE to_phone = '+12125550100'`,
      )
      .get() as { code: string; next: string };
    expect(waiting.code).toBe('quiet_hours');
    expect(Date.parse(waiting.next)).toBeGreaterThanOrEqual(Date.parse('2026-12-03T13:00:00Z'));
    t = Date.parse(waiting.next) + 1000;
    await app.dispatcher.runUntilIdle(300);
    expect(twilio.calls.map((c) => c.to)).toEqual(['+13105550100', '+12125550100']);
    expect(outbox(campaignId).map((r) => r.state)).toEqual(['sent', 'sent']);
  });

  it('maps Twilio errors: an invalid number fails for good', async () => {
    const { campaignId } = callCampaign(['+14155550199']);
    await app.dispatcher.runUntilIdle(300);
    expect(outbox(campaignId)).toEqual([expect.objectContaining({ state: 'failed', errorCode: '21211' })]);
  });

  it('forged callbacks and key presses change nothing', async () => {
    const phones = ['+14155550133'];
    const { campaignId } = callCampaign(phones);
    await app.dispatcher.runUntilIdle(300);
    const call = twilio.calls[0];
    const base = app.settings.get('webhooks.publicUrl');
    const forge = (path: string, params: Record<string, string>) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': 'Zm9yZ2VkIHNpZ25hdHVyZQ==',
        },
        body: new URLSearchParams(params).toString(),
      });
    const params = { CallSid: call.sid, To: call.to, From: call.from, Direction: 'outbound-api' };
    expect((await forge('/webhooks/twilio-voice/status', { ...params, CallStatus: 'completed' })).status).toBe(401);
    expect((await forge('/webhooks/twilio-voice/gather?d=9', { ...params, Digits: '9' })).status).toBe(401);
    process();
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM webhook_events').get()).toEqual({ n: 0 });
    expect(app.db.prepare('SELECT dnc FROM contacts WHERE phone = ?').get(phones[0])).toEqual({ dnc: 0 });
    expect(outbox(campaignId)[0].state).toBe('sent');
  });
});
