import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { Migration } from '../../migrations/types';
import { backupDatabase, type SqliteDb } from './connection';
import { firstRow, qb } from './sync-query';

export interface MigrateResult {
  from: number;
  to: number;
  backupPath: string | null;
}

export function schemaVersion(db: SqliteDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The refusal of a database written by a newer app (SQLite and PostgreSQL alike). */
export function databaseTooNew(from: number, latest: number): AppError {
  return new AppError(
    'database_too_new',
    `This database (schema version ${from}) was created by a newer version of SMS Campaign Desk; ` +
      `this version understands up to schema ${latest}. Install the newer version to open it. Nothing was changed.`,
  );
}

/**
 * Brings the database to the newest schema this app knows, in one transaction.
 * A database written by a newer app is refused (never downgraded); an existing database is backed up first.
 */
export async function migrate(
  db: SqliteDb,
  migrations: readonly Migration[],
  options: { dbPath: string; now: () => Date; target?: number },
): Promise<MigrateResult> {
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  const target = options.target ?? latest;
  const from = schemaVersion(db);
  if (from > latest) throw databaseTooNew(from, latest);
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (!pending.length) return { from, to: from, backupPath: null };

  let backupPath: string | null = null;
  if (from > 0 && options.dbPath !== ':memory:' && existsSync(options.dbPath)) {
    const stamp = options.now().toISOString().replace(/[:.]/g, '-');
    backupPath = join(dirname(options.dbPath), `${basename(options.dbPath)}.v${from}-${stamp}.bak`);
    await backupDatabase(db, backupPath);
  }

  const run = db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  });
  run.exclusive();
  return { from, to: pending[pending.length - 1].version, backupPath };
}

/** Whether the database answers a trivial query: the status bar's cheap health check. */
export function databaseAnswers(db: SqliteDb): boolean {
  return (
    firstRow(
      db,
      qb.selectNoFrom((eb) => eb.lit(1).as('ok')),
    ) !== undefined
  );
}

export function integrityCheck(db: SqliteDb, full = true): string {
  const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as Array<Record<string, string>>;
  const messages = rows.map((r) => Object.values(r)[0]);
  return messages.length === 1 && messages[0] === 'ok' ? 'ok' : messages.join('; ');
}
