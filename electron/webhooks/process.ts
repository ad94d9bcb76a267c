import { classifyReply } from '../../shared/compliance/keywords';
import type { SqliteDb } from '../db/connection';
import { changeConsent, confirmationDeadline, LATE_CONFIRMATION } from '../compliance';
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

export interface ProcessDeps {
  db: SqliteDb;
  now: () => Date;
  events?: EventBus;
  businessName: () => string;
  /** The wording of HELP answers and confirmations (settings compliance.*) and the values for their placeholders. */
  replies?: () => { wording: ServiceReplyWording; values: ReplyValues };
  /** Attempts before an event goes to the dead letters. */
  maxAttempts?: number;
}

const STATUS_RANK: Record<string, number> = { queued: 0, sending: 1, unknown: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 };

function applyStatus(db: SqliteDb, e: Extract<ProviderEvent, { kind: 'status' }>, nowIso: string): void {
  const row = db
    .prepare('SELECT id, state FROM outbox_messages WHERE provider = ? AND provider_message_id = ?')
    .get(e.provider, e.providerMessageId) as { id: number; state: string } | undefined;
  if (!row) return; // A message we did not send (or not yet matched): reconciliation handles it.
  // Events arrive in any order: never move a message backwards (a late "sent" after "delivered").
  if ((STATUS_RANK[e.status] ?? 0) < (STATUS_RANK[row.state] ?? 0)) return;
  if (row.state === e.status) return;
  db.prepare(
    `UPDATE outbox_messages SET state = ?, error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message),
       delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END,
       sent_at = COALESCE(sent_at, ?), updated_at = ? WHERE id = ?`,
  ).run(e.status, e.errorCode ?? null, e.errorMessage ?? null, e.status, e.at, e.at, nowIso, row.id);
}

function contactFor(db: SqliteDb, phone: string, nowIso: string): { id: number; optedOut: boolean } {
  const found = db.prepare('SELECT id, opted_out FROM contacts WHERE phone = ?').get(phone) as { id: number; opted_out: number } | undefined;
  if (found) return { id: found.id, optedOut: !!found.opted_out };
  // Someone texted us who is not in the list: keep them, marked unknown, and never market to them without consent.
  const info = db
    .prepare(
      `INSERT INTO contacts (phone, source, is_unknown, textable, not_textable_reason, created_at, updated_at)
       VALUES (?, 'inbound', 1, 0, 'texted in; no marketing consent on record', ?, ?)`,
    )
    .run(phone, nowIso, nowIso);
  return { id: Number(info.lastInsertRowid), optedOut: false };
}

/**
 * A consent keyword older than one already on record from the same contact (or than a manual change) no longer
 * decides anything: a STOP and a START arrive in any order (webhook retries, reconciliation finding a text missed
 * while the app was closed), and the contact's latest word must win, never the latest to arrive.
 */
function supersededKeyword(db: SqliteDb, contactId: number, e: Extract<ProviderEvent, { kind: 'inbound' }>): boolean {
  const newerReply = db
    .prepare(
      `SELECT 1 FROM inbound_messages WHERE contact_id = ? AND received_at > ? AND keyword IS NOT NULL AND keyword NOT IN ('help', 'info')
         AND NOT (provider = ? AND provider_message_id = ?) LIMIT 1`,
    )
    .get(contactId, e.at, e.provider, e.providerMessageId);
  if (newerReply) return true;
  return !!db.prepare(`SELECT 1 FROM optout_audit WHERE contact_id = ? AND source IN ('manual', 'import') AND at > ? LIMIT 1`).get(contactId, e.at);
}

function applyInbound(deps: ProcessDeps, e: Extract<ProviderEvent, { kind: 'inbound' }>, nowIso: string): void {
  const { db } = deps;
  const contact = contactFor(db, e.from, nowIso);
  const match = classifyReply(e.body, { wasOptedOut: contact.optedOut });
  const lastCampaign = db
    .prepare(
      `SELECT campaign_id FROM outbox_messages WHERE contact_id = ? AND kind = 'campaign' AND sent_at IS NOT NULL AND sent_at <= ?
       ORDER BY sent_at DESC LIMIT 1`,
    )
    .get(contact.id, e.at) as { campaign_id: number } | undefined;
  const info = db
    .prepare(
      `INSERT INTO inbound_messages (provider, provider_message_id, contact_id, from_phone, to_phone, body, received_at, campaign_id, keyword, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    .run(e.provider, e.providerMessageId, contact.id, e.from, e.to, e.body, e.at, lastCampaign?.campaign_id ?? null, match.keyword, nowIso);
  if (!info.changes) return; // Same message already ingested (webhook and reconciliation both saw it).
  const inboundId = Number(info.lastInsertRowid);
  if ((match.kind === 'opt_out' || match.kind === 'opt_out_review' || match.kind === 'opt_in') && !supersededKeyword(db, contact.id, e)) {
    const result = changeConsent(db, {
      phone: e.from,
      optedOut: match.kind !== 'opt_in',
      source: 'keyword',
      actor: `reply:${e.provider}`,
      at: nowIso,
      inboundMessageId: inboundId,
      messageText: e.body,
    });
    if (result.changed) queueConfirmation(deps, e, match.kind === 'opt_in' ? 'opt_in' : 'opt_out', contact.id, nowIso);
  } else if (match.kind === 'help') {
    queueConfirmation(deps, e, 'help', contact.id, nowIso);
  }
  deps.events?.emit('inbox:message', { contactId: contact.id, phone: e.from, body: e.body, at: e.at });
}

function queueConfirmation(deps: ProcessDeps, e: Extract<ProviderEvent, { kind: 'inbound' }>, what: 'opt_out' | 'opt_in' | 'help', contactId: number, nowIso: string): void {
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
  deps.db
    .prepare(
      `INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, from_number, body, segments, provider, state, error_code, error_message,
         created_at, updated_at, next_attempt_at, expires_at)
       VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      contactId,
      what === 'help' ? 'help' : 'confirmation',
      e.from,
      e.to,
      body,
      countSegments(body).segments,
      e.provider,
      late ? 'skipped' : 'queued',
      late ? LATE_CONFIRMATION.code : null,
      late ? LATE_CONFIRMATION.message : null,
      nowIso,
      nowIso,
      nowIso,
      expiresAt,
    );
}

export function processEvent(deps: ProcessDeps, event: ProviderEvent): void {
  const nowIso = deps.now().toISOString();
  if (event.kind === 'status') applyStatus(deps.db, event, nowIso);
  else if (event.kind === 'inbound') applyInbound(deps, event, nowIso);
  else {
    // Keep the number as a contact so the opt-out is on record against it (and a following STOP changes nothing).
    contactFor(deps.db, event.phone, nowIso);
    changeConsent(deps.db, { phone: event.phone, optedOut: true, source: 'provider', actor: `provider:${event.provider}`, at: nowIso, messageText: event.detail });
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
      db.transaction(() => {
        processEvent(deps, stored.event);
        db.prepare(`UPDATE webhook_events SET state = 'processed', processed_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`).run(nowIso, stored.id);
      }).immediate();
      processed++;
    } catch (err) {
      failed++;
      const attempts = stored.attempts + 1;
      const delayMs = Math.min(60 * 60_000, 1000 * 2 ** attempts);
      const next = new Date(deps.now().getTime() + delayMs).toISOString();
      db.prepare(`UPDATE webhook_events SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?`).run(
        attempts >= maxAttempts ? 'dead' : 'failed',
        attempts,
        next,
        err instanceof Error ? err.message : String(err),
        stored.id,
      );
    }
  }
  return { processed, failed };
}
