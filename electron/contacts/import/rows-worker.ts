import { workerData, type MessagePort } from 'node:worker_threads';
import type { RowBatch, RowSetup } from './batch';
import { RowNormaliser } from './rows';
import { HELPER_NICE, runInBackground } from '../../thread-priority';

/**
 * Worker thread that maps and normalises batches of rows (CSV parsing and libphonenumber are the CPU-heavy
 * part of an import). It talks only to the import worker, over the port it was started with: first a setup
 * (the mapping is known only once the import worker has read the header), then batches.
 */
runInBackground(HELPER_NICE);
const port = (workerData as { port: MessagePort }).port;
let rows: RowNormaliser | null = null;

port.on('message', (msg: { setup: RowSetup } | { seq: number; batch: RowBatch } | { close: true }) => {
  if ('close' in msg) {
    port.close();
    return;
  }
  if ('setup' in msg) {
    rows = new RowNormaliser(msg.setup);
    return;
  }
  try {
    if (!rows) throw new Error('row worker used before setup');
    port.postMessage({ seq: msg.seq, result: rows.run(msg.batch) });
  } catch (e) {
    port.postMessage({ seq: msg.seq, error: e instanceof Error ? e.message : String(e) });
  }
});
