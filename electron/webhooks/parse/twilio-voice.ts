import type { ProviderEvent } from '../events';
import { events, ignored, invalid, type ParseOutcome } from './outcome';

type Status = Extract<ProviderEvent, { kind: 'status' }>['status'];

/**
 * Twilio call statuses (CallStatus) as outbox states: a call picked up by a person or a machine was delivered
 * (voicemail gets the message after the beep); busy and no answer did not reach anyone; failed and canceled never
 * rang. The rest (queued, initiated, ringing) mean the call left us.
 */
const STATUS: Record<string, { status: Status; why?: string }> = {
  queued: { status: 'sent' },
  initiated: { status: 'sent' },
  ringing: { status: 'sent' },
  'in-progress': { status: 'delivered' },
  completed: { status: 'delivered' },
  busy: { status: 'undelivered', why: 'The line was busy.' },
  'no-answer': { status: 'undelivered', why: 'Nobody answered and no voicemail picked up.' },
  failed: { status: 'failed', why: 'Twilio could not place the call.' },
  canceled: { status: 'failed', why: 'The call was canceled before it was answered.' },
};

const param = (params: URLSearchParams, name: string): string | null => {
  const value = params.get(name);
  return value === null || value === '' ? null : value;
};

const CALL_SID = /^CA[0-9a-fA-F]{32}$|^SB\w+$/;

/** A call status callback (`/webhooks/twilio-voice/status`). `<CallSid>:<CallStatus>` identifies a delivery. */
export function parseTwilioCallStatus(params: URLSearchParams, now: Date): ParseOutcome {
  const sid = param(params, 'CallSid');
  if (!sid || !CALL_SID.test(sid)) return invalid('the request has no CallSid');
  const callStatus = param(params, 'CallStatus')?.toLowerCase();
  if (!callStatus) return invalid('the request has no CallStatus');
  const mapped = STATUS[callStatus];
  if (!mapped) return ignored(`call status ${callStatus} does not change a call`);
  const duration = param(params, 'CallDuration');
  const durationS = duration !== null && /^\d{1,7}$/.test(duration) ? Number(duration) : null;
  const answeredBy = param(params, 'AnsweredBy')?.slice(0, 64) ?? null;
  const errorCode = param(params, 'ErrorCode') ?? (mapped.why ? callStatus : null);
  return events([
    {
      kind: 'status',
      provider: 'twilio_voice',
      eventId: `${sid}:${callStatus}`,
      providerMessageId: sid,
      status: mapped.status,
      errorCode,
      errorMessage: param(params, 'ErrorMessage') ?? mapped.why ?? null,
      at: now.toISOString(),
      ...(answeredBy !== null || durationS !== null ? { call: { answeredBy, durationS } } : {}),
    },
  ]);
}

/**
 * A key pressed during a call (`/webhooks/twilio-voice/gather?d=<opt-out key>`; the query is signed with the rest).
 * The opt-out key puts the person on the do-not-call list: the called number on our calls, the caller on a call to
 * the callback number. Any other key (or none) changes nothing.
 */
export function parseTwilioKeyPress(params: URLSearchParams, query: URLSearchParams, now: Date): ParseOutcome {
  const sid = param(params, 'CallSid');
  if (!sid || !CALL_SID.test(sid)) return invalid('the request has no CallSid');
  const optOutDigit = query.get('d');
  if (!optOutDigit || !/^[0-9]$/.test(optOutDigit)) return invalid('the gather address names no opt-out key');
  const digits = param(params, 'Digits');
  if (digits !== optOutDigit)
    return ignored(digits === null ? 'no key pressed' : `key ${digits.slice(0, 4)} is not the opt-out key`);
  const outbound = (param(params, 'Direction') ?? 'outbound-api').startsWith('outbound');
  const phone = param(params, outbound ? 'To' : 'From');
  if (!phone || !/^\+[1-9]\d{6,14}$/.test(phone)) return invalid('the request names no phone number to stop calling');
  return events([
    {
      kind: 'call_opt_out',
      provider: 'twilio_voice',
      eventId: `${sid}:optout`,
      providerMessageId: sid,
      phone,
      digit: digits,
      at: now.toISOString(),
    },
  ]);
}
