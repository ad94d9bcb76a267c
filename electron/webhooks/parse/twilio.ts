import type { ProviderEvent } from '../events';
import { events, ignored, invalid, type ParseOutcome } from './outcome';

type Status = Extract<ProviderEvent, { kind: 'status' }>['status'];

/** Twilio statuses that move an outbox message; the rest (queued, sending, accepted, scheduled…) change nothing here. */
const STATUS: Record<string, Status> = {
  sent: 'sent',
  delivered: 'delivered',
  // "read" (RCS/WhatsApp) implies delivered.
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  // A scheduled message canceled at Twilio will never go out.
  canceled: 'failed',
};

/** Twilio's error for a recipient who has opted out at Twilio: permanent, and an opt-out we must record. */
const OPTED_OUT_AT_TWILIO = '21610';

const param = (params: URLSearchParams, name: string): string | null => {
  const value = params.get(name);
  return value === null || value === '' ? null : value;
};

/**
 * Reads a Twilio messaging webhook (inbound message or status callback, form-encoded) into provider events.
 * Twilio sends no event id, so `<MessageSid>:<status>` identifies a delivery for de-duplication.
 */
export function parseTwilioWebhook(params: URLSearchParams, now: Date): ParseOutcome {
  const sid = param(params, 'MessageSid') ?? param(params, 'SmsMessageSid') ?? param(params, 'SmsSid');
  if (!sid) {
    if (param(params, 'CallSid')) return ignored('call events are not used by the desk');
    return invalid('the request has no MessageSid');
  }
  const at = now.toISOString();
  const status = (param(params, 'MessageStatus') ?? param(params, 'SmsStatus'))?.toLowerCase() ?? null;
  const body = params.get('Body');

  if (status === 'received' || (status === null && body !== null)) {
    const from = param(params, 'From');
    if (!from) return invalid('the inbound message has no From number');
    const text = body ?? '';
    const inbound: ProviderEvent = {
      kind: 'inbound',
      provider: 'twilio',
      eventId: `${sid}:received`,
      providerMessageId: sid,
      from,
      to: param(params, 'To') ?? '',
      body: text,
      at,
    };
    if (param(params, 'OptOutType')?.toUpperCase() !== 'STOP') return events([inbound]);
    // Twilio's Advanced Opt-Out has already blocked the number and sent its own confirmation. Recording its opt-out
    // first means the STOP reply that follows finds the contact opted out and queues no second confirmation.
    const optOut: ProviderEvent = {
      kind: 'provider_opt_out',
      provider: 'twilio',
      eventId: `${sid}:opt_out`,
      phone: from,
      detail: `Twilio OptOutType=STOP; reply: ${text.slice(0, 160)}`,
      at,
    };
    return events([optOut, inbound]);
  }

  if (status === null) return invalid('the request has neither MessageStatus nor Body');
  const mapped = STATUS[status];
  if (!mapped) return ignored(`status ${status} does not change a message`);
  const errorCode = param(params, 'ErrorCode');
  const list: ProviderEvent[] = [
    {
      kind: 'status',
      provider: 'twilio',
      eventId: `${sid}:${status}`,
      providerMessageId: sid,
      status: mapped,
      errorCode,
      errorMessage: param(params, 'ErrorMessage') ?? (status === 'canceled' ? 'Canceled at Twilio' : null),
      at,
    },
  ];
  const to = param(params, 'To');
  if (errorCode === OPTED_OUT_AT_TWILIO && to) {
    list.push({
      kind: 'provider_opt_out',
      provider: 'twilio',
      eventId: `${sid}:opt_out`,
      phone: to,
      detail: `Twilio error ${OPTED_OUT_AT_TWILIO}: the recipient has opted out at Twilio`,
      at,
    });
  }
  return events(list);
}
