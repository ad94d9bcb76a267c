import { classifyReply } from '../../shared/compliance/keywords';
import type { SqliteDb } from '../db/connection';
import {
  changeConsent,
  changeDoNotCall,
  confirmationDeadline,
  LATE_CONFIRMATION,
  suppressEmail,
  unsubscribeEmail,
} from '../compliance';
import {
  DEFAULT_HELP_REPLY,
  DEFAULT_OPT_IN_CONFIRMATION,
  DEFAULT_OPT_OUT_CONFIRMATION,
  serviceReplyText,
  type ReplyValues,
  type ServiceReplyWording,
} from '../../shared/compliance/replies';
import { countSegments } from '../../shared/templates/segments';
import type { EventBus } from '../events/bus';
import type { ProviderEvent } from './events';
import { duePendingEvents } from './store';
import { setCallOutcome } from './queries';
import {
  applyReceipt,
  contactByPhone,
  insertInboundOnce,
  insertServiceMessage,
  insertUnknownContact,
  lastCampaignSentTo,
  markEventFailed,
  markEventProcessed,
  newerConsentChange,
  newerKeywordReply,
  outboxByProviderId,
} from './queries-hot';
import { transaction } from '../db/transaction';

export interface ProcessDeps {
  db: SqliteDb;
  now: () => Date;
  events?: EventBus;
  businessName: () => string;
  /** The wording of HELP answers and confirmations (settings compliance.*) and the values for their placeholders. */
  replies?: () => { wording: ServiceReplyWording; values: ReplyValues };
  /** A STOP also unsubscribes the contact's e-mail (setting compliance.stopAlsoUnsubscribesEmail; off when absent). */
  stopAlsoUnsubscribesEmail?: () => boolean;
  /** Attempts before an event goes to the dead letters. */
  maxAttempts?: number;
}

const STATUS_RANK: Record<string, number> = {
  queued: 0,
  sending: 1,
  unknown: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  failed: 3,
};

function applyStatus(db: SqliteDb, e: Extract<ProviderEvent, { kind: 'status' }>, nowIso: string): void {
  const row = outboxByProviderId(db, e.provider, e.providerMessageId);
  if (!row) return; // A message we did not send (or not yet matched): reconciliation handles it.
  if (e.call) setCallOutcome(db, row.id, e.call, nowIso);
  // Events arrive in any order: never move a message backwards (a late "sent" after "delivered").
  if ((STATUS_RANK[e.status] ?? 0) < (STATUS_RANK[row.state] ?? 0)) return;
  if (row.state === e.status) return;
  applyReceipt(
    db,
    row.id,
    { status: e.status, errorCode: e.errorCode ?? null, errorMessage: e.errorMessage ?? null, at: e.at },
    nowIso,
  );
}

function contactFor(db: SqliteDb, phone: string, nowIso: string): { id: number; optedOut: boolean } {
  const found = contactByPhone(db, phone);
  if (found) return { id: found.id, optedOut: !!found.opted_out };
  // Someone texted us who is not in the list: keep them, marked unknown, and never market to them without consent.
  return { id: insertUnknownContact(db, phone, nowIso), optedOut: false };
}

/**
 * A consent keyword older than one already on record from the same contact (or than a manual change) no longer
 * decides anything: a STOP and a START arrive in any order (webhook retries, reconciliation finding a text missed
 * while the app was closed), and the contact's latest word must win, never the latest to arrive.
 */
function supersededKeyword(db: SqliteDb, contactId: number, e: Extract<ProviderEvent, { kind: 'inbound' }>): boolean {
  if (newerKeywordReply(db, contactId, e.at, e)) return true;
  return newerConsentChange(db, contactId, e.at);
}

function applyInbound(deps: ProcessDeps, e: Extract<ProviderEvent, { kind: 'inbound' }>, nowIso: string): void {
  const { db } = deps;
  const contact = contactFor(db, e.from, nowIso);
  const match = classifyReply(e.body, { wasOptedOut: contact.optedOut });
  const inboundId = insertInboundOnce(db, {
    provider: e.provider,
    provider_message_id: e.providerMessageId,
    contact_id: contact.id,
    from_phone: e.from,
    to_phone: e.to,
    body: e.body,
    received_at: e.at,
    campaign_id: lastCampaignSentTo(db, contact.id, e.at),
    keyword: match.keyword,
    created_at: nowIso,
  });
  if (inboundId === null) return; // Same message already ingested (webhook and reconciliation both saw it).
  if (
    (match.kind === 'opt_out' || match.kind === 'opt_out_review' || match.kind === 'opt_in') &&
    !supersededKeyword(db, contact.id, e)
  ) {
    const result = changeConsent(db, {
      phone: e.from,
      optedOut: match.kind !== 'opt_in',
      source: 'keyword',
      actor: `reply:${e.provider}`,
      at: nowIso,
      inboundMessageId: inboundId,
      messageText: e.body,
      alsoEmail: deps.stopAlsoUnsubscribesEmail?.() ?? false,
    });
    if (result.changed) queueConfirmation(deps, e, match.kind === 'opt_in' ? 'opt_in' : 'opt_out', contact.id, nowIso);
  } else if (match.kind === 'help') {
    queueConfirmation(deps, e, 'help', contact.id, nowIso);
  }
  deps.events?.emit('inbox:message', { contactId: contact.id, phone: e.from, body: e.body, at: e.at });
}

function queueConfirmation(
  deps: ProcessDeps,
  e: Extract<ProviderEvent, { kind: 'inbound' }>,
  what: 'opt_out' | 'opt_in' | 'help',
  contactId: number,
  nowIso: string,
): void {
  const replies = deps.replies?.() ?? {
    wording: { help: DEFAULT_HELP_REPLY, optOut: DEFAULT_OPT_OUT_CONFIRMATION, optIn: DEFAULT_OPT_IN_CONFIRMATION },
    values: { business: deps.businessName(), contact: '' },
  };
  const body = serviceReplyText(what, replies.wording, replies.values);
  // A confirmation is allowed only within 5 minutes of the keyword; one processed later (the webhook came late)
  // is recorded as skipped with the reason rather than sent late.
  const expiresAt = what === 'help' ? null : confirmationDeadline(e.at, deps.now()).toISOString();
  const late = expiresAt !== null && expiresAt <= nowIso;
  // Through the same provider and number the contact wrote to; kind keeps it out of marketing rules.
  insertServiceMessage(deps.db, {
    contact_id: contactId,
    kind: what === 'help' ? 'help' : 'confirmation',
    to_phone: e.from,
    from_number: e.to,
    body,
    segments: countSegments(body).segments,
    provider: e.provider,
    state: late ? 'skipped' : 'queued',
    error_code: late ? LATE_CONFIRMATION.code : null,
    error_message: late ? LATE_CONFIRMATION.message : null,
    created_at: nowIso,
    updated_at: nowIso,
    next_attempt_at: nowIso,
    expires_at: expiresAt,
  });
}

function applyEmailStop(db: SqliteDb, e: Extract<ProviderEvent, { kind: 'email_stop' }>, nowIso: string): void {
  const change = { actor: `provider:${e.provider}`, at: nowIso, messageText: e.detail };
  if (e.reason === 'unsubscribe') unsubscribeEmail(db, e.email, { ...change, source: 'list_unsubscribe' });
  else suppressEmail(db, e.email, e.reason, change);
}

export function processEvent(deps: ProcessDeps, event: ProviderEvent): void {
  const nowIso = deps.now().toISOString();
  if (event.kind === 'status') applyStatus(deps.db, event, nowIso);
  else if (event.kind === 'inbound') applyInbound(deps, event, nowIso);
  else if (event.kind === 'email_stop') applyEmailStop(deps.db, event, nowIso);
  else if (event.kind === 'call_opt_out') {
    changeDoNotCall(deps.db, event.phone, true, {
      source: 'keypress',
      actor: `keypress:${event.provider}`,
      at: nowIso,
      messageText: `Pressed ${event.digit} during call ${event.providerMessageId}`,
    });
  } else {
    // Keep the number as a contact so the opt-out is on record against it (and a following STOP changes nothing).
    contactFor(deps.db, event.phone, nowIso);
    changeConsent(deps.db, {
      phone: event.phone,
      optedOut: true,
      source: 'provider',
      actor: `provider:${event.provider}`,
      at: nowIso,
      messageText: event.detail,
    });
  }
}

/** Processes stored events; a failure is retried with exponential backoff and, after maxAttempts, dead-lettered. */
export function processPending(deps: ProcessDeps): { processed: number; failed: number } {
  const { db } = deps;
  const nowIso = deps.now().toISOString();
  const maxAttempts = deps.maxAttempts ?? 8;
  let processed = 0;
  let failed = 0;
  for (const stored of duePendingEvents(db, nowIso)) {
    try {
      transaction(
        db,
        () => {
          processEvent(deps, stored.event);
          markEventProcessed(db, stored.id, nowIso);
        },
        { immediate: true },
      );
      processed++;
    } catch (err) {
      failed++;
      const attempts = stored.attempts + 1;
      const delayMs = Math.min(60 * 60_000, 1000 * 2 ** attempts);
      const next = new Date(deps.now().getTime() + delayMs).toISOString();
      markEventFailed(db, stored.id, {
        dead: attempts >= maxAttempts,
        attempts,
        nextAttemptAt: next,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return { processed, failed };
}
