import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { openDatabase } from '../../db/connection';
import { isAppError } from '../../../shared/errors';
import { executeImport, type ImportJob } from './execute';
import { portRowSource } from './row-source';
import { undoImport } from './undo';
import { runInBackground, WRITER_NICE } from '../../thread-priority';

/**
 * Worker thread that writes a whole import (or runs an undo) on its own database connection, so the Electron main
 * thread never waits on SQLite; the file reaches it read and normalised from the reader worker, over `sourcePort`
 * (row-source.ts). Talks to run.ts: it asks main for the time (the caller's clock) and reports progress; main may
 * send `cancel`.
 */
export type ImportTask =
  | { task: 'import'; job: ImportJob; sourcePort: MessagePort; resultPorts: MessagePort[] }
  | { task: 'undo'; dbPath: string; nativeBinding?: string; importId: string };

export type ToWorker =
  | { type: 'cancel' }
  | { type: 'now'; id: number; iso: string }
  /** the result channels of row workers started later */
  | { type: 'resultPorts'; ports: MessagePort[] }
  /** the reader worker died: the import stops and is reverted */
  | { type: 'readerFailed'; message: string }
  /** the import connection's automatic checkpoints: off while a checkpoint worker copies the log instead */
  | { type: 'autocheckpoint'; on: boolean };
export type FromWorker =
  | { type: 'now'; id: number }
  | { type: 'progress'; progress: import('./types').ImportProgress }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: { code: string; message: string } };

runInBackground(WRITER_NICE);
const port = parentPort!;
const task = workerData as ImportTask;
let cancelled = false;
const source = task.task === 'import' ? portRowSource(task.sourcePort, task.resultPorts) : null;
let nextId = 0;
let autocheckpointOn: boolean | null = null;
const waiting = new Map<number, (iso: string) => void>();

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'cancel') cancelled = true;
  else if (msg.type === 'resultPorts') source?.addResultPorts(msg.ports);
  else if (msg.type === 'readerFailed') source?.fail(`the file reader stopped: ${msg.message}`);
  else if (msg.type === 'autocheckpoint') autocheckpointOn = msg.on;
  else if (msg.type === 'now') {
    waiting.get(msg.id)?.(msg.iso);
    waiting.delete(msg.id);
  }
});

const now = () =>
  new Promise<string>((resolve) => {
    const id = nextId++;
    waiting.set(id, resolve);
    port.postMessage({ type: 'now', id } satisfies FromWorker);
  });

async function run(): Promise<unknown> {
  if (task.task === 'undo') {
    const iso = await now();
    const db = openDatabase(task.dbPath, { nativeBinding: task.nativeBinding });
    try {
      return undoImport(db, task.importId, () => new Date(iso));
    } finally {
      db.close();
    }
  }
  return executeImport(task.job, {
    now,
    onProgress: (progress) => port.postMessage({ type: 'progress', progress } satisfies FromWorker),
    isCancelled: () => cancelled,
    autocheckpoint: () => autocheckpointOn,
    openSource: () => source!,
  });
}

run().then(
  (result) => port.postMessage({ type: 'done', result } satisfies FromWorker),
  (e: unknown) =>
    port.postMessage({
      type: 'failed',
      error: isAppError(e)
        ? { code: e.code, message: e.message }
        : { code: 'internal', message: (e as Error)?.message ?? String(e) },
    } satisfies FromWorker),
);
