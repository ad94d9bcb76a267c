import { formatPhone } from '../phone-format';

export { LANGUAGE_PATTERN, VOICE_PATTERN } from './patterns';

/**
 * What a prerecorded or artificial-voice marketing call says, in order (TCPA, FCC 24-17): who is calling and a
 * phone number first, then — within 2 seconds — how to stop these calls by key press, then the message, and last
 * the number that reaches the same opt-out (for voicemail, where no key can be pressed). Pure: the renderer's
 * preview and the TwiML builder both read it, so what the owner previews is what is said.
 */

/** A voice message as a template or campaign keeps it: a script with {{variables}}, or a recording's https URL. */
export interface VoiceContent {
  script?: string | null;
  recordingUrl?: string | null;
}

export interface VoiceBusiness {
  /** The business's name as it should be spoken. */
  name: string;
  /** The number people can call back (E.164); calling it reaches the same key-press opt-out. */
  callbackNumber: string;
}

/** The message itself: a script read by text-to-speech, or a recording played from an https URL. */
export type VoiceMessage = { kind: 'say'; text: string } | { kind: 'play'; url: string };

export interface SpokenCall {
  identification: string;
  optOutOffer: string;
  message: VoiceMessage;
  closing: string;
}

/** A phone number the way a voice should read it: digit by digit, with pauses between the groups. */
export function spokenPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  const groups = national.length === 10 ? [national.slice(0, 3), national.slice(3, 6), national.slice(6)] : [national];
  return groups.map((g) => g.split('').join(' ')).join(', ');
}

/** The spoken parts of a call; `phone` renders the callback number (spoken digits for TTS, formatted for screens). */
export function spokenCall(
  input: { message: VoiceMessage; business: VoiceBusiness; optOutDigit: string },
  phone: (e164: string) => string = spokenPhone,
): SpokenCall {
  const number = phone(input.business.callbackNumber);
  const digit = input.optOutDigit;
  return {
    identification: `This is a message from ${input.business.name.trim()}. You can call us back at ${number}.`,
    optOutOffer: `To stop these calls, press ${digit} now.`,
    message: input.message,
    closing: `To stop these calls, press ${digit}, or call ${number} and press ${digit}. Goodbye.`,
  };
}

/** What the opt-out key answers before the call hangs up. */
export function optOutConfirmation(businessName: string): string {
  return `You have been removed from ${businessName}'s call list and will not be called again. Goodbye.`;
}

/** The call as text, one part per line, with the number formatted for the screen (the outbox row's body). */
export function callScriptText(input: { message: VoiceMessage; business: VoiceBusiness; optOutDigit: string }): string {
  const call = spokenCall(input, (n) => formatPhone(n));
  const message = call.message.kind === 'say' ? call.message.text.trim() : `(Recording: ${call.message.url})`;
  return [call.identification, call.optOutOffer, message, call.closing].join('\n');
}
