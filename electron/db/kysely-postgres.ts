import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Kdb } from './kysely';
import type { PgConnectOptions } from './pg-sync-protocol';
import { deskPgTypes } from './pg-types';
import { postgresSpellingsPlugin } from './postgres-compile';
import type { DB } from './schema';

/**
 * The async Kysely (`kdb`) on a PostgreSQL database: a small pool, values read back as on SQLite (pg-types.ts),
 * sql-fns.ts fragments in their PostgreSQL spelling. Destroying the Kysely ends the pool.
 */
export function createPostgresKysely(options: PgConnectOptions): Kdb {
  const pool = new pg.Pool({
    host: options.host,
    port: options.port,
    database: options.database,
    user: options.user,
    password: options.password,
    ssl: options.ssl,
    statement_timeout: options.statementTimeoutMs,
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: options.applicationName,
    types: deskPgTypes,
    max: 2,
  });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [postgresSpellingsPlugin] });
}
