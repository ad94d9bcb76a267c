import type { Statement } from 'better-sqlite3';
import type { SqliteDb } from '../../db/connection';

const cache = new WeakMap<SqliteDb, Map<string, Statement<unknown[]>>>();

/**
 * The send path runs the same few statements for every message; compiling each one anew (better-sqlite3's
 * prepare) cost more than running it. Statements are kept per connection, keyed by their SQL text.
 */
export function statement(db: SqliteDb, sql: string): Statement<unknown[]> {
  let byText = cache.get(db);
  if (!byText) cache.set(db, (byText = new Map<string, Statement<unknown[]>>()));
  let stmt = byText.get(sql);
  // hot path: the dispatcher's claim (dueMessages, providersWithWork, nextDueAt) on every tick of the send loop.
  if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
