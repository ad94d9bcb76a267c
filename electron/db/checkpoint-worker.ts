import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './connection';
import { HELPER_NICE, runInBackground } from '../thread-priority';

/**
 * Worker thread that copies the write-ahead log back into the database file while the main connection writes
 * in bulk (see checkpoints.ts). PASSIVE checkpoints never wait for and never block the writer.
 */
export type CheckpointWorkerData = { dbPath: string; nativeBinding?: string; intervalMs: number };
export type FromCheckpointWorker = { type: 'ready' } | { type: 'stopped' } | { type: 'failed'; message: string };

runInBackground(HELPER_NICE);
const port = parentPort!;
const { dbPath, nativeBinding, intervalMs } = workerData as CheckpointWorkerData;
try {
  const db = openDatabase(dbPath, { nativeBinding });
  const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)');
  const timer = setInterval(() => {
    try {
      checkpoint();
    } catch (e) {
      clearInterval(timer);
      port.postMessage({ type: 'failed', message: (e as Error).message } satisfies FromCheckpointWorker);
    }
  }, intervalMs);
  port.on('message', (msg: 'stop') => {
    if (msg !== 'stop') return;
    clearInterval(timer);
    try {
      checkpoint();
    } finally {
      db.close();
      port.postMessage({ type: 'stopped' } satisfies FromCheckpointWorker);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromCheckpointWorker);
} catch (e) {
  port.postMessage({ type: 'failed', message: (e as Error).message } satisfies FromCheckpointWorker);
}
