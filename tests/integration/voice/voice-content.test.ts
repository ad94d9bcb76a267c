import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type DeskApp } from '../../../electron/app';
import type { Channel as IpcChannel, InputOf } from '../../../shared/ipc/contract';
import { CALL_MESSAGE_MAX_S, spokenSeconds, voiceContentProblems } from '../../../shared/voice/content';
import { startFakeTwilioVoice, type FakeTwilioVoice } from '../../fakes/twilio-voice';
import { tempDir } from '../../helpers/db';
import { invokeOk } from '../../helpers/app';

/** 14:00 in New York on a Wednesday. */
const DAYTIME = Date.parse('2026-12-02T19:00:00Z');

let app: DeskApp;
let twilio: FakeTwilioVoice;
let cleanup: () => void;

beforeEach(async () => {
  const dir = tempDir('smsdesk-voice-content-');
  cleanup = dir.cleanup;
  twilio = await startFakeTwilioVoice();
  app = await createApp({
    dbPath: join(dir.dir, 'desk.sqlite'),
    now: () => new Date(DAYTIME),
    log: () => undefined,
    providerTimeoutMs: 2000,
  });
  app.settings.set('business.name', 'Bloom Florist');
  app.settings.set('voice.callbackNumber', '+14155550100');
});

afterEach(async () => {
  await app.close();
  await twilio.close();
  cleanup();
});

const ok = <C extends IpcChannel>(channel: C, input: InputOf<C>) => invokeOk(app, channel, input);
const fails = async <C extends IpcChannel>(channel: C, input: InputOf<C>) => {
  const r = await app.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} succeeded`);
  return r.error.message;
};

const SCRIPT = 'Hi {{first_name|there}}, tulips are in this week at 20% off. See you soon!';
const words = (n: number) => Array.from({ length: n }, () => 'flowers').join(' ');

function twilioReady(): void {
  app.settings.set('voice.provider', 'twilio');
  app.settings.set('twilio.baseUrl', twilio.url);
  app.settings.set('twilio.accountSid', twilio.accountSid);
  app.settings.set('twilio.from', '+14155550100');
  app.secrets.set('twilio.authToken', twilio.authToken);
  app.settings.set('webhooks.publicUrl', 'https://bloom.example');
  app.settings.set('business.testPhones', '(415) 555-0177');
}

describe('a campaign call saved from the wizard', () => {
  it('stores the script in campaigns.voice_json as the snapshot reads it, and reads it back', async () => {
    const c = await ok('campaigns:create', { name: 'Tulip calls', channels: ['voice'], voice: { script: SCRIPT } });
    expect(c.voice).toEqual({ script: SCRIPT });
    const row = app.db.prepare('SELECT voice_json, channels_json FROM campaigns WHERE id = ?').get(c.id);
    expect(row).toEqual({ voice_json: JSON.stringify({ script: SCRIPT }), channels_json: '["voice"]' });
    const recording = 'https://cdn.bloom.example/spring.mp3';
    const edited = await ok('campaigns:update', {
      id: c.id,
      draft: {
        name: 'Tulip calls',
        channels: ['sms', 'voice'],
        body: 'Bloom Florist: tulips! Reply STOP to opt out',
        voice: { recordingUrl: recording },
      },
    });
    expect(edited.voice).toEqual({ recordingUrl: recording });
  });

  it('refuses, in words, a call that is empty, both, not https, or too long for the first minute', async () => {
    const create = (voice: { script?: string; recordingUrl?: string }) =>
      fails('campaigns:create', { name: 'x', channels: ['voice'], voice });
    expect(await create({})).toMatch(/voice channel needs its call/);
    expect(await create({ script: '   ' })).toMatch(/voice channel needs its call/);
    expect(await create({ script: SCRIPT, recordingUrl: 'https://a.example/x.mp3' })).toMatch(
      /script or a recording, not both/,
    );
    expect(await create({ recordingUrl: 'http://a.example/x.mp3' })).toMatch(/must be at an https:\/\/ address/);
    expect(await create({ script: words(120) })).toMatch(/run past its first minute.*remove about 20 words/);
    // Nothing was written.
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM campaigns').get()).toEqual({ n: 0 });
    // Exactly at the budget is fine.
    await ok('campaigns:create', { name: 'y', channels: ['voice'], voice: { script: words(100) } });
  });

  it('the length rule holds for every script: refused exactly when it takes longer than the message budget', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('tulips', '20%', '{{first_name}}', '—', 'call', '9'), { maxLength: 160 }),
        (ws) => {
          const script = ws.join(' ');
          const problems = voiceContentProblems({ script });
          if (!script.trim()) expect(problems[0]).toMatch(/needs its call/);
          else expect(problems.length > 0).toBe(spokenSeconds(script) > CALL_MESSAGE_MAX_S);
        },
      ),
    );
  });
});

describe('"Call my phone": one test call of the built call through Twilio', () => {
  it('says why it cannot ring while calls are simulated or Twilio is not set up', async () => {
    app.settings.set('business.testPhones', '+14155550177');
    expect(await fails('voice:testCall', { script: SCRIPT })).toMatch(
      /simulated by the Sandbox.*set the voice provider to Twilio/,
    );
    app.settings.set('voice.provider', 'twilio');
    expect(await fails('voice:testCall', { script: SCRIPT })).toMatch(/Twilio is not set up/);
    const setup = await ok('voice:callSetup', {});
    expect(setup.testCallProblem).toMatch(/Twilio is not set up/);
    expect(twilio.requests).toHaveLength(0);
  });

  it('rings the owner’s phone with the identification, the opt-out key, the script and the closing', async () => {
    twilioReady();
    const setup = await ok('voice:callSetup', {});
    expect(setup).toMatchObject({
      provider: 'twilio',
      businessName: 'Bloom Florist',
      callbackNumber: '+14155550100',
      optOutDigit: '9',
      testNumber: '+14155550177',
      testCallProblem: null,
      problems: [],
    });
    const r = await ok('voice:testCall', { script: SCRIPT });
    expect(twilio.calls).toHaveLength(1);
    const call = twilio.calls[0];
    expect(r).toMatchObject({ to: '+14155550177', callSid: call.sid });
    expect(call).toMatchObject({ to: '+14155550177', from: '+14155550100', machineDetection: 'DetectMessageEnd' });
    expect(call.twiml).toMatch(
      /This is a message from Bloom Florist.*press 9 now.*Hi there, tulips are in this week.*or call 4 1 5, 5 5 5, 0 1 0 0 and press 9/,
    );
    expect(call.twiml).toContain(
      '<Gather input="dtmf" numDigits="1" action="https://bloom.example/webhooks/twilio-voice/gather?d=9"',
    );
    expect(r.body.split('\n')[0]).toBe('This is a message from Bloom Florist. You can call us back at (415) 555-0100.');
    // Outside any campaign: nothing in the outbox.
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM outbox_messages').get()).toEqual({ n: 0 });
    // A recording plays instead of the script.
    await ok('voice:testCall', { recordingUrl: 'https://cdn.bloom.example/spring.mp3' });
    expect(twilio.calls[1].twiml).toContain('<Play>https://cdn.bloom.example/spring.mp3</Play>');
  });

  it('refuses a bad call before ringing, and says what Twilio answered when it refuses', async () => {
    twilioReady();
    expect(await fails('voice:testCall', { recordingUrl: 'http://a.example/x.mp3' })).toMatch(/https:\/\//);
    expect(twilio.calls).toHaveLength(0);
    app.secrets.set('twilio.authToken', 'wrong-token');
    expect(await fails('voice:testCall', { script: SCRIPT })).toMatch(/Twilio did not place the test call/);
  });
});
