import type { ProviderId } from '../providers';
import type { ReconciliationDiff } from '../../shared/ipc/channels/monitoring';
import type { DeskCore } from '../core';
import type { ProviderEvent } from '../webhooks';
import type { ReconcilePlan } from './plan';

export interface ApplyDeps {
  core: DeskCore;
  /** Stores a provider event (idempotent by provider + event id), exactly as a webhook would be stored. */
  ingest: (event: ProviderEvent) => number | null;
  /** Processes due provider events once; returns what it did (the retry queue's own pass). */
  processNow: () => { processed: number; failed: number };
}

const ABSENT_MESSAGE = (provider: string, minutes: number) =>
  `Reconciliation looked this message up at ${provider}: it is not there, although the listing covered its send time and ${minutes} minutes have passed. It was never received, so it goes back to the queue.`;

/** Processes until nothing due is left (processPending takes a batch at a time). */
function drain(processNow: ApplyDeps['processNow']): void {
  for (let i = 0; i < 10_000; i++) {
    const r = processNow();
    if (r.processed + r.failed === 0) return;
  }
}

/**
 * Applies a plan. Status changes and missed inbound messages are stored as provider events and processed by the same
 * code as webhooks (so a missed STOP opts out, is audited as a keyword reply and earns exactly one confirmation).
 * Only two things are written directly, both guarded by `state = 'unknown'`: attaching the provider's id to a message
 * whose fate was unknown, and putting a message the provider never received back in the queue.
 */
export function applyPlan(deps: ApplyDeps, provider: ProviderId, plan: ReconcilePlan, listingErrors: string[]): ReconciliationDiff {
  const { core } = deps;
  const { db } = core;
  const nowIso = core.now().toISOString();
  const attach = db.prepare(
    `UPDATE outbox_messages SET provider_message_id = ?, sent_at = COALESCE(sent_at, ?), error_code = NULL, error_message = NULL, updated_at = ?
     WHERE id = ? AND state = 'unknown' AND provider_message_id IS NULL`,
  );
  const touchContact = db.prepare(
    `UPDATE contacts SET last_contacted_at = MAX(COALESCE(last_contacted_at, ''), ?) WHERE id = (SELECT contact_id FROM outbox_messages WHERE id = ? AND kind IN ('campaign', 'reply'))`,
  );
  // A resolution "by looking it up", never a blind resend: the provider's own listing, complete for this recipient
  // and covering the attempt's time, shows the message was never received, and it is older than the settle period.
  const requeue = db.prepare(
    `UPDATE outbox_messages SET state = 'queued', next_attempt_at = ?, sending_at = NULL, error_code = 'reconciled_absent', error_message = ?, updated_at = ?
     WHERE id = ? AND state = 'unknown' AND provider_message_id IS NULL`,
  );
  const skip = db.prepare(
    `UPDATE outbox_messages SET state = 'skipped', error_code = 'cancelled', error_message = 'Never received by the provider, and its campaign was cancelled', updated_at = ?
     WHERE id = ? AND state = 'unknown' AND provider_message_id IS NULL`,
  );
  // A campaign counted as finished while this message was unknown is not finished after all.
  const reopen = db.prepare(`UPDATE campaigns SET status = 'sending', completed_at = NULL, updated_at = ? WHERE id = ? AND status = 'completed'`);

  const found: typeof plan.found = [];
  const resolved: ReconciliationDiff['unknownResolved'] = [];
  const events: ProviderEvent[] = [];
  db.transaction(() => {
    for (const f of plan.found) {
      if (attach.run(f.message.providerMessageId, f.message.createdAt, nowIso, f.outboxId).changes !== 1) continue;
      touchContact.run(f.message.createdAt, f.outboxId);
      found.push(f);
      events.push(f.event);
      core.audit('reconciliation.found', `outbox:${f.outboxId}`, { provider, providerMessageId: f.message.providerMessageId, status: f.message.status }, 'reconciliation');
    }
    for (const a of plan.absent) {
      const cancelled = a.campaignStatus === 'cancelled';
      const changed = cancelled ? skip.run(nowIso, a.outboxId).changes : requeue.run(nowIso, ABSENT_MESSAGE(provider, a.minutesOld), nowIso, a.outboxId).changes;
      if (changed !== 1) continue;
      if (!cancelled && a.campaignId !== null) reopen.run(nowIso, a.campaignId);
      resolved.push({
        outboxId: a.outboxId,
        phone: a.phone,
        resolution: cancelled ? 'skipped' : 'requeued',
        after: cancelled ? 'skipped' : 'queued',
        providerMessageId: null,
        reason: cancelled ? `Not at ${provider} and its campaign was cancelled: skipped.` : `Not at ${provider} after ${a.minutesOld} min although the listing covered it: back in the queue.`,
      });
      core.audit('reconciliation.absent', `outbox:${a.outboxId}`, { provider, minutesOld: a.minutesOld, action: cancelled ? 'skipped' : 'requeued' }, 'reconciliation');
    }
    for (const s of plan.statusFixes) events.push(s.event);
    for (const e of plan.inbound) events.push(e);
    for (const e of events) deps.ingest(e);
  }).immediate();
  drain(deps.processNow);

  const stateOf = db.prepare('SELECT state, error_code FROM outbox_messages WHERE id = ?');
  const statusesFixed: ReconciliationDiff['statusesFixed'] = [];
  for (const s of plan.statusFixes) {
    const after = stateOf.get(s.outboxId) as { state: string; error_code: string | null };
    if (after.state !== s.before) statusesFixed.push({ outboxId: s.outboxId, phone: s.phone, providerMessageId: s.event.providerMessageId, before: s.before, after: after.state, errorCode: after.error_code });
  }
  for (const f of found) {
    const after = stateOf.get(f.outboxId) as { state: string };
    resolved.push({ outboxId: f.outboxId, phone: f.phone, resolution: 'found', after: after.state, providerMessageId: f.message.providerMessageId, reason: `Found at ${provider} (${f.message.status}): it was sent.` });
  }

  statusesFixed.sort((a, b) => a.outboxId - b.outboxId);
  resolved.sort((a, b) => a.outboxId - b.outboxId);

  const inboxRow = db.prepare('SELECT id, keyword FROM inbound_messages WHERE provider = ? AND provider_message_id = ?');
  const optedOutBy = db.prepare(`SELECT 1 FROM optout_audit WHERE inbound_message_id = ? AND new_state = 'opted_out'`);
  const inboundIngested: ReconciliationDiff['inboundIngested'] = [];
  const optOutsFound: ReconciliationDiff['optOutsFound'] = [];
  for (const e of plan.inbound) {
    const row = inboxRow.get(provider, e.providerMessageId) as { id: number; keyword: string | null } | undefined;
    if (!row) continue;
    inboundIngested.push({ providerMessageId: e.providerMessageId, from: e.from, body: e.body.slice(0, 160), at: e.at, keyword: row.keyword });
    if (optedOutBy.get(row.id)) optOutsFound.push({ phone: e.from, providerMessageId: e.providerMessageId, body: e.body.slice(0, 160), at: e.at });
  }

  const errors = [...listingErrors];
  const stuck = db.prepare(`SELECT state, last_error FROM webhook_events WHERE provider = ? AND event_id = ? AND state <> 'processed'`);
  const unprocessed = events.map((e) => stuck.get(provider, e.eventId) as { state: string; last_error: string | null } | undefined).filter((r) => r !== undefined);
  if (unprocessed.length) {
    errors.push(`${unprocessed.length} correction${unprocessed.length === 1 ? '' : 's'} could not be processed yet (${unprocessed[0].last_error ?? 'waiting'}); they are retried automatically and listed under Dead letters if they keep failing.`);
  }

  if (statusesFixed.length || resolved.length) core.events.emit('app:dataChanged', { area: 'campaigns' });
  if (inboundIngested.length) core.events.emit('app:dataChanged', { area: 'inbox' });
  if (optOutsFound.length) core.events.emit('app:dataChanged', { area: 'optouts' });
  return {
    listing: null,
    listed: plan.listed,
    statusesFixed,
    unknownResolved: resolved,
    unknownPending: plan.pending,
    inboundIngested,
    optOutsFound,
    unmatchedOutgoing: plan.unmatchedOutgoing,
    errors,
  };
}
