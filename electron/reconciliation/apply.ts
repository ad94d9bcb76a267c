import type { ProviderId } from '../providers';
import type { ReconciliationDiff } from '../../shared/ipc/channels/monitoring';
import type { DeskCore } from '../core';
import type { ProviderEvent } from '../webhooks';
import type { ReconcilePlan } from './plan';
import {
  attachProviderId,
  inboundByProviderId,
  optedOutBy,
  outboxStateOf,
  reopenCampaign,
  requeueAbsent,
  skipAbsent,
  touchContactOf,
  unprocessedEvent,
} from './queries';
import { transaction } from '../db/transaction';

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
export function drain(processNow: ApplyDeps['processNow']): void {
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
export function applyPlan(
  deps: ApplyDeps,
  provider: ProviderId,
  plan: ReconcilePlan,
  listingErrors: string[],
): ReconciliationDiff {
  const { core } = deps;
  const { db } = core;
  const nowIso = core.now().toISOString();

  const found: typeof plan.found = [];
  const resolved: ReconciliationDiff['unknownResolved'] = [];
  const events: ProviderEvent[] = [];
  transaction(
    db,
    () => {
      for (const f of plan.found) {
        if (!attachProviderId(db, f.outboxId, f.message.providerMessageId, f.message.createdAt, nowIso)) continue;
        touchContactOf(db, f.outboxId, f.message.createdAt);
        found.push(f);
        events.push(f.event);
        core.audit(
          'reconciliation.found',
          `outbox:${f.outboxId}`,
          { provider, providerMessageId: f.message.providerMessageId, status: f.message.status },
          'reconciliation',
        );
      }
      for (const a of plan.absent) {
        const cancelled = a.campaignStatus === 'cancelled';
        // A resolution "by looking it up", never a blind resend: the provider's own listing, complete for this recipient
        // and covering the attempt's time, shows the message was never received, and it is older than the settle period.
        const changed = cancelled
          ? skipAbsent(db, a.outboxId, nowIso)
          : requeueAbsent(db, a.outboxId, ABSENT_MESSAGE(provider, a.minutesOld), nowIso);
        if (!changed) continue;
        // A campaign counted as finished while this message was unknown is not finished after all.
        if (!cancelled && a.campaignId !== null) reopenCampaign(db, a.campaignId, nowIso);
        resolved.push({
          outboxId: a.outboxId,
          phone: a.phone,
          resolution: cancelled ? 'skipped' : 'requeued',
          after: cancelled ? 'skipped' : 'queued',
          providerMessageId: null,
          reason: cancelled
            ? `Not at ${provider} and its campaign was cancelled: skipped.`
            : `Not at ${provider} after ${a.minutesOld} min although the listing covered it: back in the queue.`,
        });
        core.audit(
          'reconciliation.absent',
          `outbox:${a.outboxId}`,
          { provider, minutesOld: a.minutesOld, action: cancelled ? 'skipped' : 'requeued' },
          'reconciliation',
        );
      }
      for (const s of plan.statusFixes) events.push(s.event);
      for (const e of plan.inbound) events.push(e);
      for (const e of events) deps.ingest(e);
    },
    { immediate: true },
  );
  drain(deps.processNow);

  const statusesFixed: ReconciliationDiff['statusesFixed'] = [];
  for (const s of plan.statusFixes) {
    const after = outboxStateOf(db, s.outboxId);
    if (after && after.state !== s.before)
      statusesFixed.push({
        outboxId: s.outboxId,
        phone: s.phone,
        providerMessageId: s.event.providerMessageId,
        before: s.before,
        after: after.state,
        errorCode: after.error_code,
      });
  }
  for (const f of found) {
    const after = outboxStateOf(db, f.outboxId);
    resolved.push({
      outboxId: f.outboxId,
      phone: f.phone,
      resolution: 'found',
      after: after?.state ?? 'unknown',
      providerMessageId: f.message.providerMessageId,
      reason: `Found at ${provider} (${f.message.status}): it was sent.`,
    });
  }

  statusesFixed.sort((a, b) => a.outboxId - b.outboxId);
  resolved.sort((a, b) => a.outboxId - b.outboxId);

  const inboundIngested: ReconciliationDiff['inboundIngested'] = [];
  const optOutsFound: ReconciliationDiff['optOutsFound'] = [];
  for (const e of plan.inbound) {
    const row = inboundByProviderId(db, provider, e.providerMessageId);
    if (!row) continue;
    inboundIngested.push({
      providerMessageId: e.providerMessageId,
      from: e.from,
      body: e.body.slice(0, 160),
      at: e.at,
      keyword: row.keyword,
    });
    if (optedOutBy(db, row.id))
      optOutsFound.push({
        phone: e.from,
        providerMessageId: e.providerMessageId,
        body: e.body.slice(0, 160),
        at: e.at,
      });
  }

  const errors = [...listingErrors];
  const unprocessed = events.map((e) => unprocessedEvent(db, provider, e.eventId)).filter((r) => r !== undefined);
  if (unprocessed.length) {
    errors.push(
      `${unprocessed.length} correction${unprocessed.length === 1 ? '' : 's'} could not be processed yet (${unprocessed[0].last_error ?? 'waiting'}); they are retried automatically and listed under Dead letters if they keep failing.`,
    );
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
