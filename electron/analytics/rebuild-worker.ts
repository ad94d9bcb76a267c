import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection';
import { HELPER_NICE, runInBackground } from '../thread-priority';
import { rebuildAll, type FromRebuildWorker, type RebuildWorkerData } from './rebuild';

/**
 * Worker thread that recomputes the analytics roll-ups on its own connection, so a rebuild over ten million messages
 * never holds the main thread (one campaign per transaction: the main connection waits at most that long to write).
 */

runInBackground(HELPER_NICE);
const port = parentPort!;
const { dbPath, nativeBinding } = workerData as RebuildWorkerData;
try {
  const db = openDatabase(dbPath, { nativeBinding });
  try {
    const r = rebuildAll(db, 1);
    port.postMessage({ type: 'done', ...r } satisfies FromRebuildWorker);
  } finally {
    db.close();
  }
} catch (e) {
  port.postMessage({ type: 'failed', message: (e as Error).message } satisfies FromRebuildWorker);
}
