import { allRows, qb } from '../../db/sync-query';
import type { SqliteDb } from '../../db/connection';

/**
 * What the models know about a contact at a moment: only their history before it (so a message's own outcome never
 * leaks into the features that predict it). Seven numbers, each on a scale where the fit behaves (counts and days
 * through log1p). Time on the list is left out on purpose: it only grows, so the holdout (the latest texts) would
 * always lie beyond what the model learnt from, and a line extended past its data mis-states the probability.
 */
export const FEATURE_NAMES = [
  'texts delivered before',
  'share of texts replied to before',
  'clicks before',
  'conversions before',
  'ever replied',
  'days since last reply',
  'days since last text',
] as const;

const DAY = 86_400_000;

/** One delivered campaign text and what came of it. */
export interface MessageHistoryRow {
  contactId: number;
  at: number;
  createdAt: number;
  replied: boolean;
  clicked: boolean;
  optedOut: boolean;
  converted: boolean;
}

/** A contact's history so far, fed one message at a time in time order. */
export class ContactHistory {
  delivered = 0;
  replied = 0;
  clicked = 0;
  converted = 0;
  lastReplyAt: number | null = null;
  lastTextAt: number | null = null;

  constructor(readonly createdAt: number) {}

  /** The features at instant `at` (before anything at or after it is added). */
  features(at: number): number[] {
    const days = (from: number | null) => (from === null ? 0 : Math.log1p(Math.max(0, at - from) / DAY));
    return [
      Math.log1p(this.delivered),
      this.replied / (this.delivered + 1),
      Math.log1p(this.clicked),
      Math.log1p(this.converted),
      this.replied > 0 ? 1 : 0,
      days(this.lastReplyAt),
      days(this.lastTextAt),
    ];
  }

  add(m: MessageHistoryRow): void {
    this.delivered++;
    if (m.replied) {
      this.replied++;
      this.lastReplyAt = m.at;
    }
    if (m.clicked) this.clicked++;
    if (m.converted) this.converted++;
    this.lastTextAt = m.at;
  }
}

/**
 * Every delivered campaign text with its outcomes, by contact then time. Read in pages of contact ids so memory
 * stays bounded whatever the outbox holds.
 */
export function* deliveredHistory(db: SqliteDb, pageContacts = 5000): Generator<MessageHistoryRow> {
  let after = 0;
  for (;;) {
    const top = allRows(
      db,
      qb
        .selectFrom('contacts')
        .select('id')
        .where('id', '>', after)
        .orderBy('id')
        .limit(1)
        .offset(pageContacts - 1),
    )[0]?.id;
    const rows = allRows(
      db,
      qb
        .selectFrom('outbox_messages as o')
        .innerJoin('contacts as c', 'c.id', 'o.contact_id')
        .select(['o.contact_id as contactId', 'o.delivered_at as deliveredAt', 'c.created_at as createdAt'])
        .select((eb) => [
          eb
            .exists(
              eb
                .selectFrom('message_outcomes as m')
                .select('m.id')
                .whereRef('m.outbox_id', '=', 'o.id')
                .where('m.kind', '=', 'replied'),
            )
            .as('replied'),
          eb
            .exists(
              eb
                .selectFrom('message_outcomes as m')
                .select('m.id')
                .whereRef('m.outbox_id', '=', 'o.id')
                .where('m.kind', '=', 'clicked'),
            )
            .as('clicked'),
          eb
            .exists(
              eb
                .selectFrom('message_outcomes as m')
                .select('m.id')
                .whereRef('m.outbox_id', '=', 'o.id')
                .where('m.kind', '=', 'opted_out'),
            )
            .as('optedOut'),
          // A recipient converts once per campaign (analytics.md); read through conversions' (campaign, contact) index.
          eb
            .exists(
              eb
                .selectFrom('conversions as v')
                .select('v.id')
                .whereRef('v.campaign_id', '=', 'o.campaign_id')
                .whereRef('v.contact_id', '=', 'o.contact_id'),
            )
            .as('converted'),
        ])
        .where('o.kind', '=', 'campaign')
        .where('o.state', '=', 'delivered')
        .where('o.delivered_at', 'is not', null)
        .where('o.contact_id', '>', after)
        .$if(top !== undefined, (q) => q.where('o.contact_id', '<=', top))
        .orderBy('o.contact_id')
        .orderBy('o.delivered_at')
        .orderBy('o.id'),
    );
    for (const r of rows) {
      if (r.contactId === null || r.deliveredAt === null) continue;
      yield {
        contactId: r.contactId,
        at: Date.parse(r.deliveredAt),
        createdAt: Date.parse(r.createdAt),
        replied: Boolean(r.replied),
        clicked: Boolean(r.clicked),
        optedOut: Boolean(r.optedOut),
        converted: Boolean(r.converted),
      };
    }
    if (top === undefined) return;
    after = top;
  }
}
