import type { SqliteDb } from '../db/connection';
import type { SettingsStore } from '../settings/store';
import { optOutConfirmationTwiml, readCallPlan, voiceRelayUrls, type CallPlan } from './call';
import { callSettings } from './settings';
import { voiceJsonOfCall } from './queries';
import { element, twimlDocument } from './xml';

type Settings = Pick<SettingsStore, 'get'>;

function planOf(db: SqliteDb, callSid: string): CallPlan | null {
  try {
    return readCallPlan(voiceJsonOfCall(db, callSid));
  } catch {
    return null;
  }
}

/**
 * What the relay answers to a key press: after the opt-out key, the confirmation in the call's own voice and a hang-up;
 * after any other key, the rest of the message (still listening for the opt-out key). A call we cannot find (a call
 * to the callback number) is answered in the voice of the settings.
 */
export function answerKeyPress(db: SqliteDb, settings: Settings, callSid: string, optedOut: boolean): string {
  const plan = planOf(db, callSid);
  if (optedOut) {
    const s = callSettings(settings);
    return optOutConfirmationTwiml(plan ?? { voice: s.voice, language: s.language, businessName: s.business.name });
  }
  return plan ? plan.continueTwiml : twimlDocument([element('Hangup', {})]);
}

/**
 * A call to the callback number (the number said on every call and voicemail): who we are and the same key-press
 * opt-out. The owner points the Twilio number's "A call comes in" webhook at `/webhooks/twilio-voice/incoming`.
 */
export function answerIncomingCall(settings: Settings): string {
  const s = callSettings(settings);
  const say = (text: string) => element('Say', { voice: s.voice, language: s.language }, [{ text }]);
  const publicUrl = settings.get('webhooks.publicUrl');
  const gather = new URL(voiceRelayUrls(publicUrl || 'http://127.0.0.1').gather);
  gather.searchParams.set('d', s.optOutDigit);
  return twimlDocument([
    element('Gather', { input: 'dtmf', numDigits: 1, action: gather.toString(), method: 'POST', timeout: 5 }, [
      say(`You have reached ${s.business.name}.`),
      say(`To stop our calls, press ${s.optOutDigit} now.`),
    ]),
    say('Goodbye.'),
    element('Hangup', {}),
  ]);
}
