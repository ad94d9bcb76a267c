import type { SqliteDb } from '../../db/connection';
import { statement } from './statements';
import type { OutboxState } from '../../../shared/types/domain';

export interface OutboxItem {
  id: number;
  campaignId: number | null;
  contactId: number | null;
  kind: 'campaign' | 'reply' | 'confirmation' | 'help';
  toPhone: string;
  fromNumber: string | null;
  body: string;
  provider: 'sandbox' | 'quo' | 'twilio';
  state: OutboxState;
  attempts: number;
  quietHoursJson: string | null;
  optedOut: number | null;
  /** Confirmations may not be sent after this moment (compliance: within 5 minutes of the keyword). */
  expiresAt: string | null;
}

export const PROVIDERS = ['sandbox', 'quo', 'twilio'] as const;

/**
 * Waiting rows are found through partial indexes ordered by due time, so a tick costs the same whether the outbox
 * holds a hundred messages or a million. Every queued row has a next_attempt_at (its creation time at the latest).
 */
const select = (index: string) => `SELECT m.id, m.campaign_id AS campaignId, m.contact_id AS contactId, m.kind, m.to_phone AS toPhone, m.from_number AS fromNumber, m.body,
       m.provider, m.state, m.attempts, m.expires_at AS expiresAt, k.quiet_hours_json AS quietHoursJson, c.opted_out AS optedOut
  FROM outbox_messages m INDEXED BY ${index}
  LEFT JOIN campaigns k ON k.id = m.campaign_id
  LEFT JOIN contacts c ON c.id = m.contact_id`;

/** Campaign messages are sendable only while their campaign is sending with a complete snapshot. */
const CAMPAIGN_LIVE = `(m.kind <> 'campaign' OR (k.status = 'sending' AND k.snapshot_state = 'complete'))`;

const DUE_SERVICE = `${select('outbox_due_service')} WHERE m.provider = ? AND m.state IN ('queued', 'retry_wait') AND m.kind <> 'campaign' AND m.next_attempt_at <= ? ORDER BY m.next_attempt_at, m.id LIMIT ?`;
const DUE_ANY = `${select('outbox_due')} WHERE m.provider = ? AND m.state IN ('queued', 'retry_wait') AND m.next_attempt_at <= ? AND ${CAMPAIGN_LIVE} ORDER BY m.next_attempt_at, m.id LIMIT ?`;

/** Messages of a provider that may be sent now: service messages first, then the rest in due order. */
export function dueMessages(db: SqliteDb, provider: string, nowIso: string, limit: number): OutboxItem[] {
  const service = statement(db, DUE_SERVICE).all(provider, nowIso, limit) as OutboxItem[];
  if (service.length >= limit) return service;
  const rest = statement(db, DUE_ANY).all(provider, nowIso, limit) as OutboxItem[];
  const seen = new Set(service.map((s) => s.id));
  return [...service, ...rest.filter((r) => !seen.has(r.id))].slice(0, limit);
}

/** Providers with messages that may be sent before `horizonIso`. */
export function providersWithWork(db: SqliteDb, horizonIso: string): string[] {
  const stmt = statement(
    db,
    `SELECT 1 FROM outbox_messages m INDEXED BY outbox_due LEFT JOIN campaigns k ON k.id = m.campaign_id
     WHERE m.provider = ? AND m.state IN ('queued', 'retry_wait') AND m.next_attempt_at <= ? AND ${CAMPAIGN_LIVE} LIMIT 1`,
  );
  return PROVIDERS.filter((p) => stmt.get(p, horizonIso) !== undefined);
}

/** The earliest time anything waiting becomes due (for the loop's sleep). */
export function nextDueAt(db: SqliteDb): string | null {
  const stmt = statement(db, `SELECT MIN(next_attempt_at) AS at FROM outbox_messages INDEXED BY outbox_due WHERE provider = ? AND state IN ('queued', 'retry_wait')`);
  const times = PROVIDERS.map((p) => (stmt.get(p) as { at: string | null }).at).filter((t): t is string => t !== null);
  return times.length ? times.sort()[0] : null;
}

/** The moment of commitment: after this transaction, a crash leaves the row in `sending` and it becomes `unknown`. */
export function markSending(db: SqliteDb, ids: number[], nowIso: string): void {
  const stmt = statement(db, `UPDATE outbox_messages SET state = 'sending', attempts = attempts + 1, sending_at = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'retry_wait')`);
  for (const id of ids) {
    if (stmt.run(nowIso, nowIso, id).changes !== 1) throw new Error(`outbox message ${id} changed while being claimed`);
  }
}

/** The breaker refused before any request was made: the message goes back as it was. */
export function unclaim(db: SqliteDb, id: number, previous: OutboxState, nowIso: string): void {
  statement(db, `UPDATE outbox_messages SET state = ?, attempts = attempts - 1, sending_at = NULL, updated_at = ? WHERE id = ? AND state = 'sending'`).run(previous, nowIso, id);
}

/** Messages left in `sending` by a previous run that died: they may have reached the provider. Never resent blindly. */
export function markInterruptedUnknown(db: SqliteDb, nowIso: string): number {
  return db
    .prepare(
      `UPDATE outbox_messages SET state = 'unknown', error_code = 'interrupted',
         error_message = 'The app stopped while this message was being sent; it may or may not have reached the provider. Reconciliation will check.',
         updated_at = ? WHERE state = 'sending'`,
    )
    .run(nowIso).changes;
}
