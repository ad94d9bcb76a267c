import type { MessagePort } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { BatchResult, RowBatch, RowSetup } from './batch';

/** Runs row batches somewhere: in the row worker threads (below), or in this thread (inlineRowPool in rows.ts). */
export interface RowPool {
  /**
   * Normalises a batch, numbered `seq` by the caller. Resolves with its result, or with null once a row worker
   * has sent the result straight to the writer under that number (see rows-worker.ts).
   */
  run(batch: RowBatch, seq: number): Promise<BatchResult | null>;
  /** row workers started later (asked for through `wantMore`) */
  addPorts(ports: MessagePort[]): void;
  /** fails every batch waiting and every later one (a row worker died) */
  fail(error: Error): void;
  close(): void;
}

interface Pending {
  resolve: (r: BatchResult | null) => void;
  reject: (e: Error) => void;
}

/**
 * Batches the first row worker takes before the others are asked. For most files one row worker keeps ahead of
 * the writer (plain US numbers: 4 µs a row against SQLite's 10), and a second busy thread on a two-core machine
 * only takes time from the writer; when rows are slower to normalise (numbers needing a full parse), the first
 * worker falls behind, its queue grows, and the others share the work.
 */
const PREFER_FIRST = 10;

/**
 * Sends batches over the row workers' ports: to the first while it has fewer than PREFER_FIRST waiting, else to
 * the port with the fewest waiting. When the first has PREFER_FIRST waiting and is alone, `wantMore` asks (once)
 * for the others, which arrive through addPorts.
 * The workers send results straight to the writer; here come their acknowledgements (or errors), in any order,
 * and the caller puts the batches' places back in file order.
 */
export function portRowPool(ports: MessagePort[], setup: RowSetup, wantMore: () => void = () => {}): RowPool {
  let failure: Error | null = null;
  let askedForMore = false;
  let closed = false;
  const connect = (port: MessagePort) => {
    const pending = new Map<number, Pending>();
    port.on('message', (msg: { seq: number; error?: string; code?: ErrorCode }) => {
      const p = pending.get(msg.seq);
      if (!p) return;
      pending.delete(msg.seq);
      // A file the user must fix (a cell over the limit) keeps its code; anything else is our fault.
      if (msg.error !== undefined) p.reject(msg.code ? new AppError(msg.code, msg.error) : new Error(msg.error));
      else p.resolve(null);
    });
    port.postMessage({ setup });
    return { port, pending };
  };
  const slots = ports.map(connect);
  return {
    run(batch, seq) {
      if (failure) return Promise.reject(failure);
      if (slots[0].pending.size >= PREFER_FIRST && slots.length === 1 && !askedForMore) {
        askedForMore = true;
        wantMore();
      }
      const slot =
        slots[0].pending.size < PREFER_FIRST
          ? slots[0]
          : slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      return new Promise<BatchResult | null>((resolve, reject) => {
        slot.pending.set(seq, { resolve, reject });
        slot.port.postMessage({ seq, batch });
      });
    },
    addPorts(more) {
      for (const port of more) {
        if (failure || closed) port.close();
        else slots.push(connect(port));
      }
    },
    fail(error) {
      failure = error;
      for (const s of slots) {
        for (const p of s.pending.values()) p.reject(error);
        s.pending.clear();
      }
    },
    close() {
      closed = true;
      for (const s of slots) {
        s.port.postMessage({ close: true });
        s.port.close();
      }
    },
  };
}
