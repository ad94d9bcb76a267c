import type { ConversationRow } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';

/** One row per contact who has written to us, newest conversation first. */
export function listConversations(db: SqliteDb, q: { limit: number; offset: number }): ConversationRow[] {
  const rows = db
    .prepare(
      `SELECT c.id AS contactId, c.phone, TRIM(COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '')) AS name, c.opted_out AS optedOut,
              m.body AS lastMessage, m.received_at AS lastAt,
              (SELECT COUNT(*) FROM inbound_messages u WHERE u.contact_id = c.id AND u.read_at IS NULL) AS unread
       FROM (SELECT contact_id, MAX(id) AS last_id FROM inbound_messages WHERE contact_id IS NOT NULL GROUP BY contact_id) last
       JOIN inbound_messages m ON m.id = last.last_id
       JOIN contacts c ON c.id = last.contact_id
       ORDER BY m.received_at DESC, m.id DESC LIMIT ? OFFSET ?`,
    )
    .all(q.limit, q.offset) as Array<Omit<ConversationRow, 'optedOut' | 'name'> & { optedOut: number; name: string }>;
  return rows.map((r) => ({ ...r, name: r.name || null, optedOut: !!r.optedOut }));
}
