import type { Statement } from 'better-sqlite3';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable } from 'kysely';
import type { SqliteDb } from './connection';
import type { DB } from './schema';

/**
 * Kysely as the typed builder for the synchronous connection: a query is built against the schema, compiled, and
 * run with better-sqlite3 (inside the caller's transaction when there is one). Building never touches a database.
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

/** Every row of a compiled select (typed by the builder). */
export function allRows<O>(db: SqliteDb, query: Compilable<O>): O[] {
  const c = query.compile();
  return statement(db, c.sql).all(...params(c)) as O[];
}

/** The first row, or undefined. */
export function firstRow<O>(db: SqliteDb, query: Compilable<O>): O | undefined {
  const c = query.compile();
  return statement(db, c.sql).get(...params(c)) as O | undefined;
}

/** Runs an insert/update/delete; answers the changed rows and the last inserted id. */
export function runQuery(db: SqliteDb, query: Compilable<unknown>): { changes: number; lastInsertRowid: number } {
  const c = query.compile();
  const info = statement(db, c.sql).run(...params(c));
  return { changes: info.changes, lastInsertRowid: Number(info.lastInsertRowid) };
}
