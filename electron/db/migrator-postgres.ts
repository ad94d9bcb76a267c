import type { ClientBase } from 'pg';
import { AppError } from '../../shared/errors';
import type { Migration } from '../../migrations/types';
import { databaseTooNew, type MigrateResult } from './migrator';

/**
 * The key of the session advisory lock every desktop takes before migrating a PostgreSQL database ("SMSDESK" in
 * ASCII, read as a number): two desktops starting together migrate once; the second waits, then finds nothing
 * pending. Advisory locks belong to one database of the cluster, so other databases are never held up.
 */
export const MIGRATION_LOCK_KEY = '23447443090002763';

/** The schema version of a PostgreSQL database: one row, written in the migrations' transaction. */
const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_version (
  id integer PRIMARY KEY CHECK (id = 1),
  version integer NOT NULL
)`;

/** The schema version of the database on `client` (0 when it was never migrated). */
export async function schemaVersionPostgres(client: ClientBase): Promise<number> {
  const table = await client.query<{ found: string | null }>(`SELECT to_regclass('schema_version') AS found`);
  if (table.rows[0]?.found === null) return 0;
  const row = await client.query<{ version: number }>('SELECT version FROM schema_version WHERE id = 1');
  return row.rows[0]?.version ?? 0;
}

const label = (m: Migration) => `${String(m.version).padStart(4, '0')} (${m.name})`;

/**
 * Brings a PostgreSQL database to the newest schema this app knows, like `migrate` does for SQLite: under a session
 * advisory lock, every pending migration's `postgres` DDL in ONE transaction (PostgreSQL's DDL is transactional, so a
 * failure leaves the database as it was). A database written by a newer app is refused, and so is a pending migration
 * without PostgreSQL DDL; neither changes anything. No backup is taken: on a server that is the DBA's job
 * (docs/design/postgres.md), so `backupPath` is always null.
 */
export async function migratePostgres(
  client: ClientBase,
  migrations: readonly Migration[],
  options: { target?: number } = {},
): Promise<MigrateResult> {
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  const target = options.target ?? latest;
  await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
  try {
    await client.query('BEGIN');
    try {
      await client.query(VERSION_TABLE);
      await client.query('INSERT INTO schema_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING');
      const from = await schemaVersionPostgres(client);
      if (from > latest) throw databaseTooNew(from, latest);
      const pending = migrations.filter((m) => m.version > from && m.version <= target);
      const missing = pending.filter((m) => m.postgres === undefined);
      if (missing.length) {
        throw new AppError(
          'database_error',
          `This version of SMS Campaign Desk cannot run on PostgreSQL yet: migration ${missing.map(label).join(', ')} ` +
            `has no PostgreSQL DDL. Nothing was changed.`,
        );
      }
      for (const m of pending) {
        try {
          await client.query(m.postgres ?? '');
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          throw new AppError('database_error', `Migration ${label(m)} failed on PostgreSQL: ${reason}`);
        }
      }
      const to = pending.length ? pending[pending.length - 1].version : from;
      await client.query('UPDATE schema_version SET version = $1 WHERE id = 1', [to]);
      await client.query('COMMIT');
      return { from, to, backupPath: null };
    } catch (err) {
      // A connection that broke has rolled back (and released the lock) on the server already: the cause is `err`.
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
  }
}
