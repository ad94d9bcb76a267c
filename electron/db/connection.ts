import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivate, preparePrivateFile } from '../security/private-files';

export type SqliteDb = BetterSqlite3.Database;

/**
 * Page size of a database this app creates. Larger pages than SQLite's 4 KB default mean fewer, shallower
 * B-tree pages to search, split and write back: measured on this app's work, a million-row contact import
 * 10.1 → 8.6–9.0 s, a million-message campaign snapshot 5.8 → 4.9 s, contact searches as fast or faster; 64 KB
 * was slower again. The price is on many tiny commits, which write whole pages: signed webhooks stored durably
 * one group-commit at a time went 10,000 → 7,500 per second (the target is 2,000). A database created before
 * keeps the page size it was created with (SQLite changes it only by rewriting the whole file).
 */
export const NEW_DATABASE_PAGE_SIZE = 32 * 1024;

/**
 * Write-ahead log a committing connection lets grow before it copies the log back into the database file, in
 * bytes: SQLite's default of 1,000 pages of 4 KB. Counted in bytes so that larger pages do not make each of those
 * checkpoints (which hold the committing thread, often the main one) eight times longer.
 */
const AUTOCHECKPOINT_BYTES = 4 * 1024 * 1024;

/** The automatic checkpoint limit, in pages of this database (`PRAGMA wal_autocheckpoint`). */
export function autocheckpointPages(db: SqliteDb): number {
  return Math.max(1, Math.round(AUTOCHECKPOINT_BYTES / (db.pragma('page_size', { simple: true }) as number)));
}

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for this runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Opens the single writer connection with the pragmas the product depends on:
 * 32 KB pages for a new database, WAL for concurrent readers, FULL sync so a committed "sending" row survives a power cut,
 * foreign keys on, and a busy timeout so the CLI and the app can share the file.
 */
export function openDatabase(path: string, options: OpenOptions = {}): SqliteDb {
  if (path !== ':memory:' && !options.readonly) {
    mkdirSync(dirname(path), { recursive: true });
    // Customers' phone numbers: the file (and so its -wal and -shm, which SQLite creates with its mode) owner-only.
    preparePrivateFile(path);
  }
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    nativeBinding: options.nativeBinding,
  });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    // Takes effect only while the file is still empty; must come before WAL mode, which fixes the page size.
    db.pragma(`page_size = ${NEW_DATABASE_PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`wal_autocheckpoint = ${autocheckpointPages(db)}`);
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // 64 MB of page cache: bulk work (imports, outbox snapshots) touches several indexes at once.
  db.pragma('cache_size = -65536');
  return db;
}

/**
 * A consistent copy of the database into a new file that only its owner can read (SQLite would create it with the
 * umask's mode). A copy that fails leaves no file behind.
 */
export async function backupDatabase(db: SqliteDb, target: string): Promise<BetterSqlite3.BackupMetadata> {
  preparePrivateFile(target);
  try {
    const result = await db.backup(target);
    makePrivate(target);
    return result;
  } catch (err) {
    rmSync(target, { force: true });
    throw err;
  }
}
