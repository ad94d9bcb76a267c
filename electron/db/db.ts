import type { SqliteDb } from './connection';
import { PgSyncDb } from './pg-sync';

/**
 * The synchronous connection the domains' queries run on: better-sqlite3's, or a PostgreSQL connection through the
 * worker-thread bridge (pg-sync.ts). `allRows`/`firstRow`/`runQuery`/`preparedQuery` and `transaction` take either;
 * code that needs SQLite's own calls (pragmas, raw hot paths) keeps taking `SqliteDb`.
 */
export type Db = SqliteDb | PgSyncDb;

export function isPostgres(db: Db): db is PgSyncDb {
  return db instanceof PgSyncDb;
}
