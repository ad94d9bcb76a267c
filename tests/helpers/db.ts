import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDb } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrator';
import { migrations } from '../../migrations';

/** A real SQLite file in a temp folder with the real migrations applied. */
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(prefix = 'smsdesk-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
