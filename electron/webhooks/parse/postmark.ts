import type { ProviderEvent } from '../events';
import { events, ignored, invalid, isoOr, text, type ParseOutcome } from './outcome';

type Record_ = Record<string, unknown>;

/** Postmark's suppression reasons, as our own. */
const STOP_REASON: Record<string, 'hard_bounce' | 'complaint' | 'unsubscribe'> = {
  HardBounce: 'hard_bounce',
  SpamComplaint: 'complaint',
  ManualSuppression: 'unsubscribe',
};

/**
 * Reads one Postmark webhook (Delivery, Bounce, SpamComplaint, SubscriptionChange; Open and Click are not used) into
 * provider events. A hard bounce fails the e-mail and suppresses the address; a soft bounce only marks the e-mail
 * undelivered; a complaint suppresses; a SubscriptionChange that stops sending opts the address out.
 */
export function parsePostmarkWebhook(payload: unknown, now: Date): ParseOutcome {
  if (typeof payload !== 'object' || payload === null) return invalid('the body is not a JSON object');
  const p = payload as Record_;
  const type = text(p.RecordType);
  const messageId = text(p.MessageID);
  if (!type) return invalid('the event has no RecordType');
  const base = { provider: 'postmark' as const };
  if (type === 'Delivery') {
    if (!messageId) return invalid('the Delivery event has no MessageID');
    const at = isoOr(p.DeliveredAt, now);
    return events([
      {
        ...base,
        kind: 'status',
        eventId: `delivery:${messageId}`,
        providerMessageId: messageId,
        status: 'delivered',
        at,
      },
    ]);
  }
  if (type === 'Bounce' || type === 'SpamComplaint') {
    const id = text(p.ID);
    const email = text(p.Email);
    if (!id || !email) return invalid(`the ${type} event has no ID or Email`);
    const at = isoOr(p.BouncedAt, now);
    const detail = [text(p.Description), text(p.Details)].filter(Boolean).join(' — ') || type;
    if (type === 'SpamComplaint')
      return events([
        { ...base, kind: 'email_stop', eventId: `complaint:${id}`, email, reason: 'complaint', detail, at },
      ]);
    const hard = text(p.Type) === 'HardBounce';
    const list: ProviderEvent[] = [];
    if (messageId)
      list.push({
        ...base,
        kind: 'status',
        eventId: `bounce:${id}`,
        providerMessageId: messageId,
        status: hard ? 'failed' : 'undelivered',
        errorCode: text(p.Type) ?? 'Bounce',
        errorMessage: detail,
        at,
      });
    if (hard)
      list.push({
        ...base,
        kind: 'email_stop',
        eventId: `bounce:${id}:stop`,
        email,
        reason: 'hard_bounce',
        detail,
        at,
      });
    return events(list);
  }
  if (type === 'SubscriptionChange') {
    const email = text(p.Recipient);
    if (!email) return invalid('the SubscriptionChange event has no Recipient');
    if (p.SuppressSending !== true)
      return ignored('a reactivated address is not subscribed again automatically; the owner decides');
    const reason = STOP_REASON[text(p.SuppressionReason) ?? ''] ?? 'unsubscribe';
    const at = isoOr(p.ChangedAt, now);
    return events([
      {
        ...base,
        kind: 'email_stop',
        eventId: `subscription:${messageId ?? email}:${at}`,
        email,
        reason,
        detail: `Postmark: ${text(p.SuppressionReason) ?? 'suppressed'} (${text(p.Origin) ?? 'unknown origin'})`,
        at,
      },
    ]);
  }
  return ignored(`${type.slice(0, 40)} events are not used by the desk`);
}
