import type { SqliteDb } from '../../db/connection';
import { preparedQuery } from '../../db/prepared-query';
import { qb } from '../../db/sync-query';
import type { SendOutcome } from '../../providers';
import { changeConsent } from '../../compliance';
import { retryDelayMs, type BackoffOptions } from './backoff';
import type { OutboxItem } from './claim';
import type { SegmentPrice } from '../../analytics';
import { transaction } from '../../db/transaction';

// The send path writes every outcome with these few statements: built and prepared once (prepared-query.ts).
const markSent = preparedQuery((v: { id: number; providerMessageId: string; nowIso: string; price: number }) =>
  qb
    .updateTable('outbox_messages')
    .set((eb) => ({
      state: eb.case().when('state', '=', 'sending').then('sent').else(eb.ref('state')).end(),
      provider_message_id: v.providerMessageId,
      sent_at: v.nowIso,
      error_code: null,
      error_message: null,
      updated_at: v.nowIso,
      price_micros: v.price,
      cost_micros: eb('segments', '*', v.price),
    }))
    .where('id', '=', v.id),
);
const touchContact = preparedQuery((v: { id: number | null; nowIso: string }) =>
  qb.updateTable('contacts').set({ last_contacted_at: v.nowIso }).where('id', '=', v.id),
);
const setOutcome = preparedQuery((v: { id: number; state: string; code: string; message: string; nowIso: string }) =>
  qb
    .updateTable('outbox_messages')
    .set({ state: v.state, error_code: v.code, error_message: v.message, updated_at: v.nowIso })
    .where('id', '=', v.id),
);
const retryLater = preparedQuery((v: { id: number; next: string; code: string; message: string; nowIso: string }) =>
  qb
    .updateTable('outbox_messages')
    .set({
      state: 'retry_wait',
      next_attempt_at: v.next,
      error_code: v.code,
      error_message: v.message,
      updated_at: v.nowIso,
    })
    .where('id', '=', v.id),
);
const anyOpen = preparedQuery((v: { campaignId: number }) =>
  qb
    .selectFrom('outbox_messages')
    .select('id')
    .where('campaign_id', '=', v.campaignId)
    .where('state', 'in', ['queued', 'sending', 'retry_wait', 'held'])
    .limit(1),
);
const complete = preparedQuery((v: { campaignId: number; nowIso: string }) =>
  qb
    .updateTable('campaigns')
    .set({ status: 'completed', completed_at: v.nowIso, updated_at: v.nowIso })
    .where('id', '=', v.campaignId)
    .where('status', '=', 'sending')
    .where('snapshot_state', '=', 'complete'),
);
const stateCounts = preparedQuery((v: { campaignId: number }) =>
  qb
    .selectFrom('outbox_state_counts')
    .select(['state', 'n'])
    .where('campaign_key', '=', v.campaignId)
    .where('n', '>', 0),
);

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
    markSent.run(db, { id: item.id, providerMessageId: outcome.providerMessageId, nowIso, price });
    if (item.kind === 'campaign' || item.kind === 'reply') touchContact.run(db, { id: item.contactId, nowIso });
    return;
  }
  if (outcome.kind === 'unknown') {
    setOutcome.run(db, { id: item.id, state: 'unknown', code: outcome.code, message: outcome.message, nowIso });
    return;
  }
  if (outcome.kind === 'opted_out') {
    transaction(
      db,
      () => {
        setOutcome.run(db, { id: item.id, state: 'failed', code: outcome.code, message: outcome.message, nowIso });
        changeConsent(db, {
          phone: item.toPhone,
          optedOut: true,
          source: 'provider',
          actor: `provider:${item.provider}`,
          at: nowIso,
          messageText: `${outcome.code}: ${outcome.message}`,
        });
      },
      { immediate: true },
    );
    return;
  }
  if (outcome.kind === 'retryable' && attempts < deps.maxAttempts) {
    const next = new Date(
      now.getTime() + retryDelayMs(attempts, deps.random, deps.backoff, outcome.retryAfterMs),
    ).toISOString();
    retryLater.run(db, { id: item.id, next, code: outcome.code, message: outcome.message, nowIso });
    return;
  }
  const message =
    outcome.kind === 'retryable' ? `Gave up after ${attempts} attempts: ${outcome.message}` : outcome.message;
  setOutcome.run(db, { id: item.id, state: 'failed', code: outcome.code, message, nowIso });
}

/** A campaign with nothing left to send (or in flight) is complete. Unknown messages wait for reconciliation. */
export function completeIfDone(db: SqliteDb, campaignId: number, nowIso: string): boolean {
  if (anyOpen.get(db, { campaignId })) return false;
  return complete.run(db, { campaignId, nowIso }).changes === 1;
}

export function campaignCounts(db: SqliteDb, campaignId: number): Record<string, number> {
  const counts: Record<string, number> = {};
  // Kept by triggers (migration 0008): counting the outbox itself takes 200 ms at a million messages.
  for (const r of stateCounts.all(db, { campaignId })) counts[r.state] = r.n;
  return counts;
}
