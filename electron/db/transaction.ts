import type { Db } from './db';
import { PgSyncDb } from './pg-sync';

/**
 * Runs `fn` in one transaction on either engine and answers its result; a throw rolls everything back and is thrown
 * on. Nested calls become savepoints (an inner failure caught by the outer function undoes only the inner part), as
 * better-sqlite3's nested transaction functions do. `immediate` takes SQLite's write lock at the start (BEGIN
 * IMMEDIATE), for a read-then-write that must not be overtaken by another connection; PostgreSQL's row locks need no
 * such mode.
 */
export function transaction<T>(db: Db, fn: () => T, options: { immediate?: boolean } = {}): T {
  if (db instanceof PgSyncDb) return db.transaction(fn);
  const run = db.transaction(fn);
  return options.immediate ? run.immediate() : run();
}
