import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection';
import { loadInsightsCode, readFailure, runRead, type FromReadWorker, type ToReadWorker } from './reads';

/**
 * Worker thread answering the dashboard's and the results page's reads on its own read-only connection, so the
 * main thread only posts a request and receives the answer (see reads.ts).
 */
export type ReadWorkerData = { dbPath: string; nativeBinding?: string };

/**
 * Best time and comparison load their code on first use (≈ 330 ms of CPU), kept off the thread's start because the
 * dashboard, the app's home, waits for that start. Once idle — this long after the first answer (in the app, the
 * dashboard's) with no read asked since, or after FIRST_READ_WAIT_MS if none is asked — the thread loads it, so the
 * owner's first ask does not pay for it.
 */
const IDLE_MS = 1000;
const FIRST_READ_WAIT_MS = 10_000;

const port = parentPort!;
const { dbPath, nativeBinding } = workerData as ReadWorkerData;
const db = openDatabase(dbPath, { nativeBinding, readonly: true });
let running = 0;
let loaded = false;
let idleTimer = setTimeout(loadWhenIdle, FIRST_READ_WAIT_MS);

function loadWhenIdle(): void {
  if (loaded || running > 0) return;
  loaded = true;
  void loadInsightsCode()
    .catch(() => undefined) // not fatal: the first ask loads it again and reports what fails
    .then(() => port.postMessage({ warmed: true } satisfies FromReadWorker));
}

port.on('message', (msg: ToReadWorker) => {
  running++;
  clearTimeout(idleTimer);
  runRead(db, msg.kind, msg.args)
    .then(
      (value) => port.postMessage({ id: msg.id, ok: true, value } satisfies FromReadWorker),
      (e: unknown) => port.postMessage(readFailure(msg.id, e)),
    )
    .finally(() => {
      running--;
      if (!loaded && running === 0) idleTimer = setTimeout(loadWhenIdle, IDLE_MS);
    });
});
