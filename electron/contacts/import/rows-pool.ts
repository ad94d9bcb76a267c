import type { MessagePort } from 'node:worker_threads';
import { RowNormaliser, type BatchResult, type RowBatch, type RowSetup } from './rows';

/** Runs row batches somewhere: in worker threads for real imports, in this thread for tests and tiny jobs. */
export interface RowPool {
  run(batch: RowBatch): Promise<BatchResult>;
  /** fails every batch waiting and every later one (a row worker died) */
  fail(error: Error): void;
  close(): void;
}

export function inlineRowPool(setup: RowSetup): RowPool {
  const rows = new RowNormaliser(setup);
  return { run: async (batch) => rows.run(batch), fail: () => {}, close: () => {} };
}

interface Pending {
  resolve: (r: BatchResult) => void;
  reject: (e: Error) => void;
}

/**
 * Sends batches over the row workers' ports, each to the port with the fewest batches waiting.
 * Results come back in any order; the caller puts them back in file order.
 */
export function portRowPool(ports: MessagePort[], setup: RowSetup): RowPool {
  let seq = 0;
  let failure: Error | null = null;
  const slots = ports.map((port) => {
    const pending = new Map<number, Pending>();
    port.on('message', (msg: { seq: number; result?: BatchResult; error?: string }) => {
      const p = pending.get(msg.seq);
      if (!p) return;
      pending.delete(msg.seq);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result!);
    });
    port.postMessage({ setup });
    return { port, pending };
  });
  return {
    run(batch) {
      if (failure) return Promise.reject(failure);
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = seq++;
      return new Promise<BatchResult>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.port.postMessage({ seq: id, batch });
      });
    },
    fail(error) {
      failure = error;
      for (const s of slots) {
        for (const p of s.pending.values()) p.reject(error);
        s.pending.clear();
      }
    },
    close() {
      for (const s of slots) {
        s.port.postMessage({ close: true });
        s.port.close();
      }
    },
  };
}
