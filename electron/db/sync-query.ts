import type { Statement } from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type OperationNodeSource,
} from 'kysely';
import type { SqliteDb } from './connection';
import type { Db } from './db';
import { PgSyncDb, type PgParam, type PgRows } from './pg-sync';
import { compileForPostgres } from './postgres-compile';
import type { DB } from './schema';

/**
 * Kysely as the typed builder for the synchronous connection: a query is built against the schema, compiled, and
 * run with better-sqlite3 (inside the caller's transaction when there is one). Building never touches a database.
 * On a PostgreSQL connection the same query is compiled by Kysely's PostgreSQL compiler (postgres-compile.ts) and
 * run through the worker-thread bridge (pg-sync.ts); the SQLite path pays one `instanceof` for that.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new SqliteIntrospector(k),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

type Param = string | number | bigint | Buffer | null;
const params = (q: { parameters: readonly unknown[] }): Param[] =>
  q.parameters.map((p) => (typeof p === 'boolean' ? Number(p) : (p as Param)));

/**
 * Prepared statements by SQL text, per connection: the same query built again (a setting read on every call, a
 * contact by id) is prepared once, not at each run — preparing cost more than running such a query (the ipc bench:
 * 96,700 → 37,300 calls/s when every run prepared again). Bounded, least recently used first out: queries with a
 * list of values (`in (?, ?, …)`) have as many texts as list lengths.
 */
const STATEMENTS_PER_CONNECTION = 500;
const statementCache = new WeakMap<SqliteDb, Map<string, Statement<Param[]>>>();
function statement(db: SqliteDb, sql: string): Statement<Param[]> {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map<string, Statement<Param[]>>()));
  let s = cache.get(sql);
  if (s) {
    cache.delete(sql); // moved to the newest end
  } else {
    s = db.prepare<Param[]>(sql);
    if (cache.size >= STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value as string);
  }
  cache.set(sql, s);
  return s;
}

/** A query the synchronous functions run: built with `qb` (or a `sql` template), so it compiles for either engine. */
export type SyncQuery<O> = Compilable<O> & OperationNodeSource;

function onPostgres<O>(db: PgSyncDb, query: OperationNodeSource): PgRows<O> {
  const c = compileForPostgres(query);
  return db.query<O>(c.sql, c.parameters as readonly PgParam[]);
}

/** Every row of a compiled select (typed by the builder). */
export function allRows<O>(db: Db, query: SyncQuery<O>): O[] {
  if (db instanceof PgSyncDb) return onPostgres<O>(db, query).rows;
  const c = query.compile();
  return statement(db, c.sql).all(...params(c)) as O[];
}

/** The first row, or undefined. */
export function firstRow<O>(db: Db, query: SyncQuery<O>): O | undefined {
  if (db instanceof PgSyncDb) return onPostgres<O>(db, query).rows[0];
  const c = query.compile();
  return statement(db, c.sql).get(...params(c)) as O | undefined;
}

/**
 * Runs an insert/update/delete; answers how many rows it changed. An insert that needs its new id says
 * `.returning('id')` and is run with `insertedId` (PostgreSQL has no "last inserted rowid").
 */
export function runQuery(db: Db, query: SyncQuery<unknown>): { changes: number } {
  if (db instanceof PgSyncDb) return { changes: onPostgres(db, query).rowCount };
  const c = query.compile();
  return { changes: statement(db, c.sql).run(...params(c)).changes };
}

/** Runs an `insert … returning('id')` of one row and answers the new row's id. */
export function insertedId(db: Db, query: SyncQuery<{ id: number }>): number {
  const row = firstRow(db, query);
  if (!row) throw new Error('The insert wrote no row, so it has no id');
  return row.id;
}
