import { sql } from 'kysely';
import type { ThreadContact } from '../../shared/ipc/channels/inbox';
import type { SqliteDb } from '../db/connection';
import { allRows, firstRow, insertedId, qb, runQuery } from '../db/sync-query';
import type { ProviderId } from '../providers';

/** The inbox's data access: a conversation's contact and messages, read marks, and where a reply goes out. */

export function threadContactRow(db: SqliteDb, contactId: number) {
  return firstRow(
    db,
    qb
      .selectFrom('contacts')
      .select(['id', 'phone', 'first_name', 'last_name', 'opted_out', 'opted_out_at', 'is_unknown'])
      .where('id', '=', contactId),
  );
}

/** The newest opt-out or opt-in of this number. */
export function lastConsentChange(db: SqliteDb, phone: string): ThreadContact['lastConsentChange'] | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('optout_audit')
      .select(['at', 'new_state as newState', 'source', 'message_text as message'])
      .where('phone', '=', phone)
      .where('channel', '=', 'sms')
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1),
  );
}

/**
 * Their texts and ours, newest first, `limit` of them. Campaign messages count once handed to the provider; our
 * replies and confirmations from the moment they are queued.
 */
export function threadRows(db: SqliteDb, contactId: number, limit: number) {
  const inbound = qb
    .selectFrom('inbound_messages as i')
    .select([
      sql<'in' | 'out'>`'in'`.as('direction'),
      'i.id',
      'i.body',
      'i.received_at as at',
      'i.keyword',
      'i.read_at',
      sql<string | null>`NULL`.as('kind'),
      sql<string | null>`NULL`.as('state'),
      sql<string | null>`NULL`.as('error_message'),
      sql<string | null>`NULL`.as('next_attempt_at'),
      sql<string | null>`NULL`.as('campaign_name'),
    ])
    .where('i.contact_id', '=', contactId);
  const outbound = qb
    .selectFrom('outbox_messages as m')
    .leftJoin('campaigns as k', (join) =>
      join.on((eb) => eb('k.id', '=', eb.fn.coalesce('m.campaign_id', 'm.test_of_campaign_id'))),
    )
    .select((eb) => [
      sql<'in' | 'out'>`'out'`.as('direction'),
      'm.id',
      'm.body',
      eb.fn.coalesce('m.sent_at', 'm.sending_at', 'm.created_at').as('at'),
      sql<string | null>`NULL`.as('keyword'),
      sql<string | null>`NULL`.as('read_at'),
      eb.case().when('m.test_of_campaign_id', 'is', null).then(eb.ref('m.kind')).else('test').end().as('kind'),
      'm.state',
      'm.error_message',
      'm.next_attempt_at',
      'k.name as campaign_name',
    ])
    .where('m.contact_id', '=', contactId)
    .where((eb) => eb.or([eb('m.kind', '<>', 'campaign'), eb('m.sending_at', 'is not', null)]));
  return allRows(
    db,
    qb
      .selectFrom(inbound.unionAll(outbound).as('t'))
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('direction', 'desc')
      .orderBy('id', 'desc')
      .limit(limit),
  );
}

/** Marks what the contact sent as read; answers how many texts changed. */
export function markInboundRead(db: SqliteDb, contactId: number, nowIso: string): number {
  return runQuery(
    db,
    qb
      .updateTable('inbound_messages')
      .set({ read_at: nowIso })
      .where('contact_id', '=', contactId)
      .where('read_at', 'is', null),
  ).changes;
}

/** Unread conversations and texts, for the badge. */
export function unreadCounts(db: SqliteDb): { conversations: number; messages: number } {
  // hot path: polled for the nav badge; INDEXED BY keeps SQLite on the partial unread index at a million texts.
  return db
    .prepare<[], { conversations: number; messages: number }>(
      'SELECT COUNT(DISTINCT contact_id) AS conversations, COUNT(*) AS messages FROM inbound_messages INDEXED BY inbound_unread WHERE read_at IS NULL',
    )
    .get()!;
}

/** The provider and our number the contact last wrote to. */
export function lastInboundRoute(db: SqliteDb, contactId: number) {
  return firstRow(
    db,
    qb
      .selectFrom('inbound_messages')
      .select(['provider', 'to_phone as toPhone'])
      .where('contact_id', '=', contactId)
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .$narrowType<{ provider: ProviderId }>(),
  );
}

/** The provider and our number our last message to the contact went out with. */
export function lastOutboundRoute(db: SqliteDb, contactId: number) {
  return firstRow(
    db,
    qb
      .selectFrom('outbox_messages')
      .select(['provider', 'from_number as fromNumber'])
      .where('contact_id', '=', contactId)
      .where('sending_at', 'is not', null)
      .orderBy('sending_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .$narrowType<{ provider: ProviderId }>(),
  );
}

/** Queues an inbox reply (kind 'reply', due now); answers its outbox id. */
export function insertReply(
  db: SqliteDb,
  r: {
    contactId: number;
    toPhone: string;
    from: string;
    body: string;
    segments: number;
    provider: ProviderId;
    nowIso: string;
  },
): number {
  return insertedId(
    db,
    qb
      .insertInto('outbox_messages')
      .values({
        campaign_id: null,
        contact_id: r.contactId,
        kind: 'reply',
        to_phone: r.toPhone,
        from_number: r.from,
        body: r.body,
        segments: r.segments,
        provider: r.provider,
        state: 'queued',
        created_at: r.nowIso,
        updated_at: r.nowIso,
        next_attempt_at: r.nowIso,
      })
      .returning('id'),
  );
}
