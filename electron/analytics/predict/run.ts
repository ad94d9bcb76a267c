import type { SqliteDb } from '../../db/connection';
import { startWorker } from '../../workers';
import type { FromPredictWorker, PredictWorkerData } from './predict-worker';
import { trainAndScore, type TrainResult } from './train';

/**
 * Trains the models off the main thread: a worker with its own connection reads the whole outbox history and fits.
 * The worker's end (exit) is awaited before answering, so nothing holds the database file afterwards. An in-memory
 * database, which a worker cannot open, is trained here.
 */
export async function trainInWorker(
  db: SqliteDb,
  file: { dbPath: string; nativeBinding?: string },
  nowMs: number,
): Promise<TrainResult> {
  if (file.dbPath === ':memory:' || file.dbPath === '') return trainAndScore(db, nowMs);
  const w = startWorker('analytics-predict-worker', import.meta.url, {
    workerData: { dbPath: file.dbPath, nativeBinding: file.nativeBinding, nowMs } satisfies PredictWorkerData,
  });
  let answer: FromPredictWorker | null = null;
  w.on('message', (msg: FromPredictWorker) => (answer = msg));
  await new Promise<void>((resolve, reject) => {
    w.once('error', reject);
    w.once('exit', () => resolve());
  });
  const done = answer as FromPredictWorker | null;
  if (!done) throw new Error('The prediction training stopped before it finished.');
  if (done.type === 'failed') throw new Error(`The prediction training failed: ${done.message}`);
  return { reply: done.reply, optOut: done.optOut, scored: done.scored };
}
