import type { NotNull } from 'kysely';
import type { Channel } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { allRows, firstRow, qb } from '../db/sync-query';

/** Whether any of the campaign's messages on the channel got a delivery receipt (delivered or undelivered). */
export function hasDeliveryReceipt(db: SqliteDb, campaignId: number, channel: Channel): boolean {
  const q = qb
    .selectFrom('outbox_messages')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('channel', '=', channel)
    .where('kind', '=', 'campaign')
    .where('state', 'in', ['delivered', 'undelivered'])
    .limit(1);
  return firstRow(db, q) !== undefined;
}

export function hasSentMessage(db: SqliteDb, campaignId: number, channel: Channel): boolean {
  const q = qb
    .selectFrom('outbox_messages')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('channel', '=', channel)
    .where('kind', '=', 'campaign')
    .where('sent_at', 'is not', null)
    .limit(1);
  return firstRow(db, q) !== undefined;
}

/** The test's messages (never the held-back rest): which variant, where it stands, when it went. */
export function testMessages(db: SqliteDb, campaignId: number) {
  return allRows(
    db,
    qb
      .selectFrom('outbox_messages')
      .select(['id', 'variant', 'state', 'sent_at as sentAt', 'contact_id as contactId'])
      .where('campaign_id', '=', campaignId)
      .where('kind', '=', 'campaign')
      .where('ab_remainder', '=', 0)
      .where('variant', 'is not', null)
      .$narrowType<{ variant: NotNull }>(),
  );
}

/** Counted clicks on the campaign's links (bots aside): the message each link was in, and when. */
export function clickTimes(db: SqliteDb, campaignId: number): Array<{ key: number; at: string }> {
  return allRows(
    db,
    qb
      .selectFrom('tracked_links as l')
      .innerJoin('link_clicks as k', 'k.link_id', 'l.id')
      .select(['l.outbox_id as key', 'k.at'])
      .where('l.campaign_id', '=', campaignId)
      .where('k.is_bot', '=', 0),
  );
}

/** Texts attributed to the campaign from known contacts: who, when, what. */
export function campaignReplies(db: SqliteDb, campaignId: number): Array<{ key: number; at: string; body: string }> {
  return allRows(
    db,
    qb
      .selectFrom('inbound_messages')
      .select(['contact_id as key', 'received_at as at', 'body'])
      .where('campaign_id', '=', campaignId)
      .where('contact_id', 'is not', null)
      .$narrowType<{ key: NotNull }>(),
  );
}

/**
 * Opt-outs after one of the campaign's messages with no other campaign's message in between: the message, and
 * when the recipient opted out.
 */
export function campaignOptOutTimes(db: SqliteDb, campaignId: number): Array<{ key: number; at: string }> {
  return allRows(
    db,
    qb
      .selectFrom('outbox_messages as m')
      .innerJoin('optout_audit as a', (j) =>
        j
          .onRef('a.phone', '=', 'm.to_phone')
          // an opt-out of the message's own channel only (an e-mail unsubscribe is no STOP)
          .onRef('a.channel', '=', 'm.channel')
          .on('a.new_state', '=', 'opted_out')
          .onRef('a.at', '>=', 'm.sent_at'),
      )
      .select(['m.id as key', 'a.at'])
      .where('m.campaign_id', '=', campaignId)
      .where('m.kind', '=', 'campaign')
      .where('m.sent_at', 'is not', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('outbox_messages as o')
              .select('o.id')
              .whereRef('o.contact_id', '=', 'm.contact_id')
              .where('o.kind', '=', 'campaign')
              .whereRef('o.campaign_id', '<>', 'm.campaign_id')
              .whereRef('o.sent_at', '>', 'm.sent_at')
              .whereRef('o.sent_at', '<=', 'a.at'),
          ),
        ),
      ),
  );
}

export function campaignConversions(
  db: SqliteDb,
  campaignId: number,
): Array<{ contactId: number; source: string; at: string }> {
  return allRows(
    db,
    qb
      .selectFrom('conversions')
      .select(['contact_id as contactId', 'source', 'at'])
      .where('campaign_id', '=', campaignId),
  );
}

/** The held-back rest (and the winner sent to it) by state. */
export function remainderStateCounts(db: SqliteDb, campaignId: number): Array<{ state: string; n: number }> {
  return allRows(
    db,
    qb
      .selectFrom('outbox_messages')
      .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
      .where('campaign_id', '=', campaignId)
      .where('kind', '=', 'campaign')
      .where((eb) => eb.or([eb('ab_remainder', '=', 1), eb('state', '=', 'held')]))
      .groupBy('state'),
  );
}
