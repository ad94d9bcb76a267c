import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SqliteDb = BetterSqlite3.Database;

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for this runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Opens the single writer connection with the pragmas the product depends on:
 * WAL for concurrent readers, FULL sync so a committed "sending" row survives a power cut,
 * foreign keys on, and a busy timeout so the CLI and the app can share the file.
 */
export function openDatabase(path: string, options: OpenOptions = {}): SqliteDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    nativeBinding: options.nativeBinding,
  });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // 64 MB of page cache: bulk work (imports, outbox snapshots) touches several indexes at once.
  db.pragma('cache_size = -65536');
  return db;
}
