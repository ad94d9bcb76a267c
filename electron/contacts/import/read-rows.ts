import type { MessagePort } from 'node:worker_threads';
import { isAppError } from '../../../shared/errors';
import { openImportFile, readImportFile, type FileItem } from './file-reader';
import { buildMapping } from './mapping';
import { SEP, withoutSep, type BatchResult, type RowSetup } from './batch';
import type { RowPool } from './rows-pool';
import { rejectReasons, type TextEncodingName } from './types';
import {
  ItemQueue,
  MAX_IN_FLIGHT,
  type Credit,
  type End,
  type ReadJob,
  type ReaderItem,
  type RowSource,
  type ToReader,
} from './row-source';

/**
 * The reading half of an import (the protocol is in row-source.ts): the file read, decoded and cut into batches,
 * the batches normalised by the row pool, and their places handed to the writer in file order.
 */

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
  return isAppError(e)
    ? { kind: 'error', code: e.code, message: e.message }
    : { kind: 'error', code: 'internal', message: (e as Error)?.message ?? String(e) };
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
export async function produceRows(
  read: ReadJob,
  createPool: (setup: RowSetup) => RowPool,
  sink: SourceSink,
): Promise<void> {
  const { options } = read;
  let reader: AsyncGenerator<FileItem> | null = null;
  let pool: RowPool | null = null;
  try {
    const file = await openImportFile(read.source, options.fileName);
    reader = readImportFile(file, { format: options.format, encoding: options.encoding, delimiter: options.delimiter });
    const first = (await reader.next()).value as Extract<FileItem, { kind: 'start' }>;
    const plan = buildMapping(first.headers, options.mapping);
    sink.send({ kind: 'start', detected: first.detected, plan, fileName: file.fileName, size: file.size });
    pool = createPool({
      plan,
      defaultCountry: options.defaultCountry,
      delimiter: first.detected.delimiter ?? ',',
      terminator: first.terminator,
      fileName: file.fileName,
    });

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
      const slot: Slot = {
        seq: readBatches,
        records: item.kind === 'rows' ? item.count : 1,
        bytesRead: item.bytesRead,
        done: false,
      };
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
    while (slots.length && !failed && !sink.closed())
      await Promise.race([new Promise<void>((resolve) => (emptied = resolve)), sink.creditChanged()]);
    if (!failed && !sink.closed()) sink.send({ kind: 'end', encoding: encoding ?? first.detected.encoding });
  } catch (e) {
    if (!sink.closed()) sink.send(errorItem(e));
  } finally {
    pool?.close();
    await reader?.return(undefined);
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

/** The reader worker's end of its channel to the writer: serves one import. */
export function serveRowSource(
  port: MessagePort,
  read: ReadJob,
  createPool: (setup: RowSetup) => RowPool,
): Promise<void> {
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
