import { isReply } from '../analytics';
import type { AbMetric } from '../../shared/abtests';
import type { SqliteDb } from '../db/connection';
import type { CampaignRecord } from '../campaigns';
import {
  campaignConversions,
  campaignOptOutTimes,
  campaignReplies,
  clickTimes,
  hasDeliveryReceipt,
  hasSentMessage,
  remainderStateCounts,
  testMessages,
} from './queries-metrics';

/**
 * What each variant of an A/B test achieved, counted per recipient from the outbox (the variant each contact got),
 * the replies attributed to the campaign, the opt-out audit, the tracked-link clicks and the conversions.
 *
 * Every outcome counts only inside the attribution window after its message was sent (a reply three weeks later
 * is not an answer to this text). Opt-outs are the campaign's when it was the last campaign message the contact
 * got before opting out — the same rule that attributes replies. Manual conversion marks count whenever made.
 *
 * Two views come out: everything so far (the report's table and chart), and the messages whose window has closed
 * (what the verdict judges: their numbers can no longer change, so judging them is fair to every variant).
 */

export type RateBasis = 'delivered' | 'sent';

export interface OutcomeCounts {
  clicked: number;
  replied: number;
  optedOut: number;
  converted: number;
}

export interface VariantMetrics extends OutcomeCounts {
  index: number;
  name: string;
  ratio: number;
  messages: number;
  sent: number;
  delivered: number;
  failed: number;
  pending: number;
  skipped: number;
  clicks: number;
  /** The test metric among the rate's messages, and those messages (delivered, or sent: see `basis`). */
  successes: number;
  denominator: number;
  /** The same among messages whose attribution window has closed. */
  settled: { successes: number; denominator: number };
  /** Messages that count now or may still count once their window closes (for the planned sample). */
  eventual: number;
}

export interface CampaignMetrics {
  basis: RateBasis;
  variants: VariantMetrics[];
  settledMessages: number;
  remainder: { held: number; queued: number; sent: number; delivered: number; failed: number; skipped: number } | null;
}

const HOUR_MS = 3_600_000;
const PENDING = new Set(['queued', 'sending', 'retry_wait', 'unknown']);
const FAILED = new Set(['failed', 'undelivered']);

/**
 * Rates are per delivered message; a test whose provider has sent no delivery receipt at all for the test's channel
 * falls back to sent (an SMTP server accepts an e-mail but never says it was delivered).
 */
export function rateBasis(db: SqliteDb, campaign: Pick<CampaignRecord, 'id' | 'provider' | 'ab'>): RateBasis {
  const channel = campaign.ab?.channel ?? 'sms';
  if (channel === 'sms' && campaign.provider === 'sandbox') return 'delivered';
  if (hasDeliveryReceipt(db, campaign.id, channel)) return 'delivered';
  return hasSentMessage(db, campaign.id, channel) ? 'sent' : 'delivered';
}

/** Timestamps per message, for outcomes that must fall inside the window. */
function timesByKey(rows: Array<{ key: number; at: string }>): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const r of rows) {
    const list = map.get(r.key) ?? [];
    list.push(Date.parse(r.at));
    map.set(r.key, list);
  }
  return map;
}

export function campaignMetrics(
  db: SqliteDb,
  campaign: CampaignRecord,
  opts: { now: Date; attributionHours: number },
): CampaignMetrics {
  const ab = campaign.ab;
  if (!ab) throw new Error(`campaign ${campaign.id} is not an A/B test`);
  const windowMs = opts.attributionHours * HOUR_MS;
  const nowMs = opts.now.getTime();
  const basis = rateBasis(db, campaign);
  const metric: AbMetric = ab.metric;

  // Test messages only: the held-back rest (and, later, the winner sent to it) is never part of the comparison.
  const messages = testMessages(db, campaign.id);
  const clicks = timesByKey(clickTimes(db, campaign.id));
  // The one rule of what a reply is, shared with campaign results (electron/analytics/outcome-rules.ts).
  const replies = timesByKey(campaignReplies(db, campaign.id).filter((r) => isReply(r.body)));
  const optOuts = timesByKey(campaignOptOutTimes(db, campaign.id));
  const conversions = new Map(campaignConversions(db, campaign.id).map((r) => [r.contactId, r]));

  const variants: VariantMetrics[] = ab.variants.map((v, index) => ({
    index,
    name: v.name,
    ratio: ab.split[index],
    messages: 0,
    sent: 0,
    delivered: 0,
    failed: 0,
    pending: 0,
    skipped: 0,
    clicks: 0,
    clicked: 0,
    replied: 0,
    optedOut: 0,
    converted: 0,
    successes: 0,
    denominator: 0,
    settled: { successes: 0, denominator: 0 },
    eventual: 0,
  }));
  const byName = new Map(variants.map((v) => [v.name, v]));
  let settledMessages = 0;

  for (const m of messages) {
    const v = byName.get(m.variant);
    if (!v) continue; // a name no longer in the config cannot happen: ab_json is fixed once launched
    v.messages++;
    if (PENDING.has(m.state)) v.pending++;
    if (m.state === 'skipped') v.skipped++;
    if (FAILED.has(m.state)) v.failed++;
    if (m.state === 'delivered') v.delivered++;
    if (m.sentAt === null) {
      if (PENDING.has(m.state)) v.eventual++;
      continue;
    }
    v.sent++;
    const sent = Date.parse(m.sentAt);
    const inWindow = (t: number) => t >= sent && t <= sent + windowMs;
    const messageClicks = (clicks.get(m.id) ?? []).filter(inWindow).length;
    const outcome: OutcomeCounts = {
      clicked: messageClicks > 0 ? 1 : 0,
      replied: m.contactId !== null && (replies.get(m.contactId) ?? []).some(inWindow) ? 1 : 0,
      optedOut: (optOuts.get(m.id) ?? []).some(inWindow) ? 1 : 0,
      converted: convertedFor(conversions.get(m.contactId ?? -1), inWindow),
    };
    v.clicks += messageClicks;
    v.clicked += outcome.clicked;
    v.replied += outcome.replied;
    v.optedOut += outcome.optedOut;
    v.converted += outcome.converted;

    const counts = basis === 'delivered' ? m.state === 'delivered' : !FAILED.has(m.state);
    const closed = sent + windowMs <= nowMs;
    if (counts) {
      v.denominator++;
      v.successes += outcome[metric];
      if (closed) {
        v.settled.denominator++;
        v.settled.successes += outcome[metric];
        settledMessages++;
      }
    }
    // A message still inside its window may yet count (a receipt can still arrive); one past it never will.
    if ((counts && closed) || (!closed && !FAILED.has(m.state))) v.eventual++;
  }

  return {
    basis,
    variants,
    settledMessages,
    remainder: ab.testPercent === undefined ? null : remainderCounts(db, campaign.id),
  };
}

function convertedFor(
  conversion: { source: string; at: string } | undefined,
  inWindow: (t: number) => boolean,
): number {
  if (!conversion) return 0;
  // The owner's own mark stands whenever it was made; a keyword reply must fall inside the window.
  return conversion.source === 'manual' || inWindow(Date.parse(conversion.at)) ? 1 : 0;
}

function remainderCounts(db: SqliteDb, campaignId: number): NonNullable<CampaignMetrics['remainder']> {
  const rows = remainderStateCounts(db, campaignId);
  const counts = { held: 0, queued: 0, sent: 0, delivered: 0, failed: 0, skipped: 0 };
  for (const { state, n } of rows) {
    if (state === 'held') counts.held += n;
    else if (PENDING.has(state)) counts.queued += n;
    else if (state === 'sent') counts.sent += n;
    else if (state === 'delivered') counts.delivered += n;
    else if (FAILED.has(state)) counts.failed += n;
    else if (state === 'skipped') counts.skipped += n;
  }
  return counts;
}
