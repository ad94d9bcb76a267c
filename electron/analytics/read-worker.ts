import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection';
import { readFailure, runRead, type FromReadWorker, type ToReadWorker } from './reads';

/**
 * Worker thread answering the dashboard's and the results page's reads on its own read-only connection, so the
 * main thread only posts a request and receives the answer (see reads.ts).
 */
export type ReadWorkerData = { dbPath: string; nativeBinding?: string };

const port = parentPort!;
const { dbPath, nativeBinding } = workerData as ReadWorkerData;
const db = openDatabase(dbPath, { nativeBinding, readonly: true });
port.on('message', (msg: ToReadWorker) => {
  runRead(db, msg.kind, msg.args).then(
    (value) => port.postMessage({ id: msg.id, ok: true, value } satisfies FromReadWorker),
    (e: unknown) => port.postMessage(readFailure(msg.id, e)),
  );
});
