import type { Statement } from 'better-sqlite3';
import type { Compilable } from 'kysely';
import type { SqliteDb } from './connection';

type Param = string | number | bigint | Buffer | null;

/** Stands, while the query is built, for a value given each time it runs. */
class Slot {
  constructor(readonly name: string) {}
}

export interface PreparedQuery<P, O> {
  all(db: SqliteDb, values: P): O[];
  get(db: SqliteDb, values: P): O | undefined;
  run(db: SqliteDb, values: P): { changes: number; lastInsertRowid: number };
  /** Every row as an array of its values in select order, one at a time: for passes over a whole audience. */
  iterateValues(db: SqliteDb, values: P): IterableIterator<unknown[]>;
}

/**
 * A Kysely query built and compiled once, its statement prepared once per connection, run many times with new
 * values: for the send path, which runs the same few statements for every message, where building, compiling and
 * preparing each one anew costs more than running it. `build` receives stand-ins for the values (typed as `P`) and
 * uses them where the values go; the constants it writes stay constant.
 */
export function preparedQuery<P extends Record<string, Param>, O>(
  build: (values: P) => Compilable<O>,
): PreparedQuery<P, O> {
  // The stand-ins travel through Kysely as opaque values (it binds whatever it is given as a parameter), so they are
  // given the values' types only for the builder's type checks.
  const standIns = new Proxy({}, { get: (_target, name) => new Slot(String(name)) }) as P;
  const compiled = build(standIns).compile();
  const order = compiled.parameters.map((p): { slot: string } | { value: Param } =>
    p instanceof Slot ? { slot: p.name } : { value: typeof p === 'boolean' ? Number(p) : (p as Param) },
  );
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
    all: (db, values) => statement(db).all(...bind(values)) as O[],
    get: (db, values) => statement(db).get(...bind(values)) as O | undefined,
    run: (db, values) => {
      const info = statement(db).run(...bind(values));
      return { changes: info.changes, lastInsertRowid: Number(info.lastInsertRowid) };
    },
    iterateValues: (db, values) => rawStatement(db).iterate(...bind(values)),
  };
}
