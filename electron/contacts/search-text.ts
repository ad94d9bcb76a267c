import type { SqliteDb } from '../db/connection';

export { CONTACT_STARTS_SQL } from '../../migrations/0009_contact_starts';

// hot path: the text and FTS5 options of the contact search indexes, shared by the indexer (search-index.ts) and a
// CLI import's side build (import/search-build-worker.ts, a thread that loads only better-sqlite3)

/**
 * What `contact_search` (migration 0006) holds for a contacts row aliased `c`: its name, email and phone columns, in
 * that order. Every writer of the index uses this one expression, so an index built anywhere holds the same text.
 */
export const CONTACT_SEARCH_SQL =
  "trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), coalesce(c.email, ''), replace(c.phone, '+', '')";

/** FTS5's in-memory buffer during a bulk index (its default is 1 MB), and the settings it goes back to. */
export const BULK_HASH_BYTES = 64 * 1024 * 1024;
export const DEFAULT_HASH_BYTES = 1024 * 1024;
export const DEFAULT_AUTOMERGE = 4;

export const SEARCH_TABLES = ['contact_search', 'contact_starts'] as const;

/** FTS5 options of both search indexes (stored with them, so always set back in the same transaction). */
export function ftsOptions(db: SqliteDb, hashBytes: number, automerge: number): void {
  for (const table of SEARCH_TABLES) {
    // FTS5 reads these options as numbers written in the statement (a bound parameter is refused).
    db.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('hashsize', ${Math.trunc(hashBytes)})`);
    db.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('automerge', ${Math.trunc(automerge)})`);
  }
}
