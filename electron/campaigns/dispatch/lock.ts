import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Only one dispatcher may send from a data folder at a time (the app and `campaigns run` share the database):
 * two would each take the other's in-flight messages for interrupted ones. A lock left by a dead process is taken over.
 */
export function acquireDispatchLock(dataDir: string): () => void {
  const path = join(dataDir, 'dispatcher.lock');
  for (let i = 0; i < 2; i++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) rmSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path, 'utf8'));
      if (holder && holder !== process.pid && alive(holder)) {
        throw new AppError(
          'conflict',
          `Another SMS Campaign Desk process (pid ${holder}) is already sending from this data folder; let it finish or close it first.`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError('conflict', 'Could not take the sending lock.');
}
