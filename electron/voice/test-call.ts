import { AppError } from '../../shared/errors';
import type { CallSetup, TestCallResult } from '../../shared/ipc/channels/voice';
import { splitTestPhones } from '../../shared/test-phones';
import { voiceContentProblems } from '../../shared/voice/content';
import type { VoiceContent } from '../../shared/voice/script';
import type { DeskCore } from '../core';
import { contactByPhone, phoneToE164, previewForContact } from '../templates';
import { callSettings, buildCallFromSettings } from './settings';

type VoiceCore = Pick<DeskCore, 'db' | 'settings' | 'secrets' | 'provider' | 'audit'>;

const E164 = /^\+[1-9]\d{6,14}$/;

/** What keeps any call from being placed, from the settings (buildCall refuses the same things at launch). */
function setupProblems(core: VoiceCore): string[] {
  const s = callSettings(core.settings);
  const problems: string[] = [];
  if (!s.business.name.trim())
    problems.push('The business name said at the start of every call is missing: set your business name in Settings.');
  if (!E164.test(s.business.callbackNumber))
    problems.push(
      'The number said at the start of every call is missing: set the voice callback number (or your Twilio number) in Settings.',
    );
  if (!s.relayUrls.gather)
    problems.push(
      'The relay’s public address is not set, so the opt-out key press could not reach the app: set it in Settings → Webhooks.',
    );
  return problems;
}

/** The owner's phone for test calls: the first of business.testPhones (as E.164), or null. */
function testNumber(core: VoiceCore): string | null {
  const first = splitTestPhones(core.settings.get('business.testPhones'))[0];
  if (first === undefined) return null;
  try {
    return phoneToE164(first, core.settings.get('contacts.defaultCountry'));
  } catch {
    return null;
  }
}

/** Why a test call cannot ring the owner's phone now, in words; null when it can. */
function testCallProblem(core: VoiceCore, to: string | null): string | null {
  if (core.settings.get('voice.provider') !== 'twilio')
    return 'Calls are simulated by the Sandbox, so no phone would ring. To hear this call, set the voice provider to Twilio with your Twilio account (Settings → Voice).';
  if (!core.settings.get('twilio.accountSid').trim() || !core.secrets.get('twilio.authToken'))
    return 'Twilio is not set up: add your Twilio Account SID and Auth Token in Settings → Twilio to place calls.';
  if (!E164.test(core.settings.get('twilio.from')))
    return 'Calls need your Twilio phone number to call from: set the Twilio sending number (e.g. +14155550100) in Settings → Twilio.';
  if (to === null)
    return 'No test number is set: add your own phone number in Settings (business.testPhones), e.g. +14155550100.';
  return setupProblems(core)[0] ?? null;
}

/** The call's settings as the wizard shows them, with what would stop a call or a test call. */
export function callSetup(core: VoiceCore): CallSetup {
  const s = callSettings(core.settings);
  const to = testNumber(core);
  return {
    provider: core.settings.get('voice.provider'),
    businessName: s.business.name.trim(),
    callbackNumber: s.business.callbackNumber,
    optOutDigit: s.optOutDigit,
    voice: s.voice,
    language: s.language,
    problems: setupProblems(core),
    testNumber: to,
    testCallProblem: testCallProblem(core, to),
  };
}

/**
 * Rings the owner's own phone once with the call exactly as a campaign would build it (the script rendered for the
 * owner's contact, or the first contact), through Twilio, outside any campaign and outbox: nothing is counted.
 */
export async function placeTestCall(core: VoiceCore, content: VoiceContent): Promise<TestCallResult> {
  const to = testNumber(core);
  const problem = testCallProblem(core, to) ?? voiceContentProblems(content)[0];
  if (problem || to === null) throw new AppError('invalid_input', problem ?? 'No test number is set.');
  const script = content.script?.trim()
    ? previewForContact(core, {
        body: content.script,
        ...(contactByPhone(core.db, to) ? { phone: to } : {}),
      }).text
    : null;
  const call = buildCallFromSettings(core.settings, { script, recordingUrl: content.recordingUrl?.trim() || null });
  const outcome = await core
    .provider('twilio_voice')
    .send({ to, from: core.settings.get('twilio.from'), body: call.body, channel: 'voice', voiceJson: call.voiceJson });
  if (!outcome.ok) throw new AppError('provider_error', `Twilio did not place the test call: ${outcome.message}`);
  core.audit('voice.testCall', to, { callSid: outcome.providerMessageId });
  return { to, callSid: outcome.providerMessageId, body: call.body };
}
