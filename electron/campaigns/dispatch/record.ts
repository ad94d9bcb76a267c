import type { SqliteDb } from '../../db/connection';
import { statement } from './statements';
import type { SendOutcome } from '../../providers';
import { changeConsent } from '../../compliance';
import { retryDelayMs, type BackoffOptions } from './backoff';
import type { OutboxItem } from './claim';
import type { SegmentPrice } from '../../analytics';

export interface RecordDeps {
  db: SqliteDb;
  now: () => Date;
  random: () => number;
  maxAttempts: number;
  backoff: BackoffOptions;
  /** The provider's price per segment now: stored with the message as it is handed over (spend, issue 13). */
  price?: (provider: OutboxItem['provider']) => SegmentPrice;
}

/** Writes what the provider said about one send. `attempts` is the count including this attempt. */
export function recordOutcome(deps: RecordDeps, item: OutboxItem, attempts: number, outcome: SendOutcome): void {
  const { db } = deps;
  const now = deps.now();
  const nowIso = now.toISOString();
  if (outcome.ok) {
    const price = deps.price?.(item.provider)?.perSegmentMicros ?? 0;
    // cost_micros = segments × price, exact in micro-units: never rounded per message.
    statement(
      db,
      `UPDATE outbox_messages SET state = CASE WHEN state = 'sending' THEN 'sent' ELSE state END, provider_message_id = ?, sent_at = ?,
         error_code = NULL, error_message = NULL, updated_at = ?, price_micros = ?, cost_micros = segments * ? WHERE id = ?`,
    ).run(outcome.providerMessageId, nowIso, nowIso, price, price, item.id);
    if (item.kind === 'campaign' || item.kind === 'reply') statement(db, 'UPDATE contacts SET last_contacted_at = ? WHERE id = ?').run(nowIso, item.contactId);
    return;
  }
  if (outcome.kind === 'unknown') {
    statement(db, `UPDATE outbox_messages SET state = 'unknown', error_code = ?, error_message = ?, updated_at = ? WHERE id = ?`).run(outcome.code, outcome.message, nowIso, item.id);
    return;
  }
  if (outcome.kind === 'opted_out') {
    db.transaction(() => {
      statement(db, `UPDATE outbox_messages SET state = 'failed', error_code = ?, error_message = ?, updated_at = ? WHERE id = ?`).run(outcome.code, outcome.message, nowIso, item.id);
      changeConsent(db, { phone: item.toPhone, optedOut: true, source: 'provider', actor: `provider:${item.provider}`, at: nowIso, messageText: `${outcome.code}: ${outcome.message}` });
    }).immediate();
    return;
  }
  if (outcome.kind === 'retryable' && attempts < deps.maxAttempts) {
    const next = new Date(now.getTime() + retryDelayMs(attempts, deps.random, deps.backoff, outcome.retryAfterMs)).toISOString();
    statement(db, `UPDATE outbox_messages SET state = 'retry_wait', next_attempt_at = ?, error_code = ?, error_message = ?, updated_at = ? WHERE id = ?`).run(next, outcome.code, outcome.message, nowIso, item.id);
    return;
  }
  const message = outcome.kind === 'retryable' ? `Gave up after ${attempts} attempts: ${outcome.message}` : outcome.message;
  statement(db, `UPDATE outbox_messages SET state = 'failed', error_code = ?, error_message = ?, updated_at = ? WHERE id = ?`).run(outcome.code, message, nowIso, item.id);
}

/** A campaign with nothing left to send (or in flight) is complete. Unknown messages wait for reconciliation. */
export function completeIfDone(db: SqliteDb, campaignId: number, nowIso: string): boolean {
  const open = statement(db, `SELECT 1 FROM outbox_messages WHERE campaign_id = ? AND state IN ('queued', 'sending', 'retry_wait', 'held') LIMIT 1`).get(campaignId);
  if (open) return false;
  return statement(db, `UPDATE campaigns SET status = 'completed', completed_at = ?, updated_at = ? WHERE id = ? AND status = 'sending' AND snapshot_state = 'complete'`).run(nowIso, nowIso, campaignId).changes === 1;
}

export function campaignCounts(db: SqliteDb, campaignId: number): Record<string, number> {
  const counts: Record<string, number> = {};
  // Kept by triggers (migration 0008): counting the outbox itself takes 200 ms at a million messages.
  for (const r of statement(db, `SELECT state, n FROM outbox_state_counts WHERE campaign_key = ? AND n > 0`).all(campaignId) as { state: string; n: number }[]) counts[r.state] = r.n;
  return counts;
}
