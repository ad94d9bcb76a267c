import type { ConversationRow } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { fullName } from '../db/sql-fns';
import { allRows, qb } from '../db/sync-query';
import { INLINE_INDEX_MAX, indexAllQueuedContacts, queuedForSearch } from '../contacts';
import { conversationSearch } from './search';

export interface ConversationQuery {
  limit: number;
  offset: number;
  /** Only conversations with a text the owner has not read yet. */
  unreadOnly?: boolean;
  /** A name, a phone number in any format, or words from a message. */
  search?: string;
}

/** One row per contact who has written to us, the conversation with the newest text first. */
export function listConversations(db: SqliteDb, q: ConversationQuery, defaultCountry: string): ConversationRow[] {
  const last = qb
    .selectFrom('inbound_messages')
    .select((eb) => ['contact_id', eb.fn.max('id').as('last_id')])
    .where('contact_id', 'is not', null)
    .groupBy('contact_id')
    .as('last');
  let query = qb
    .selectFrom(last)
    .innerJoin('inbound_messages as m', 'm.id', 'last.last_id')
    .innerJoin('contacts as c', 'c.id', 'last.contact_id')
    .select((eb) => [
      'c.id as contactId',
      'c.phone',
      eb.fn<string>('trim', [fullName(eb.ref('c.first_name'), eb.ref('c.last_name'))]).as('name'),
      'c.opted_out as optedOut',
      'm.body as lastMessage',
      'm.received_at as lastAt',
      eb
        .selectFrom('inbound_messages as u')
        .select((u) => u.fn.countAll<number>().as('n'))
        .whereRef('u.contact_id', '=', 'c.id')
        .where('u.read_at', 'is', null)
        .as('unread'),
    ]);
  if (q.unreadOnly)
    query = query.where(
      'c.id',
      'in',
      qb.selectFrom('inbound_messages').select('contact_id').where('read_at', 'is', null),
    );
  const search = conversationSearch(q.search, defaultCountry);
  // Contacts added or edited moments ago are indexed first when there are few of them, as the contacts list does.
  if (search) {
    const pending = queuedForSearch(db, INLINE_INDEX_MAX + 1);
    if (pending > 0 && pending <= INLINE_INDEX_MAX) indexAllQueuedContacts(db);
  }
  if (search) query = query.where(search);
  const rows = allRows(
    db,
    query.orderBy('m.received_at', 'desc').orderBy('m.id', 'desc').limit(q.limit).offset(q.offset),
  );
  return rows.map((r) => ({ ...r, name: r.name || null, optedOut: !!r.optedOut, unread: r.unread ?? 0 }));
}
