import type { Db } from './db';
import { PgSyncDb } from './pg-sync';
import { allRows, type SyncQuery } from './sync-query';

/**
 * Streaming reads of a Kysely query on the synchronous connection, for the passes that visit more rows than fit in
 * memory (exports; the template measure reads its pages through `preparedQuery`). better-sqlite3 refuses other
 * statements on the connection while an iterator is open: read a bounded page, then let go. On PostgreSQL the page
 * arrives whole (the bridge answers one request with its rows).
 */

type Param = string | number | bigint | Buffer | null;
const bound = (c: { parameters: readonly unknown[] }): Param[] =>
  c.parameters.map((p) => (typeof p === 'boolean' ? Number(p) : (p as Param)));

/** Every row of a compiled select, one at a time (typed by the builder). */
export function* iterateRows<O>(db: Db, query: SyncQuery<O>): Generator<O> {
  if (db instanceof PgSyncDb) {
    yield* allRows(db, query);
    return;
  }
  const c = query.compile();
  yield* db.prepare<Param[], O>(c.sql).iterate(...bound(c));
}
