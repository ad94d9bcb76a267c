import { attributedBy, type AttributionRule, type AttributionWindows } from '../../shared/analytics';
import type { SqliteDb } from '../db/connection';
import type { Channel } from '../../shared/types/domain';
import { allRows, firstRow, qb } from '../db/sync-query';

export interface Attribution {
  outboxId: number;
  campaignId: number;
  rule: AttributionRule;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Last touch (analytics.md): the most recent campaign message to the contact delivered (sent, when the provider
 * sends no receipts) before `at`, if `at` is inside its delivery window or inside the click window after a click on
 * it. A message whose newer sibling is outside every window does not shadow an older one that was clicked: the first
 * message, newest first, whose window holds `at` gets the outcome.
 */
export function attribute(
  db: SqliteDb,
  contactId: number,
  at: string,
  windows: AttributionWindows,
  /** Only messages of this channel (an e-mail unsubscribe is caused by an e-mail, a STOP by a text). */
  channel?: Channel,
): Attribution | null {
  const atMs = Date.parse(at);
  // A click counts within clickDays of delivery, and the outcome within clickDays of the click.
  const lookback = new Date(atMs - 2 * windows.clickDays * DAY_MS - windows.deliveryHours * HOUR_MS).toISOString();
  const candidates = allRows(
    db,
    qb
      .selectFrom('outbox_messages')
      .select(['id', 'campaign_id', 'sent_at', 'delivered_at'])
      .where('contact_id', '=', contactId)
      .where('kind', '=', 'campaign')
      .where('campaign_id', 'is not', null)
      .where('sent_at', 'is not', null)
      .where('sent_at', '<=', at)
      .where('sent_at', '>=', lookback)
      .where('state', 'not in', ['failed', 'undelivered'])
      .$if(channel !== undefined, (q) => q.where('channel', '=', channel ?? 'sms'))
      .orderBy('sent_at', 'desc')
      .limit(20),
  );
  const ordered = candidates
    .map((m) => ({ ...m, deliveredMs: Date.parse(m.delivered_at ?? m.sent_at ?? at) }))
    .sort((a, b) => b.deliveredMs - a.deliveredMs || b.id - a.id);
  for (const m of ordered) {
    if (m.campaign_id === null || m.deliveredMs > atMs) continue;
    const rule = attributedBy(atMs, m.deliveredMs, firstClickBefore(db, m.id, at), windows);
    if (rule) return { outboxId: m.id, campaignId: m.campaign_id, rule };
  }
  return null;
}

/** The latest human click on the message's tracked links at or before `at` (the window runs from the last click). */
function firstClickBefore(db: SqliteDb, outboxId: number, at: string): number | null {
  const row = firstRow(
    db,
    qb
      .selectFrom('tracked_links as l')
      .innerJoin('link_clicks as k', 'k.link_id', 'l.id')
      .select((eb) => eb.fn.max('k.at').as('at'))
      .where('l.outbox_id', '=', outboxId)
      .where('k.is_bot', '=', 0)
      .where('k.at', '<=', at),
  );
  return row?.at ? Date.parse(row.at) : null;
}
