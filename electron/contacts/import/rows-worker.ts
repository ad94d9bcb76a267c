import { workerData, type MessagePort } from 'node:worker_threads';
import { isAppError } from '../../../shared/errors';
import type { RowBatch, RowSetup } from './batch';
import { RowNormaliser } from './rows';
import { HELPER_NICE, runInBackground } from '../../thread-priority';

export interface RowsWorkerData {
  /** from the reader worker: a setup (the mapping is known only once the header is read), then batches */
  port: MessagePort;
  /** to the import worker (the writer): each batch's result, by its number; `port` only gets an acknowledgement */
  resultPort: MessagePort;
}

/**
 * Worker thread that maps and normalises batches of rows (CSV parsing and libphonenumber are the CPU-heavy
 * part of an import). Batches come from the reader; results go straight to the writer, each copied between
 * threads once.
 */
runInBackground(HELPER_NICE);
const { port, resultPort } = workerData as RowsWorkerData;
let rows: RowNormaliser | null = null;

port.on('message', (msg: { setup: RowSetup } | { seq: number; batch: RowBatch } | { close: true }) => {
  if ('close' in msg) {
    port.close();
    resultPort.close();
    return;
  }
  if ('setup' in msg) {
    rows = new RowNormaliser(msg.setup);
    return;
  }
  try {
    if (!rows) throw new Error('row worker used before setup');
    resultPort.postMessage({ seq: msg.seq, result: rows.run(msg.batch) });
    port.postMessage({ seq: msg.seq });
  } catch (e) {
    port.postMessage({
      seq: msg.seq,
      error: e instanceof Error ? e.message : String(e),
      ...(isAppError(e) ? { code: e.code } : {}),
    });
  }
});
