import type { OptOutRow } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';

/** The consent audit as a report: who, when, how, and the message that did it. */
export function listOptOuts(db: SqliteDb, q: { search?: string; limit: number; offset: number }): OptOutRow[] {
  const search = q.search?.trim() ? `%${q.search.trim()}%` : null;
  return db
    .prepare(
      `SELECT id, phone, contact_id AS contactId, at, new_state AS newState, source, message_text AS message
       FROM optout_audit WHERE (? IS NULL OR phone LIKE ? OR message_text LIKE ?)
       ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(search, search, search, q.limit, q.offset) as OptOutRow[];
}
