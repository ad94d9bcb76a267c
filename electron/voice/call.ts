import { z } from 'zod';
import { AppError } from '../../shared/errors';
import {
  callScriptText,
  LANGUAGE_PATTERN,
  optOutConfirmation,
  spokenCall,
  VOICE_PATTERN,
  type VoiceBusiness,
  type VoiceMessage,
} from '../../shared/voice/script';
import { element, twimlDocument, type Attributes } from './xml';

/** Twilio's limit on the `Twiml` parameter of a call. */
export const TWIML_MAX_CHARS = 4000;
/** Seconds Twilio waits for a key after the last word before it moves on. */
const GATHER_TIMEOUT_S = 3;

export interface BuildCallInput {
  /** The message read by text-to-speech (variables already filled in) … */
  script?: string | null;
  /** … or a recording played from an https URL. Exactly one of the two. */
  recordingUrl?: string | null;
  voice: string;
  language: string;
  business: VoiceBusiness;
  /** The key that stops these calls (one digit). */
  optOutDigit: string;
  /** Where Twilio posts the key press: the relay's public `/webhooks/twilio-voice/gather` URL. */
  relayUrls: { gather: string };
}

/** What the outbox keeps for a call (outbox_messages.voice_json), read back by the providers and the relay. */
export const callPlanSchema = z.object({
  v: z.literal(1),
  /** The TwiML Twilio plays when the call is answered (after the beep on voicemail: DetectMessageEnd). */
  twiml: z.string(),
  /** What plays when a key other than the opt-out key is pressed: the message again, still listening for the key. */
  continueTwiml: z.string(),
  optOutDigit: z.string().regex(/^[0-9]$/),
  voice: z.string(),
  language: z.string(),
  businessName: z.string(),
});
export type CallPlan = z.infer<typeof callPlanSchema>;

export interface BuiltCall {
  /** The call as text (identification, opt-out offer, message, closing), for the outbox row's body. */
  body: string;
  /** A `CallPlan` as JSON. */
  voiceJson: string;
}

function invalid(message: string): never {
  throw new AppError('invalid_input', message);
}

function checkedMessage(input: BuildCallInput): VoiceMessage {
  const script = input.script?.trim() ?? '';
  const url = input.recordingUrl?.trim() ?? '';
  if (script && url) invalid('A voice message is either a script or a recording, not both: remove one of them.');
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return invalid(`The recording address "${url}" is not a web address.`);
    }
    if (parsed.protocol !== 'https:') invalid(`The recording must be at an https:// address (got "${url}").`);
    return { kind: 'play', url: parsed.toString() };
  }
  if (!script) invalid('The voice message is empty: write a script or give the address of a recording.');
  return { kind: 'say', text: script };
}

function checkInput(input: BuildCallInput): void {
  if (!/^[0-9]$/.test(input.optOutDigit))
    invalid(`The opt-out key must be one digit, 0 to 9 (got "${input.optOutDigit}").`);
  if (!VOICE_PATTERN.test(input.voice))
    invalid(`"${input.voice}" is not a voice Twilio knows: use alice, man, woman, Polly.<Name> or Google.<name>.`);
  if (!LANGUAGE_PATTERN.test(input.language))
    invalid(`"${input.language}" is not a language with its region, e.g. en-US or es-MX.`);
  if (!input.business.name.trim()) invalid('The business name to say at the start of each call is missing (Settings).');
  if (!/^\+[1-9]\d{6,14}$/.test(input.business.callbackNumber))
    invalid('The callback number to say at the start of each call is missing or not a full number like +14155550100.');
  let gather: URL;
  try {
    gather = new URL(input.relayUrls.gather);
  } catch {
    return invalid(
      'The relay’s public address is not set, so a key press could not reach the app (Settings → Webhooks).',
    );
  }
  if (gather.protocol !== 'https:' && gather.protocol !== 'http:')
    invalid('The relay’s public address must be http(s).');
}

/**
 * Builds a call: the business and its number first, then within 2 seconds the key-press opt-out, the message
 * (`<Say>` or `<Play>`), and the number that reaches the same opt-out. Everything sits inside one `<Gather>`, so the
 * key works at any moment of the call; on voicemail (answering-machine detection with DetectMessageEnd) Twilio starts
 * it after the beep. Pure: throws AppError('invalid_input') naming what is wrong.
 */
export function buildCall(input: BuildCallInput): BuiltCall {
  checkInput(input);
  const message = checkedMessage(input);
  const call = spokenCall({ message, business: input.business, optOutDigit: input.optOutDigit });
  const say = (text: string) => element('Say', { voice: input.voice, language: input.language }, [{ text }]);
  const messageVerb = message.kind === 'say' ? say(message.text) : element('Play', {}, [{ text: message.url }]);
  const gatherUrl = new URL(input.relayUrls.gather);
  gatherUrl.searchParams.set('d', input.optOutDigit);
  const gather = (verbs: string[]) => {
    const attrs: Attributes = {
      input: 'dtmf',
      numDigits: 1,
      action: gatherUrl.toString(),
      method: 'POST',
      timeout: GATHER_TIMEOUT_S,
    };
    return element('Gather', attrs, verbs);
  };
  const twiml = twimlDocument([
    gather([say(call.identification), say(call.optOutOffer), messageVerb, say(call.closing)]),
    element('Hangup', {}),
  ]);
  if (twiml.length > TWIML_MAX_CHARS) {
    invalid(
      `The call is too long for Twilio (${twiml.length} of ${TWIML_MAX_CHARS} characters of TwiML): shorten the script or use a recording.`,
    );
  }
  const continueTwiml = twimlDocument([gather([messageVerb, say(call.closing)]), element('Hangup', {})]);
  const plan: CallPlan = {
    v: 1,
    twiml,
    continueTwiml,
    optOutDigit: input.optOutDigit,
    voice: input.voice,
    language: input.language,
    businessName: input.business.name.trim(),
  };
  const body = callScriptText({ message, business: input.business, optOutDigit: input.optOutDigit });
  return { body, voiceJson: JSON.stringify(plan) };
}

/** Reads an outbox row's voice_json back; a row without a readable plan cannot be called. */
export function readCallPlan(voiceJson: string | null | undefined): CallPlan {
  if (!voiceJson)
    throw new AppError('invalid_input', 'This message has no call to place (its voice content is missing).');
  let json: unknown;
  try {
    json = JSON.parse(voiceJson);
  } catch {
    throw new AppError('invalid_input', 'This message’s call could not be read (its voice content is damaged).');
  }
  const parsed = callPlanSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError('invalid_input', 'This message’s call could not be read (its voice content is damaged).');
  return parsed.data;
}

/** The answer to the opt-out key: confirm in the call's own voice, then hang up. */
export function optOutConfirmationTwiml(plan: Pick<CallPlan, 'voice' | 'language' | 'businessName'>): string {
  const text = optOutConfirmation(plan.businessName);
  return twimlDocument([
    element('Say', { voice: plan.voice, language: plan.language }, [{ text }]),
    element('Hangup', {}),
  ]);
}

/** The relay's public voice endpoints under the webhooks public URL. */
export function voiceRelayUrls(publicUrl: string): { gather: string; status: string; incoming: string } {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    gather: `${base}/webhooks/twilio-voice/gather`,
    status: `${base}/webhooks/twilio-voice/status`,
    incoming: `${base}/webhooks/twilio-voice/incoming`,
  };
}
