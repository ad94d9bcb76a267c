import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/connection';
import { HELPER_NICE, runInBackground } from '../../thread-priority';
import { trainAndScore, type TrainResult } from './train';

/** Worker thread that trains the prediction models and scores every contact on its own connection. */
export type PredictWorkerData = { dbPath: string; nativeBinding?: string; nowMs: number };
export type FromPredictWorker = ({ type: 'done' } & TrainResult) | { type: 'failed'; message: string };

runInBackground(HELPER_NICE);
const port = parentPort!;
const { dbPath, nativeBinding, nowMs } = workerData as PredictWorkerData;
try {
  const db = openDatabase(dbPath, { nativeBinding });
  try {
    port.postMessage({ type: 'done', ...trainAndScore(db, nowMs) } satisfies FromPredictWorker);
  } finally {
    db.close();
  }
} catch (e) {
  port.postMessage({ type: 'failed', message: (e as Error).message } satisfies FromPredictWorker);
}
