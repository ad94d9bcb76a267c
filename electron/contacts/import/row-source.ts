import type { MessagePort } from 'node:worker_threads';
import { AppError, isAppError, type ErrorCode } from '../../../shared/errors';
import { openImportFile, readImportFile, type FileItem } from './file-reader';
import { buildMapping, type MappingPlan } from './mapping';
import type { ValidImportOptions } from './options';
import { SEP, withoutSep, type BatchResult, type RowSetup } from './batch';
import type { RowPool } from './rows-pool';
import { rejectReasons, type DetectedFile, type ImportSource, type TextEncodingName } from './types';

/**
 * The reading half of an import: the file read, decoded and cut into batches, the batches normalised by the row
 * pool, and the results handed to the writer in file order. In the app it runs in a thread of its own (the
 * reader worker), so the writer spends its time on SQLite alone and reading goes on while it writes; tests that
 * drive executeImport directly run it in the writer's thread (inlineRowSource).
 */

export interface ReadJob {
  source: ImportSource;
  options: ValidImportOptions;
}

type Start = { kind: 'start'; detected: DetectedFile; plan: MappingPlan; fileName: string; size: number };
type End = { kind: 'end'; encoding: TextEncodingName } | { kind: 'error'; code: ErrorCode; message: string };
/** What the writer gets, in file order. `rows`: `records` records of the file (blank and rejected ones included), read up to `bytesRead`. */
export type SourceItem = Start | { kind: 'rows'; records: number; bytesRead: number; result: BatchResult } | End;
/**
 * What the reader sends. A batch's result travels with it when the reader has it (an unreadable record, or rows
 * normalised in this thread); a row worker sends the others straight to the writer under the batch's number.
 */
type ReaderItem = Start | { kind: 'rows'; seq: number; records: number; bytesRead: number; result?: BatchResult } | End;

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

/** The reader's side: where items go, and the credit the writer has granted. */
interface SourceSink {
  send(item: ReaderItem): void;
  credit(): Credit;
  /** resolves when the writer grants more credit or closes */
  creditChanged(): Promise<void>;
  closed(): boolean;
}

function brokenRow(row: number, raw: string): BatchResult {
  const rejected = [String(row), rejectReasons.unclosedQuote, withoutSep(raw)].join(SEP);
  return { records: 1, blank: 0, accepted: '', acceptedCount: 0, rejected, rejectedCount: 1 };
}

function errorItem(e: unknown): End {
  return isAppError(e) ? { kind: 'error', code: e.code, message: e.message } : { kind: 'error', code: 'internal', message: (e as Error)?.message ?? String(e) };
}

interface Slot {
  seq: number;
  records: number;
  bytesRead: number;
  done: boolean;
  result?: BatchResult;
  error?: unknown;
}

/**
 * Reads the whole file into `sink`: its shape and mapping, then the normalised batches in file order, then the
 * end. Stops early when the sink closes; an error (the file, a row worker) becomes the last item.
 */
export async function produceRows(read: ReadJob, createPool: (setup: RowSetup) => RowPool, sink: SourceSink): Promise<void> {
  const { options } = read;
  let reader: AsyncGenerator<FileItem> | null = null;
  let pool: RowPool | null = null;
  try {
    const file = await openImportFile(read.source, options.fileName);
    reader = readImportFile(file, { format: options.format, encoding: options.encoding, delimiter: options.delimiter });
    const first = (await reader.next()).value as Extract<FileItem, { kind: 'start' }>;
    const plan = buildMapping(first.headers, options.mapping);
    sink.send({ kind: 'start', detected: first.detected, plan, fileName: file.fileName, size: file.size });
    pool = createPool({ plan, defaultCountry: options.defaultCountry, delimiter: first.detected.delimiter ?? ',', terminator: first.terminator });

    // Batches come back from the row workers in any order; they leave in file order.
    const slots: Slot[] = [];
    let failed = false;
    let emptied: (() => void) | null = null;
    const forward = () => {
      while (!failed && slots.length && slots[0].done) {
        const s = slots.shift()!;
        if (s.error !== undefined) {
          failed = true;
          sink.send(errorItem(s.error));
          break;
        }
        sink.send({ kind: 'rows', seq: s.seq, records: s.records, bytesRead: s.bytesRead, result: s.result });
      }
      if (failed || !slots.length) emptied?.();
    };
    let readRows = 0;
    let readBatches = 0;
    const full = () => {
      const c = sink.credit();
      return readRows - c.takenRows >= c.aheadRows || readBatches - c.takenBatches >= MAX_IN_FLIGHT;
    };
    let encoding: TextEncodingName | null = null;
    for await (const item of reader) {
      if (sink.closed() || failed) return;
      if (item.kind === 'end') encoding = item.encoding;
      if (item.kind === 'end' || item.kind === 'start') continue;
      const slot: Slot = { seq: readBatches, records: item.kind === 'rows' ? item.count : 1, bytesRead: item.bytesRead, done: false };
      slots.push(slot);
      readRows += slot.records;
      readBatches++;
      if (item.kind === 'broken') {
        slot.result = brokenRow(item.row, item.raw);
        slot.done = true;
        forward();
      } else {
        pool.run(item.batch, slot.seq).then(
          (r) => {
            if (r) slot.result = r;
            slot.done = true;
            forward();
          },
          (e: unknown) => {
            slot.error = e;
            slot.done = true;
            forward();
          },
        );
      }
      while (full() && !sink.closed()) await sink.creditChanged();
    }
    while (slots.length && !failed && !sink.closed()) await Promise.race([new Promise<void>((resolve) => (emptied = resolve)), sink.creditChanged()]);
    if (!failed && !sink.closed()) sink.send({ kind: 'end', encoding: encoding ?? first.detected.encoding });
  } catch (e) {
    if (!sink.closed()) sink.send(errorItem(e));
  } finally {
    pool?.close();
    await reader?.return(undefined);
  }
}

/** Items waiting for the writer, and the writer waiting for items. */
class ItemQueue<T> {
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

/** Credit as the reader sees it, with a promise for its next change. */
class CreditBox {
  current: Credit = { takenRows: 0, takenBatches: 0, aheadRows: 0 };
  isClosed = false;
  private waiting: (() => void)[] = [];

  set(credit: Credit): void {
    this.current = credit;
    this.poke();
  }

  close(): void {
    this.isClosed = true;
    this.poke();
  }

  changed(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private poke(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w();
  }
}

/** The reader in the writer's own thread: for tests that drive executeImport directly, without worker threads. */
export function inlineRowSource(read: ReadJob, createPool: (setup: RowSetup) => RowPool): RowSource {
  const queue = new ItemQueue<ReaderItem>();
  const credit = new CreditBox();
  void produceRows(read, createPool, {
    send: (item) => queue.push(item),
    credit: () => credit.current,
    creditChanged: () => credit.changed(),
    closed: () => credit.isClosed,
  });
  return {
    next: async () => {
      const item = await queue.next();
      if (item.kind !== 'rows') return item;
      if (!item.result) throw new Error(`batch ${item.seq} came without its result`);
      return { kind: 'rows', records: item.records, bytesRead: item.bytesRead, result: item.result };
    },
    grant: (c) => credit.set(c),
    close: () => credit.close(),
  };
}

type ToReader = { grant: Credit } | { close: true };

/** The reader worker's end of its channel to the writer: serves one import. */
export function serveRowSource(port: MessagePort, read: ReadJob, createPool: (setup: RowSetup) => RowPool): Promise<void> {
  const credit = new CreditBox();
  port.on('message', (msg: ToReader) => {
    if ('grant' in msg) credit.set(msg.grant);
    else credit.close();
  });
  return produceRows(read, createPool, {
    send: (item) => port.postMessage(item),
    credit: () => credit.current,
    creditChanged: () => credit.changed(),
    closed: () => credit.isClosed,
  });
}

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
      result ??= failure ?? (await new Promise<BatchResult | Error>((resolve) => (waitingFor = { seq: item.seq, resolve })));
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
