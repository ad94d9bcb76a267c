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

/** Every row of a compiled select (typed by the builder). */
export function allRows<O>(db: SqliteDb, query: Compilable<O>): O[] {
  const c = query.compile();
  return db.prepare(c.sql).all(...params(c)) as O[];
}

/** The first row, or undefined. */
export function firstRow<O>(db: SqliteDb, query: Compilable<O>): O | undefined {
  const c = query.compile();
  return db.prepare(c.sql).get(...params(c)) as O | undefined;
}

/** Runs an insert/update/delete; answers the changed rows and the last inserted id. */
export function runQuery(db: SqliteDb, query: Compilable<unknown>): { changes: number; lastInsertRowid: number } {
  const c = query.compile();
  const info = db.prepare(c.sql).run(...params(c));
  return { changes: info.changes, lastInsertRowid: Number(info.lastInsertRowid) };
}
