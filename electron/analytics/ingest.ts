import type { SqliteDb } from '../db/connection';
import { preparedQuery } from '../db/prepared-query';
import { qb } from '../db/sync-query';
import { conversionKeywordIn } from '../abtests';
import { attribute } from './attribution';
import { isReply, isThankYouUrl, optOutCountsForCampaigns } from './outcome-rules';
import { insertConversion, recordMessageOutcome, removeOutcome } from './record';
import type { AnalyticsSettings } from './settings';
import { rescoreQueued } from './engagement/scores';
import { transaction } from '../db/transaction';

/**
 * Turns what arrived (inbound texts, link visits, opt-outs) into attributed outcomes, in order, each exactly once:
 * a cursor per source moves in the same transaction as the outcomes it produced. Each call does a bounded amount of
 * work (`limit` events per source), so the background tick never holds the main thread for long. The windows used
 * are the settings at the time the event is ingested — a change applies to later outcomes only. Then up to limit ÷ 5
 * contacts whose history changed are rescored (engagement score, migration 0014).
 */
export function ingestOutcomes(db: SqliteDb, s: AnalyticsSettings, now: Date, limit = 500): number {
  return transaction(
    db,
    () => {
      const events =
        ingestInbound(db, s, now, limit) +
        ingestClicks(db, s, now, limit) +
        ingestOptOuts(db, s, limit) +
        ingestNewContacts(db, limit * 100);
      // The contacts those events (and deliveries, opt-outs…) touched get their engagement score again, a batch at a time.
      return events + rescoreQueued(db, now, Math.ceil(limit / 5));
    },
    { immediate: true },
  );
}

/** Ingests everything waiting (bounded by `maxRounds` × `limit` per source): used before a report is read. */
export function catchUpOutcomes(db: SqliteDb, s: AnalyticsSettings, now: Date, maxRounds = 20): void {
  for (let i = 0; i < maxRounds; i++) if (ingestOutcomes(db, s, now) === 0) return;
}

type Cursor = 'inbound' | 'clicks' | 'optouts' | 'contacts';

// Every round (each tick, each report's catch-up) runs the reads below even when nothing arrived: built and prepared
// once, so an idle round costs a few statement runs on the main thread, not a Kysely build and compile of each.
const cursorRow = preparedQuery((v: { source: Cursor }) =>
  qb.selectFrom('analytics_cursors').select('last_id').where('source', '=', v.source),
);
const cursorMove = preparedQuery((v: { source: Cursor; lastId: number }) =>
  qb.updateTable('analytics_cursors').set({ last_id: v.lastId }).where('source', '=', v.source),
);

function cursor(db: SqliteDb, source: Cursor): number {
  return cursorRow.get(db, { source })?.last_id ?? 0;
}
function moveCursor(db: SqliteDb, source: Cursor, lastId: number): void {
  cursorMove.run(db, { source, lastId });
}

const inboundAfter = preparedQuery((v: { after: number; limit: number }) =>
  qb
    .selectFrom('inbound_messages')
    .select(['id', 'contact_id', 'body', 'received_at'])
    .where('id', '>', v.after)
    .orderBy('id')
    .limit(v.limit),
);

function ingestInbound(db: SqliteDb, s: AnalyticsSettings, now: Date, limit: number): number {
  const rows = inboundAfter.all(db, { after: cursor(db, 'inbound'), limit });
  for (const r of rows) {
    if (r.contact_id === null || !isReply(r.body)) continue;
    // A reply is a text, so it answers a text: an e-mail or a call of the campaign never gets it (MEASURED_ON).
    const a = attribute(db, r.contact_id, r.received_at, s.windows, 'sms');
    // A reply after the contact opted out from that message is part of the opt-out, not a reply.
    if (a && !hasOutcome(db, a.outboxId, 'opted_out'))
      recordMessageOutcome(db, a, {
        kind: 'replied',
        contactId: r.contact_id,
        at: r.received_at,
        windows: s.windows,
        sourceRef: `inbound:${r.id}`,
      });
    const keyword = s.keywords.length ? conversionKeywordIn(r.body, s.keywords) : null;
    if (keyword) {
      insertConversion(db, {
        contactId: r.contact_id,
        source: 'keyword',
        sourceId: `inbound:${r.id}`,
        amountMinor: 0,
        currency: s.currency,
        at: r.received_at,
        actor: 'reply',
        // A sale is the last touch's on any channel, as every other conversion.
        attribution: attribute(db, r.contact_id, r.received_at, s.windows),
        windows: s.windows,
        createdAt: now.toISOString(),
        inboundMessageId: r.id,
        keyword,
      });
    }
  }
  if (rows.length) moveCursor(db, 'inbound', rows[rows.length - 1].id);
  return rows.length;
}

const clicksAfter = preparedQuery((v: { after: number; limit: number }) =>
  qb
    .selectFrom('link_clicks as k')
    .innerJoin('tracked_links as l', 'l.id', 'k.link_id')
    .select(['k.id', 'k.at', 'k.is_bot', 'l.id as linkId', 'l.outbox_id', 'l.campaign_id', 'l.contact_id', 'l.url'])
    .where('k.id', '>', v.after)
    .orderBy('k.id')
    .limit(v.limit),
);

function ingestClicks(db: SqliteDb, s: AnalyticsSettings, now: Date, limit: number): number {
  const rows = clicksAfter.all(db, { after: cursor(db, 'clicks'), limit });
  for (const r of rows) {
    if (r.is_bot) continue;
    // The link names its message: the click is that message's, no window needed to find it.
    const a = { outboxId: r.outbox_id, campaignId: r.campaign_id, rule: 'direct' as const };
    recordMessageOutcome(db, a, {
      kind: 'clicked',
      contactId: r.contact_id,
      at: r.at,
      windows: s.windows,
      sourceRef: `click:${r.id}`,
    });
    if (r.contact_id !== null && isThankYouUrl(r.url, s.thankYouUrl)) {
      insertConversion(db, {
        contactId: r.contact_id,
        source: 'link',
        sourceId: `link:${r.linkId}`,
        amountMinor: 0,
        currency: s.currency,
        at: r.at,
        actor: 'link',
        attribution: a,
        windows: s.windows,
        createdAt: now.toISOString(),
      });
    }
  }
  if (rows.length) moveCursor(db, 'clicks', rows[rows.length - 1].id);
  return rows.length;
}

const optOutsAfter = preparedQuery((v: { after: number; limit: number }) =>
  qb
    .selectFrom('optout_audit as a')
    .leftJoin('contacts as c', 'c.phone', 'a.phone')
    .select([
      'a.id',
      'a.at',
      'a.source',
      'a.new_state',
      'a.channel',
      (eb) => eb.fn.coalesce('a.contact_id', 'c.id').as('contactId'),
    ])
    .where('a.id', '>', v.after)
    .orderBy('a.id')
    .limit(v.limit),
);

function ingestOptOuts(db: SqliteDb, s: AnalyticsSettings, limit: number): number {
  const rows = optOutsAfter.all(db, { after: cursor(db, 'optouts'), limit });
  for (const r of rows) {
    // The list's growth counts SMS opt-outs (an e-mail unsubscribe leaves the number textable).
    if (r.new_state === 'opted_out' && r.channel === 'sms') addGrowth(db, r.at.slice(0, 10), 0, 1);
    if (r.new_state !== 'opted_out' || r.contactId === null || !optOutCountsForCampaigns(r.source)) continue;
    // A campaign message is charged only with the opt-outs of its own channel.
    const a = attribute(db, r.contactId, r.at, s.windows, r.channel);
    if (!a) continue;
    // "A reply then STOP counts as opt-out only" (analytics.md).
    if (
      recordMessageOutcome(db, a, {
        kind: 'opted_out',
        contactId: r.contactId,
        at: r.at,
        windows: s.windows,
        sourceRef: `optout:${r.id}`,
        reason: r.source,
      })
    )
      removeOutcome(db, a.outboxId, 'replied');
  }
  if (rows.length) moveCursor(db, 'optouts', rows[rows.length - 1].id);
  return rows.length;
}

// Per event: built and prepared once too.
const outcomeOf = preparedQuery((v: { outboxId: number; kind: 'opted_out' | 'replied' }) =>
  qb.selectFrom('message_outcomes').select('id').where('outbox_id', '=', v.outboxId).where('kind', '=', v.kind),
);
const growthAdd = preparedQuery((v: { day: string; newContacts: number; optOuts: number }) =>
  qb
    .insertInto('list_growth_daily')
    .values({ day: v.day, new_contacts: v.newContacts, opt_outs: v.optOuts })
    .onConflict((oc) =>
      oc.column('day').doUpdateSet((eb) => ({
        new_contacts: eb('list_growth_daily.new_contacts', '+', eb.ref('excluded.new_contacts')),
        opt_outs: eb('list_growth_daily.opt_outs', '+', eb.ref('excluded.opt_outs')),
      })),
    ),
);

function hasOutcome(db: SqliteDb, outboxId: number, kind: 'opted_out' | 'replied'): boolean {
  return outcomeOf.get(db, { outboxId, kind }) !== undefined;
}

function addGrowth(db: SqliteDb, day: string, newContacts: number, optOuts: number): void {
  growthAdd.run(db, { day, newContacts, optOuts });
}

const lastContact = preparedQuery((_: Record<string, never>) =>
  qb.selectFrom('contacts').select((eb) => eb.fn.max('id').as('id')),
);
const newContactsByDay = preparedQuery((v: { from: number; to: number }) =>
  qb
    .selectFrom('contacts')
    .select([
      (eb) => eb.fn<string>('substr', ['created_at', eb.lit(1), eb.lit(10)]).as('day'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('id', '>', v.from)
    .where('id', '<=', v.to)
    .groupBy('day'),
);

/** Contacts added since the last call, counted per day of creation (a million-row import is read in id ranges). */
function ingestNewContacts(db: SqliteDb, limit: number): number {
  const from = cursor(db, 'contacts');
  const top = lastContact.get(db, {})?.id ?? 0;
  if (top <= from) return 0;
  const to = Math.min(top, from + limit);
  const days = newContactsByDay.all(db, { from, to });
  for (const d of days) addGrowth(db, d.day, d.n, 0);
  moveCursor(db, 'contacts', to);
  return Math.max(days.length, 1);
}
