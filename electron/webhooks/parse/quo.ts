import type { ProviderEvent } from '../events';
import { events, ignored, invalid, isoOr, text, type ParseOutcome } from './outcome';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `to` arrives as a string or an array of strings depending on the API generation. */
function firstNumber(value: unknown): string | null {
  return text(Array.isArray(value) ? value[0] : value);
}

/**
 * The carrier's error on `message.failed`. Where Quo puts it differs between payload generations, so look in the
 * places it has been seen: on the message, under an `error` object, or in the event context.
 */
function failure(message: Json, context: Json): { code: string | null; message: string | null } {
  const error = isObject(message.error) ? message.error : isObject(context.error) ? context.error : {};
  const code =
    text(message.errorCode) ??
    text(message.carrierErrorCode) ??
    text(error.code) ??
    text(context.errorCode) ??
    text(context.carrierErrorCode);
  const detail =
    text(message.errorMessage) ?? text(error.message) ?? text(context.errorMessage) ?? text(context.reason);
  return { code, message: detail };
}

const STATUS_BY_TYPE: Record<string, 'delivered' | 'failed'> = {
  'message.delivered': 'delivered',
  'message.failed': 'failed',
};

/**
 * Reads a Quo webhook body (legacy `data.object` or new `data.resource`) into provider events. `webhookId` is the
 * Standard Webhooks `webhook-id`, used for de-duplication when the body carries no event id.
 */
export function parseQuoWebhook(payload: unknown, webhookId: string | undefined, now: Date): ParseOutcome {
  if (!isObject(payload)) return invalid('the body is not a JSON object');
  const type = text(payload.type);
  if (!type) return invalid('the event has no type');
  if (type !== 'message.received' && !STATUS_BY_TYPE[type]) return ignored(`${type} events are not used by the desk`);

  const eventId = text(payload.id) ?? text(webhookId);
  if (!eventId) return invalid('the event has no id');
  const data = isObject(payload.data) ? payload.data : {};
  const message = isObject(data.object) ? data.object : isObject(data.resource) ? data.resource : null;
  if (!message) return invalid(`the ${type} event carries no message`);
  const messageId = text(message.id);
  if (!messageId) return invalid(`the ${type} event's message has no id`);

  if (type === 'message.received') {
    const from = text(message.from);
    const to = firstNumber(message.to);
    if (!from) return invalid('the received message has no sender');
    const body = typeof message.text === 'string' ? message.text : typeof message.body === 'string' ? message.body : '';
    const inbound: ProviderEvent = {
      kind: 'inbound',
      provider: 'quo',
      eventId,
      providerMessageId: messageId,
      from,
      to: to ?? '',
      body,
      // When the message arrived (not when the webhook fired): replies are matched to the campaign sent before them.
      at: isoOr(message.createdAt, new Date(isoOr(payload.createdAt, now))),
    };
    return events([inbound]);
  }

  const status = STATUS_BY_TYPE[type];
  const error =
    status === 'failed' ? failure(message, isObject(data.context) ? data.context : {}) : { code: null, message: null };
  return events([
    {
      kind: 'status',
      provider: 'quo',
      eventId,
      providerMessageId: messageId,
      status,
      errorCode: error.code,
      errorMessage: error.message,
      at: isoOr(payload.createdAt, new Date(isoOr(message.updatedAt, now))),
    },
  ]);
}
