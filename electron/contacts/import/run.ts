import { randomBytes } from 'node:crypto';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { FromWorker, ImportTask, ToWorker } from './import-worker';
import type { FromReader, ReaderWorkerData, ToReader } from './reader-worker';
import type { ImportJob } from './execute';
import type { ReadJob } from './row-source';
import { inspectImport, type ImportInspection } from './inspect';
import { validateImportOptions, type ValidImportOptions } from './options';
import type { ImportCounts, ImportOptions, ImportProgress, ImportReject, ImportReport, ImportSource } from './types';
import type { UndoReport } from './undo';
import { rowWorkers as spawnRowWorkers } from './row-workers';
import { startWorker } from '../../workers';
import { createWalCheckpoints } from '../../db/checkpoints';

export interface ImportControl {
  /** the clock: the import's started/finished times and every created_at come from it */
  now: () => Date;
  onProgress?: (p: ImportProgress) => void;
  /**
   * Called as soon as the worker reports the import's end (its writes committed, the report ready), before its
   * threads have stopped and its checkpoint worker has copied the log back: the CLI indexes the new contacts for
   * search meanwhile. Not called when the import fails or is cancelled.
   */
  onWritten?: () => void;
  /** aborting cancels the import; the database is left as it was */
  signal?: AbortSignal;
  /** default: a random id such as "imp_Xq3v9TzKb1Qa" */
  importId?: string;
  /** row-normalising worker threads, at least one; default 2 (the second starts only when ten batches wait for the first) */
  rowWorkers?: number;
  /** take every decision and count, write nothing */
  dryRun?: boolean;
  /** a command-line bulk load: a big file in one transaction, the contacts' indexes built at its end (execute.ts) */
  bulk?: boolean;
  /** the better_sqlite3.node the app opens its database with (required in Electron, whose ABI differs from Node's) */
  nativeBinding?: string;
}

/** Short, because every contact an import creates stores it twice (change log and consent record). */
function newImportId(): string {
  return `imp_${randomBytes(9).toString('base64url')}`;
}

type TaskSpec =
  { task: 'import'; job: ImportJob; read: ReadJob; rowWorkers: number } | Extract<ImportTask, { task: 'undo' }>;

function runTask<T>(
  spec: TaskSpec,
  control: Pick<ImportControl, 'now' | 'onProgress' | 'onWritten' | 'signal'>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (control.signal?.aborted)
      return reject(new AppError('cancelled', 'The import was cancelled. Nothing was changed.'));
    // An import runs on four threads or more: the reader (file → batches, results back in order), the row
    // workers (batches → contacts), the writer (the import worker: SQLite) and WAL checkpoints. The first row
    // worker starts together with the others (loading code is a large share of a small import); the others when
    // the reader asks for them.
    let task: ImportTask;
    let transferList: MessagePort[] = [];
    let reader: Worker | null = null;
    const rows = spec.task === 'import' ? spawnRowWorkers() : null;
    if (spec.task === 'import') {
      const { port1: writerEnd, port2: readerEnd } = new MessageChannel();
      const first = rows!.start(1);
      reader = startWorker('contacts-reader-worker', import.meta.url, {
        workerData: { read: spec.read, writerPort: readerEnd, rowPorts: first.ports } satisfies ReaderWorkerData,
        transferList: [readerEnd, ...first.ports],
      });
      task = { task: 'import', job: spec.job, sourcePort: writerEnd, resultPorts: first.resultPorts };
      transferList = [writerEnd, ...first.resultPorts];
    } else task = spec;
    const worker = startWorker('contacts-import-worker', import.meta.url, { workerData: task, transferList });
    // A big import's commits would otherwise copy the log back into the database file themselves (and wait for
    // the disk): a checkpoint worker does it alongside, as for a campaign snapshot (electron/db/checkpoints.ts).
    const releaseCheckpoints =
      task.task === 'import' && !task.job.dryRun
        ? createWalCheckpoints((on) => worker.postMessage({ type: 'autocheckpoint', on } satisfies ToWorker), {
            dbPath: task.job.dbPath,
            nativeBinding: task.job.nativeBinding,
          }).offload()
        : null;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      control.signal?.removeEventListener('abort', onAbort);
      // Settle only once every thread has exited and closed its database files: a caller that deletes or moves
      // the database right after the import (a test's temp folder, a restore) must not race a closing -wal.
      const stopped = [worker.terminate(), reader?.terminate(), rows?.terminate(), releaseCheckpoints?.()].filter(
        (p) => p !== undefined,
      );
      void Promise.allSettled(stopped).then(fn);
    };
    const onAbort = () => worker.postMessage({ type: 'cancel' } satisfies ToWorker);
    control.signal?.addEventListener('abort', onAbort);
    if (reader && spec.task === 'import') {
      const r = reader;
      void rows?.failed.then((e) => r.postMessage({ type: 'rowWorkerFailed', message: e.message } satisfies ToReader));
      r.on('message', (msg: FromReader) => {
        if (msg.type === 'moreRowWorkers' && rows && rows.count < spec.rowWorkers) {
          const more = rows.start(spec.rowWorkers - rows.count);
          worker.postMessage({ type: 'resultPorts', ports: more.resultPorts } satisfies ToWorker, more.resultPorts);
          r.postMessage({ type: 'rowPorts', ports: more.ports } satisfies ToReader, more.ports);
        }
      });
      // The writer waits for the reader's items: if the reader dies, the writer is told, and reverts the import.
      const readerDied = (message: string) => {
        if (!settled) worker.postMessage({ type: 'readerFailed', message } satisfies ToWorker);
      };
      r.on('error', (e) => readerDied(e.message));
      r.on('exit', (code) => readerDied(`exit code ${code}`));
    }
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'now')
        worker.postMessage({ type: 'now', id: msg.id, iso: control.now().toISOString() } satisfies ToWorker);
      else if (msg.type === 'progress') control.onProgress?.(msg.progress);
      else if (msg.type === 'done') {
        if (!settled) control.onWritten?.();
        finish(() => resolve(msg.result as T));
      } else finish(() => reject(new AppError(msg.error.code as ErrorCode, msg.error.message)));
    });
    worker.on('error', (e) =>
      finish(() => reject(new AppError('internal', `The import stopped unexpectedly: ${e.message}`))),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new AppError('internal', `The import stopped unexpectedly (exit code ${code}).`))),
    );
  });
}

/**
 * Imports a CSV or vCard file into the database at `dbPath`, in a worker thread with its own connection
 * (the main thread only relays messages). Resolves with the report; rejects with AppError —
 * code 'cancelled' when `signal` aborted it, in which case nothing was changed.
 */
export function runImport(
  dbPath: string,
  source: ImportSource,
  options: ImportOptions,
  control: ImportControl,
): Promise<ImportReport> {
  let valid: ValidImportOptions;
  try {
    valid = validateImportOptions(options);
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
  const job: ImportJob = {
    dbPath,
    nativeBinding: control.nativeBinding,
    options: valid,
    importId: control.importId ?? newImportId(),
    dryRun: control.dryRun ?? false,
    bulk: control.bulk ?? false,
  };
  return runTask<ImportReport>(
    { task: 'import', job, read: { source, options: valid }, rowWorkers: Math.max(1, control.rowWorkers ?? 2) },
    control,
  );
}

export interface ImportPreview extends ImportInspection {
  /** dry-run counts over the whole file; null when the mapping has a problem */
  counts: ImportCounts | null;
  /** the first 100 rejects of the whole file */
  rejects: ImportReject[];
}

/** What the file is and what importing it would do (a full dry run against the database), without writing. */
export async function previewImport(
  dbPath: string,
  source: ImportSource,
  options: ImportOptions,
  control: ImportControl,
): Promise<ImportPreview> {
  const inspection = await inspectImport(source, options);
  if (inspection.problem) return { ...inspection, counts: null, rejects: [] };
  const report = await runImport(dbPath, source, options, { ...control, dryRun: true });
  return {
    ...inspection,
    detected: report.detected,
    customFields: report.customFields,
    counts: report.counts,
    rejects: report.rejects,
  };
}

/** undoImport in a worker thread: undoing a million-row import takes seconds the main thread cannot give. */
export function undoImportInWorker(
  dbPath: string,
  importId: string,
  control: Pick<ImportControl, 'now' | 'nativeBinding'>,
): Promise<UndoReport> {
  return runTask<UndoReport>({ task: 'undo', dbPath, nativeBinding: control.nativeBinding, importId }, control);
}
