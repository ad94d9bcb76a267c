import type { MessagePort } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { MappingPlan } from './mapping';
import type { ValidImportOptions } from './options';
import type { BatchResult } from './batch';
import type { DetectedFile, ImportSource, TextEncodingName } from './types';

/**
 * The reading half of an import as the writer sees it: the file's shape and mapping, then the normalised batches in
 * file order, then the end. In the app the reading runs in a thread of its own (reader-worker.ts, read-rows.ts), so
 * the writer spends its time on SQLite alone and reading goes on while it writes; tests that drive executeImport
 * directly read in the writer's thread (inlineRowSource in read-rows.ts). Free of the file-reading code, which the
 * writer's thread then never loads.
 */

export interface ReadJob {
  source: ImportSource;
  options: ValidImportOptions;
}

export type Start = { kind: 'start'; detected: DetectedFile; plan: MappingPlan; fileName: string; size: number };
export type End = { kind: 'end'; encoding: TextEncodingName } | { kind: 'error'; code: ErrorCode; message: string };
/** What the writer gets, in file order. `rows`: `records` records of the file (blank and rejected ones included), read up to `bytesRead`. */
export type SourceItem = Start | { kind: 'rows'; records: number; bytesRead: number; result: BatchResult } | End;
/**
 * What the reader sends. A batch's result travels with it when the reader has it (an unreadable record, or rows
 * normalised in this thread); a row worker sends the others straight to the writer under the batch's number.
 */
export type ReaderItem =
  Start | { kind: 'rows'; seq: number; records: number; bytesRead: number; result?: BatchResult } | End;

/**
 * How far the reader may go: `aheadRows` records and at most MAX_IN_FLIGHT batches beyond those the writer has
 * taken. The writer grants more after each transaction.
 */
export interface Credit {
  takenRows: number;
  takenBatches: number;
  aheadRows: number;
}

/**
 * At most this many batches (5,000 records each) read and not yet taken by the writer: bounds memory when a file
 * cuts into many small items (each unreadable record is one). The writer writes a group once it holds half as
 * many (GROUP_ITEMS in execute.ts), so the reader can always fill it.
 */
export const MAX_IN_FLIGHT = 26;

/** The writer's side. */
export interface RowSource {
  /** the next item in file order: 'start' first, then 'rows' until 'end' or 'error' */
  next(): Promise<SourceItem>;
  grant(credit: Credit): void;
  close(): void;
}

/** Items waiting for the writer, and the writer waiting for items. */
export class ItemQueue<T> {
  private items: T[] = [];
  private waiter: ((item: T) => void) | null = null;

  push(item: T): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(item);
    } else this.items.push(item);
  }

  next(): Promise<T> {
    if (this.items.length) return Promise.resolve(this.items.shift()!);
    return new Promise((resolve) => (this.waiter = resolve));
  }
}

export type ToReader = { grant: Credit } | { close: true };

export interface PortRowSource extends RowSource {
  /** more row workers' result channels (they started later) */
  addResultPorts(ports: MessagePort[]): void;
  /** ends the items with an error (the reader died) */
  fail(message: string): void;
}

/**
 * The writer's end: the reader's items over `port`, and the row workers' results over `resultPorts`, joined by
 * batch number.
 */
export function portRowSource(port: MessagePort, resultPorts: MessagePort[]): PortRowSource {
  const queue = new ItemQueue<ReaderItem>();
  const results = new Map<number, BatchResult>();
  let waitingFor: { seq: number; resolve: (r: BatchResult | Error) => void } | null = null;
  let failure: Error | null = null;
  let closed = false;
  const listen = (p: MessagePort) =>
    p.on('message', (msg: { seq: number; result: BatchResult }) => {
      if (waitingFor?.seq === msg.seq) {
        const w = waitingFor;
        waitingFor = null;
        w.resolve(msg.result);
      } else results.set(msg.seq, msg.result);
    });
  port.on('message', (item: ReaderItem) => queue.push(item));
  resultPorts.forEach(listen);
  return {
    async next() {
      const item = await queue.next();
      if (item.kind !== 'rows') return item;
      let result: BatchResult | Error | undefined = item.result ?? results.get(item.seq);
      results.delete(item.seq);
      // The reader sends a batch's place once the row worker has sent its result: it is here, or on its way.
      result ??=
        failure ?? (await new Promise<BatchResult | Error>((resolve) => (waitingFor = { seq: item.seq, resolve })));
      if (result instanceof Error) return { kind: 'error', code: 'internal', message: result.message };
      return { kind: 'rows', records: item.records, bytesRead: item.bytesRead, result };
    },
    grant: (c) => {
      if (!closed) port.postMessage({ grant: c } satisfies ToReader);
    },
    close: () => {
      if (closed) return;
      closed = true;
      port.postMessage({ close: true } satisfies ToReader);
      port.close();
      for (const p of resultPorts) p.close();
    },
    addResultPorts: (ports) => {
      for (const p of ports) {
        if (closed) p.close();
        else {
          resultPorts.push(p);
          listen(p);
        }
      }
    },
    fail: (message) => {
      failure = new Error(message);
      queue.push({ kind: 'error', code: 'internal', message });
      const w = waitingFor;
      waitingFor = null;
      w?.resolve(failure);
    },
  };
}

/** The error an 'error' item stands for. */
export function sourceError(item: Extract<SourceItem, { kind: 'error' }>): AppError {
  return new AppError(item.code, item.message);
}
