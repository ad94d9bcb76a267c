import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The database, its backups, exports and uploads hold customers' phone numbers: they are created readable by their
 * owner only (0600) in folders only the owner can enter (0700), whatever the umask. On Windows these modes mean
 * little; the folder sits in the user's profile, which Windows already keeps to that user.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates the folder (and missing parents) if needed and makes it owner-only. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(path, PRIVATE_DIR_MODE);
}

/** Makes an existing file owner-only; a missing one is left missing. */
export function makePrivate(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}

/**
 * Creates an empty owner-only file unless it exists (then makes it owner-only), so a program that fills it later
 * (SQLite for a database or a backup, a write stream) never creates it with the umask's wider mode. SQLite gives a
 * database's -wal and -shm files the database file's own mode.
 */
export function preparePrivateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** Writes a whole file owner-only (an export the owner asked for by name, say). */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  writeFileSync(path, data, { mode: PRIVATE_FILE_MODE });
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** Every file under `dir` made owner-only and every folder owner-only too, `depth` levels down. */
function makeTreePrivate(dir: string, depth: number): void {
  if (!existsSync(dir)) return;
  chmodSync(dir, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) makeTreePrivate(path, depth - 1);
    else if (entry.isFile()) chmodSync(path, PRIVATE_FILE_MODE);
  }
}

export interface PrivateDataPaths {
  dataDir: string;
  dbPath: string;
  /**
   * Whether the data folder is the app's own (the default one, SMS_DESK_DATA_DIR, or one it creates now). The folder
   * of a database named with `--db` may be any folder of the user's, so its mode is left as the user set it.
   */
  ownsDataDir: boolean;
}

/**
 * At start-up: the data folder 0700 and what the app keeps in it 0600 — fixing modes left by older versions, which
 * created everything with the umask's (usually world-readable) modes.
 */
export function secureDataAtRest(paths: PrivateDataPaths): void {
  const created = !existsSync(paths.dataDir);
  if (paths.ownsDataDir || created) ensurePrivateDir(paths.dataDir);
  else mkdirSync(paths.dataDir, { recursive: true });
  if (paths.dbPath === ':memory:') return;
  const dbDir = dirname(paths.dbPath);
  const dbName = basename(paths.dbPath);
  for (const suffix of ['', '-wal', '-shm', '-journal']) makePrivate(`${paths.dbPath}${suffix}`);
  if (existsSync(dbDir)) {
    // Pre-migration backups: desk.sqlite.v<version>-<time>.bak
    for (const name of readdirSync(dbDir))
      if (name.startsWith(`${dbName}.v`) && name.endsWith('.bak') && statSync(join(dbDir, name)).isFile())
        makePrivate(join(dbDir, name));
  }
  for (const name of ['secrets.json', 'secrets.keychain.json']) makePrivate(join(paths.dataDir, name));
  makeTreePrivate(join(paths.dataDir, 'exports'), 0);
  makeTreePrivate(join(paths.dataDir, 'uploads'), 1);
}
