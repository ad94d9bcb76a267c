import type { SqliteDb } from '../db/connection';
import type { ProviderId, ProviderMessage, ProviderMessageStatus } from '../providers';
import type { ProviderEvent } from '../webhooks';
import type { ListingRange, ProviderListing } from './listing';
import { inboxHolds, outboxByProviderId, unknownMessages } from './queries';

type StatusEvent = Extract<ProviderEvent, { kind: 'status' }>;
type InboundEvent = Extract<ProviderEvent, { kind: 'inbound' }>;

export interface PlanOptions {
  /**
   * How old an `unknown` message must be before its absence at the provider means "never received". A provider may
   * list a just-accepted message late; 15 minutes is far beyond any request timeout.
   */
  settleMs: number;
  /** How far the provider's creation time may be from our send attempt and still be the same message. */
  matchWindowMs: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { settleMs: 15 * 60_000, matchWindowMs: 10 * 60_000 };

/** Same order as the event processor: a fix only ever moves a message forward. */
const RANK: Record<string, number> = {
  queued: 0,
  retry_wait: 0,
  held: 0,
  sending: 1,
  unknown: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  failed: 3,
  skipped: 3,
};

/** What the provider's status means for our outbox; null when it says nothing about delivery. */
export function eventStatus(status: ProviderMessageStatus): StatusEvent['status'] | null {
  if (status === 'delivered' || status === 'undelivered' || status === 'failed') return status;
  if (status === 'sent' || status === 'queued' || status === 'sending') return 'sent';
  return null;
}

/** Deterministic ids: a later webhook or a second run reporting the same thing is a harmless duplicate. */
export const reconEventId = (providerMessageId: string, status: string) => `recon:${providerMessageId}:${status}`;

export interface StatusFix {
  outboxId: number;
  phone: string;
  before: string;
  event: StatusEvent;
}

export interface FoundUnknown {
  outboxId: number;
  phone: string;
  message: ProviderMessage;
  event: StatusEvent;
}

export interface AbsentUnknown {
  outboxId: number;
  phone: string;
  campaignId: number | null;
  campaignStatus: string | null;
  minutesOld: number;
}

export interface ReconcilePlan {
  statusFixes: StatusFix[];
  found: FoundUnknown[];
  absent: AbsentUnknown[];
  pending: Array<{ outboxId: number; phone: string; reason: string }>;
  inbound: InboundEvent[];
  unmatchedOutgoing: number;
  listed: { outgoing: number; incoming: number };
}

function statusEvent(provider: ProviderId, m: ProviderMessage, status: StatusEvent['status']): StatusEvent {
  // The listing has no delivery time; the provider's creation time is the closest time it knows.
  return {
    kind: 'status',
    provider,
    eventId: reconEventId(m.providerMessageId, status),
    providerMessageId: m.providerMessageId,
    status,
    errorCode: m.errorCode ?? null,
    errorMessage: null,
    at: m.createdAt,
  };
}

/**
 * Compares the provider's listing with our outbox and inbox and decides what to fix. Reads only; the caller applies
 * the plan, so everything it changes goes through the same event path as webhooks.
 */
export function planReconciliation(
  db: SqliteDb,
  provider: ProviderId,
  listing: ProviderListing,
  range: ListingRange,
  now: Date,
  options: PlanOptions = DEFAULT_PLAN_OPTIONS,
): ReconcilePlan {
  const plan: ReconcilePlan = {
    statusFixes: [],
    found: [],
    absent: [],
    pending: [],
    inbound: [],
    unmatchedOutgoing: 0,
    listed: { outgoing: 0, incoming: 0 },
  };
  const pool: ProviderMessage[] = [];

  for (const m of listing.messages) {
    if (m.direction === 'incoming') {
      plan.listed.incoming++;
      if (inboxHolds(db, provider, m.providerMessageId)) continue;
      plan.inbound.push({
        kind: 'inbound',
        provider,
        eventId: reconEventId(m.providerMessageId, 'received'),
        providerMessageId: m.providerMessageId,
        from: m.from,
        to: m.to,
        body: m.body,
        at: m.createdAt,
      });
      continue;
    }
    plan.listed.outgoing++;
    const row = outboxByProviderId(db, provider, m.providerMessageId);
    if (!row) {
      pool.push(m);
      continue;
    }
    const status = eventStatus(m.status);
    if (status && RANK[status] > (RANK[row.state] ?? 0))
      plan.statusFixes.push({
        outboxId: row.id,
        phone: row.to_phone,
        before: row.state,
        event: statusEvent(provider, m, status),
      });
  }

  const unknown = unknownMessages(db, provider);
  const claimed = new Set<string>();
  for (const u of unknown) {
    if (u.provider_message_id) {
      // Has an id, so the status path above settles it when the listing holds it.
      if (!plan.statusFixes.some((f) => f.outboxId === u.id))
        plan.pending.push({
          outboxId: u.id,
          phone: u.to_phone,
          reason: `Has provider id ${u.provider_message_id} but the listing did not settle it (not listed, or no delivery status yet).`,
        });
      continue;
    }
    const t = Date.parse(u.t);
    // Same recipient and text, created close to our attempt, not already someone else's: the closest one is ours.
    const candidates = pool.filter(
      (m) =>
        !claimed.has(m.providerMessageId) &&
        m.to === u.to_phone &&
        m.body.trim() === u.body.trim() &&
        Math.abs(Date.parse(m.createdAt) - t) <= options.matchWindowMs,
    );
    candidates.sort((a, b) => Math.abs(Date.parse(a.createdAt) - t) - Math.abs(Date.parse(b.createdAt) - t));
    const match = candidates[0];
    if (match) {
      claimed.add(match.providerMessageId);
      plan.found.push({
        outboxId: u.id,
        phone: u.to_phone,
        message: match,
        event: statusEvent(provider, match, eventStatus(match.status) ?? 'sent'),
      });
      continue;
    }
    const age = now.getTime() - t;
    const covered = listing.covers === 'all' || listing.covers.has(u.to_phone);
    const inRange =
      range.since.getTime() <= t - options.matchWindowMs && t + options.matchWindowMs <= range.until.getTime();
    const reason = !covered
      ? 'The listing did not cover this recipient completely (see the errors), so nothing is concluded.'
      : age < options.settleMs
        ? `Sent ${Math.floor(age / 60_000)} min ago; waiting ${Math.round(options.settleMs / 60_000)} min before concluding it never arrived.`
        : !inRange
          ? `Its send attempt (${u.t}) is not well inside the reconciled range; reconcile a range that includes it.`
          : null;
    if (reason) plan.pending.push({ outboxId: u.id, phone: u.to_phone, reason });
    else
      plan.absent.push({
        outboxId: u.id,
        phone: u.to_phone,
        campaignId: u.campaign_id,
        campaignStatus: u.campaign_status,
        minutesOld: Math.floor(age / 60_000),
      });
  }
  plan.unmatchedOutgoing = pool.filter((m) => !claimed.has(m.providerMessageId)).length;
  // Stored and processed in the order the customer wrote them (listings come newest first).
  plan.inbound.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return plan;
}
