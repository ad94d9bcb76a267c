import type { QuietHoursPolicy } from '../../shared/campaigns';
import { AppError } from '../../shared/errors';
import type { InboxReplyResult, InboxThread, ThreadMessage } from '../../shared/ipc/channels/inbox';
import { CONSENT_SOURCE_LABEL, type ConsentSourceName } from '../../shared/ipc/channels/optouts';
import { countSegments } from '../../shared/templates/segments';
import type { WindowCheck } from '../campaigns';
import type { DeskCore } from '../core';
import type { ProviderId } from '../providers';
import { threadContact } from './thread';
import { insertReply, lastInboundRoute, lastOutboundRoute } from './queries';
import { qb, runQuery } from '../db/sync-query';
import { transaction } from '../db/transaction';

type ReplyVia = NonNullable<InboxThread['replyVia']>;

/** Our own number for a provider when a conversation does not say which one the contact wrote to. */
function configuredFrom(core: Pick<DeskCore, 'settings'>, provider: ProviderId): string {
  if (provider === 'quo') return core.settings.get('quo.from');
  if (provider === 'twilio') return core.settings.get('twilio.from');
  return '+15550100000';
}

/**
 * Where a reply goes out: the provider and our number the contact last wrote to (so they see it in the same
 * thread on their phone), else the ones our last message to them used. Null when we never exchanged a text.
 */
export function replyRoute(core: Pick<DeskCore, 'db' | 'settings'>, contactId: number): ReplyVia | null {
  const inbound = lastInboundRoute(core.db, contactId);
  if (inbound) return { provider: inbound.provider, from: inbound.toPhone || configuredFrom(core, inbound.provider) };
  const outbound = lastOutboundRoute(core.db, contactId);
  if (outbound)
    return { provider: outbound.provider, from: outbound.fromNumber || configuredFrom(core, outbound.provider) };
  return null;
}

export function refuseOptedOut(contact: ReturnType<typeof threadContact>): never {
  const who = contact.name ? `${contact.name} (${contact.phone})` : contact.phone;
  const change = contact.lastConsentChange;
  const how = change
    ? ` — ${CONSENT_SOURCE_LABEL[change.source as ConsentSourceName]?.toLowerCase() ?? change.source}${change.message ? `: "${change.message.slice(0, 60)}"` : ''}`
    : '';
  throw new AppError(
    'conflict',
    `${who} has opted out${how}. Nothing can be sent to them until they text START to opt back in.`,
  );
}

/**
 * Queues an inbox reply as an outbox row of kind 'reply'. The dispatcher sends it ahead of campaign traffic but, like
 * marketing, checks opt-out and the recipient's quiet hours at the moment it sends; the answer says when it will wait.
 */
export function queueReply(
  core: Pick<DeskCore, 'db' | 'settings' | 'now' | 'provider' | 'audit' | 'events'>,
  windowCheck: WindowCheck,
  input: { contactId: number; body: string },
): InboxReplyResult {
  const contact = threadContact(core.db, input.contactId);
  if (contact.optedOut) refuseOptedOut(contact);
  const via = replyRoute(core, contact.id);
  if (!via)
    throw new AppError(
      'not_found',
      'You have not exchanged any text with this contact yet, so there is no conversation to reply in.',
    );
  // Refuse now, with the setting to fix, rather than queue a reply that cannot leave (no API key for that provider).
  core.provider(via.provider);

  const now = core.now();
  const nowIso = now.toISOString();
  const segments = countSegments(input.body).segments;
  const outboxId = transaction(core.db, () => {
    const id = insertReply(core.db, {
      contactId: contact.id,
      toPhone: contact.phone,
      from: via.from,
      body: input.body,
      segments,
      provider: via.provider,
      nowIso,
    });
    // The inbox search finds our replies too (migration 0019: a reply's rowid is its outbox id × 2 + 1).
    runQuery(core.db, qb.insertInto('inbox_search').values({ rowid: id * 2 + 1, body: input.body }));
    return id;
  });
  core.audit('inbox.reply', contact.phone, { outboxId, provider: via.provider, segments });
  core.events.emit('app:dataChanged', { area: 'inbox' });

  return waitingReply(core, windowCheck, contact.phone, { outboxId, body: input.body, nowIso });
}

/** The reply as the thread shows it once queued, and whether the recipient's quiet hours hold it back now. */
export function waitingReply(
  core: Pick<DeskCore, 'settings' | 'now'>,
  windowCheck: WindowCheck,
  phone: string,
  reply: { outboxId: number; body: string; nowIso: string },
): InboxReplyResult {
  const policy: QuietHoursPolicy = {
    start: core.settings.get('quietHours.start'),
    end: core.settings.get('quietHours.end'),
    excludedDays: [],
  };
  const window = windowCheck(phone, core.now(), policy);
  const message: Extract<ThreadMessage, { direction: 'out' }> = {
    id: `out-${reply.outboxId}`,
    direction: 'out',
    outboxId: reply.outboxId,
    body: reply.body,
    at: reply.nowIso,
    kind: 'reply',
    campaignName: null,
    state: 'queued',
    errorMessage: null,
    nextAttemptAt: reply.nowIso,
  };
  return {
    message,
    waitsUntil: window.allowed ? null : (window.nextAllowedAt?.toISOString() ?? null),
    waitReason: window.allowed ? null : (window.reason ?? 'Outside the allowed sending hours at the recipient'),
  };
}
