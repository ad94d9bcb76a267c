import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDb } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrator';
import { migrations } from '../../migrations';

/** A real SQLite file in a temp folder with the real migrations applied. */
// A worker thread that an import or a checkpoint started may still be closing its files when a test ends (a -wal or
// -shm appears while the folder is being removed: ENOTEMPTY); rmSync retries those with a short pause.
const REMOVE = { recursive: true, force: true, maxRetries: 5, retryDelay: 50 } as const;

export async function tempDb(): Promise<{ db: SqliteDb; path: string; dir: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-test-'));
  const path = join(dir, 'desk.sqlite');
  const db = openDatabase(path);
  await migrate(db, migrations, { dbPath: path, now: () => new Date() });
  return {
    db,
    path,
    dir,
    cleanup: () => {
      try {
        db.close();
      } catch {
        /* already closed */
      }
      rmSync(dir, REMOVE);
    },
  };
}

export function tempDir(prefix = 'smsdesk-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, REMOVE) };
}
