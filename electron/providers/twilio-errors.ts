import { classifyStatus, parseJson, parseRetryAfter, seconds, type ResponseHeaders } from '../http/client';
import { unreadableAcceptance } from './outcomes';
import { twilioStatus } from './twilio-messages';
import type { SendOutcome } from './types';

/** Twilio's REST error body. */
export interface TwilioError {
  code?: number;
  message?: string;
  more_info?: string;
  status?: number;
}

export function parseTwilioError(text: string): TwilioError | undefined {
  const json = parseJson(text);
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? json : undefined;
}

export const TWILIO_OPTED_OUT = 21610;

/** Error codes whose plain-language fix we know. */
const KNOWN: Record<number, string> = {
  20003: 'Twilio did not accept the Account SID and Auth Token (20003). Check both in Settings.',
  20404: 'Twilio could not find that resource (20404). Check the Account SID in Settings.',
  21211: 'Twilio says the recipient number is not a valid phone number (21211). Fix the contact’s number.',
  21408:
    'Your Twilio account may not text this country yet (21408). Enable the country in Twilio’s Messaging Geo Permissions.',
  21606:
    'The sending number cannot send texts from your Twilio account (21606). Choose an SMS-capable Twilio number in Settings.',
  21612: 'Twilio cannot route a text between these two numbers (21612).',
  21614: 'Twilio says the recipient number cannot receive texts, e.g. a landline (21614).',
  21617: 'The text is longer than Twilio’s 1600-character limit (21617). Shorten the template.',
  21659: 'The sending number is not a Twilio number on your account (21659). Check the sending number in Settings.',
};

/** Twilio's queue for the sending number is full: a 400, yet it clears by itself. */
const RETRYABLE_CODES = new Set([21611]);

export function describeTwilioError(status: number, error: TwilioError | undefined): string {
  const code = error?.code;
  if (code !== undefined && KNOWN[code]) return KNOWN[code];
  if (status === 401) return KNOWN[20003];
  if (status === 429) return 'Twilio is limiting how many requests this account may make (429). Try again in a moment.';
  if (status >= 500) return `Twilio had a problem on its side (HTTP ${status}). Try again later.`;
  const what = error?.message || `HTTP ${status}`;
  return `Twilio refused the request: ${what}${code !== undefined ? ` (${code})` : ''}.`;
}

/** Classifies a send that got an HTTP status from Twilio. */
export function twilioAnsweredSendOutcome(
  answer: { status: number; headers: ResponseHeaders; text: string; bodyIncomplete: boolean },
  now: Date,
): SendOutcome {
  const { status } = answer;
  const cls = classifyStatus(status);
  if (cls === 'ok') {
    const json = parseJson(answer.text) as { sid?: unknown; status?: unknown } | undefined;
    if (answer.bodyIncomplete || typeof json?.sid !== 'string' || json.sid === '') {
      return unreadableAcceptance('Twilio', status, 'message SID', "Twilio's message log");
    }
    return { ok: true, providerMessageId: json.sid, status: twilioStatus(json.status) };
  }
  const error = parseTwilioError(answer.text);
  const code = error?.code !== undefined ? String(error.code) : `http_${status}`;
  if (error?.code === TWILIO_OPTED_OUT) {
    return {
      ok: false,
      kind: 'opted_out',
      code,
      httpStatus: status,
      message:
        'This person replied STOP to your Twilio number, so Twilio will not deliver texts to them (21610). They are now treated as opted out.',
    };
  }
  if (cls === 'retryable' || (error?.code !== undefined && RETRYABLE_CODES.has(error.code))) {
    const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), now);
    const later = retryAfterMs === undefined ? 'it can be retried' : `it can be retried in ${seconds(retryAfterMs)}`;
    const message =
      status === 429
        ? `Twilio is limiting how fast texts can be sent (429). The text was not sent; ${later}.`
        : status >= 500
          ? `Twilio had a problem on its side (HTTP ${status}). The text was not sent; ${later}.`
          : `${describeTwilioError(status, error)} The text was not sent; ${later}.`;
    return {
      ok: false,
      kind: 'retryable',
      code,
      message,
      httpStatus: status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  return { ok: false, kind: 'permanent', code, httpStatus: status, message: describeTwilioError(status, error) };
}
