import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/connection';
import { HELPER_NICE, runInBackground } from '../../thread-priority';
import { recomputeAll, type EngagementWorkerData, type FromEngagementWorker } from './recompute';

/** Worker thread that recomputes every contact's engagement score on its own connection (issue 14: off the main thread). */

runInBackground(HELPER_NICE);
const port = parentPort!;
const { dbPath, nativeBinding, nowIso } = workerData as EngagementWorkerData;
try {
  const db = openDatabase(dbPath, { nativeBinding });
  try {
    port.postMessage({ type: 'done', result: recomputeAll(db, new Date(nowIso)) } satisfies FromEngagementWorker);
  } finally {
    db.close();
  }
} catch (e) {
  port.postMessage({ type: 'failed', message: (e as Error).message } satisfies FromEngagementWorker);
}
