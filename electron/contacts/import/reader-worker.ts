import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { portRowPool, type RowPool } from './rows-pool';
import { serveRowSource } from './read-rows';
import type { ReadJob } from './row-source';
import { HELPER_NICE, runInBackground } from '../../thread-priority';

export interface ReaderWorkerData {
  read: ReadJob;
  /** to the import worker (the writer): items out, credit in */
  writerPort: MessagePort;
  /** to the first row workers (their results go to the writer by channels of their own) */
  rowPorts: MessagePort[];
}

/** From run.ts: row workers started later, or the news that one died. */
export type ToReader = { type: 'rowPorts'; ports: MessagePort[] } | { type: 'rowWorkerFailed'; message: string };
/** To run.ts: the first row worker has fallen behind, start the others. */
export type FromReader = { type: 'moreRowWorkers' };

/**
 * Worker thread that reads an import's file, has the row workers normalise it and hands the results to the
 * import worker in file order (row-source.ts). Reading, decoding and cutting a million-row file into batches
 * takes a core half a second or more: here it overlaps the writer's transactions instead of coming between them.
 */
runInBackground(HELPER_NICE);
const main = parentPort!;
const { read, writerPort, rowPorts } = workerData as ReaderWorkerData;
let pool: RowPool | null = null;
let failure: Error | null = null;

main.on('message', (msg: ToReader) => {
  if (msg.type === 'rowPorts') pool?.addPorts(msg.ports);
  else {
    failure = new Error(`a row worker stopped: ${msg.message}`);
    pool?.fail(failure);
  }
});

void serveRowSource(writerPort, read, (setup) => {
  pool = portRowPool(rowPorts, setup, () => main.postMessage({ type: 'moreRowWorkers' } satisfies FromReader));
  if (failure) pool.fail(failure);
  return pool;
});
