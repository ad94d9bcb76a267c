import type { Statement } from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import type { SqliteDb } from './connection';
import type { Db } from './db';
import { PgSyncDb, type PgParam } from './pg-sync';
import { compileForPostgres } from './postgres-compile';
import type { SyncQuery } from './sync-query';

type Param = string | number | bigint | Buffer | null;

/** Stands, while the query is built, for a value given each time it runs. */
class Slot {
  constructor(readonly name: string) {}
}

export interface PreparedQuery<P, O> {
  all(db: Db, values: P): O[];
  get(db: Db, values: P): O | undefined;
  run(db: Db, values: P): { changes: number };
  /**
   * Every row as an array of its values in select order, one at a time: for passes over a whole audience. On
   * PostgreSQL the rows arrive together (read a bounded page at a time, as the callers do).
   */
  iterateValues(db: Db, values: P): IterableIterator<unknown[]>;
}

/**
 * A Kysely query built and compiled once, its statement prepared once per connection, run many times with new
 * values: for the send path, which runs the same few statements for every message, where building, compiling and
 * preparing each one anew costs more than running it. `build` receives stand-ins for the values (typed as `P`) and
 * uses them where the values go; the constants it writes stay constant.
 */
export function preparedQuery<P extends Record<string, Param>, O>(
  build: (values: P) => SyncQuery<O>,
): PreparedQuery<P, O> {
  // The stand-ins travel through Kysely as opaque values (it binds whatever it is given as a parameter), so they are
  // given the values' types only for the builder's type checks.
  const standIns = new Proxy({}, { get: (_target, name) => new Slot(String(name)) }) as P;
  const query = build(standIns);
  const compiled = query.compile();
  type Order = Array<{ slot: string } | { value: Param }>;
  const orderOf = (c: CompiledQuery): Order =>
    c.parameters.map((p) =>
      p instanceof Slot ? { slot: p.name } : { value: typeof p === 'boolean' ? Number(p) : (p as Param) },
    );
  const order = orderOf(compiled);
  // PostgreSQL's text and parameter order, compiled the first time the query runs there.
  let onPostgres: { sql: string; order: Order } | null = null;
  const pg = (db: PgSyncDb, values: P, rowMode: 'object' | 'array' = 'object') => {
    if (!onPostgres) {
      const c = compileForPostgres(query);
      onPostgres = { sql: c.sql, order: orderOf(c) };
    }
    const bound = onPostgres.order.map((o): PgParam => ('slot' in o ? values[o.slot] : o.value));
    return db.query<O>(onPostgres.sql, bound, rowMode);
  };
  const statements = new WeakMap<SqliteDb, Statement<Param[]>>();
  const statement = (db: SqliteDb): Statement<Param[]> => {
    let s = statements.get(db);
    if (!s) statements.set(db, (s = db.prepare<Param[]>(compiled.sql)));
    return s;
  };
  // Raw mode sticks to a statement, so the value-array reads have their own.
  const rawStatements = new WeakMap<SqliteDb, Statement<Param[], unknown[]>>();
  const rawStatement = (db: SqliteDb): Statement<Param[], unknown[]> => {
    let s = rawStatements.get(db);
    if (!s) rawStatements.set(db, (s = db.prepare<Param[], unknown[]>(compiled.sql).raw(true)));
    return s;
  };
  const bind = (values: P): Param[] => order.map((o) => ('slot' in o ? values[o.slot] : o.value));
  return {
    all: (db, values) => (db instanceof PgSyncDb ? pg(db, values).rows : (statement(db).all(...bind(values)) as O[])),
    get: (db, values) =>
      db instanceof PgSyncDb ? pg(db, values).rows[0] : (statement(db).get(...bind(values)) as O | undefined),
    run: (db, values) => ({
      changes: db instanceof PgSyncDb ? pg(db, values).rowCount : statement(db).run(...bind(values)).changes,
    }),
    iterateValues: (db, values) =>
      db instanceof PgSyncDb
        ? (pg(db, values, 'array').rows as unknown[][])[Symbol.iterator]()
        : rawStatement(db).iterate(...bind(values)),
  };
}
