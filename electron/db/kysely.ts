import { Kysely, SqliteDialect } from 'kysely';
import type { SqliteDb } from './connection';
import type { DB } from './schema';

export type Kdb = Kysely<DB>;

export function createKysely(db: SqliteDb): Kdb {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: db }) });
}
