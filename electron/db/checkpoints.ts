import type { Worker } from 'node:worker_threads';
import { autocheckpointPages, type SqliteDb } from './connection';
import { startWorker } from '../workers';
import type { CheckpointWorkerData, FromCheckpointWorker } from './checkpoint-worker';

const INTERVAL_MS = 25;

export interface WalCheckpoints {
  /**
   * Moves checkpoints off the main connection until the returned release is called (nested calls are counted).
   * For bulk writes on the main thread, such as a campaign snapshot.
   */
  offload(): () => Promise<void>;
  close(): Promise<void>;
}

/**
 * Turns the automatic checkpoints of the connection that writes in bulk off, or back on at the limit openDatabase
 * gives it (autocheckpointPages): directly for a connection on this thread, or by a message to the thread that
 * holds it (an import worker's).
 */
export type AutocheckpointSwitch = (on: boolean) => void;

/**
 * In WAL mode the connection whose commit pushes the log past its limit copies the log back into the database
 * file, inside that commit. For a million-row campaign snapshot written from the main thread that is a few
 * hundred checkpoints, each holding the main thread for tens of milliseconds and together a quarter of the
 * snapshot's time. While a bulk write runs, a worker thread with its own connection checkpoints instead, and
 * the main connection's automatic checkpoints are off. If the worker cannot start or fails, automatic
 * checkpoints come straight back on, so the log never grows unchecked.
 */
export function createWalCheckpoints(
  db: SqliteDb | AutocheckpointSwitch,
  opts: { dbPath: string; nativeBinding?: string; log?: (msg: string, err?: unknown) => void },
): WalCheckpoints {
  let holders = 0;
  let worker: Worker | null = null;
  let stopping: Promise<void> | null = null;
  const inMemory = opts.dbPath === ':memory:' || opts.dbPath === '';
  const setAutocheckpoint: AutocheckpointSwitch =
    typeof db === 'function'
      ? db
      : (on) => {
          if (db.open) db.pragma(`wal_autocheckpoint = ${on ? autocheckpointPages(db) : 0}`);
        };

  const restore = () => setAutocheckpoint(true);
  const start = () => {
    const w = startWorker('db-checkpoint-worker', import.meta.url, {
      workerData: {
        dbPath: opts.dbPath,
        nativeBinding: opts.nativeBinding,
        intervalMs: INTERVAL_MS,
      } satisfies CheckpointWorkerData,
    });
    worker = w;
    w.on('message', (msg: FromCheckpointWorker) => {
      if (msg.type === 'failed') {
        opts.log?.(`background checkpoints stopped: ${msg.message}`);
        if (worker === w) restore();
      }
    });
    const gone = () => {
      if (worker === w) {
        worker = null;
        restore();
      }
    };
    w.on('error', (e) => {
      opts.log?.('background checkpoints stopped', e);
      gone();
    });
    w.on('exit', gone);
    setAutocheckpoint(false);
  };
  const stop = async () => {
    const w = worker;
    worker = null;
    restore();
    if (!w) return;
    // One last checkpoint in the worker, so the main connection is not left a long log to copy in its next commit.
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      w.once('exit', done);
      w.on('message', (msg: FromCheckpointWorker) => {
        if (msg.type === 'stopped') void w.terminate().then(done, done);
      });
      w.postMessage('stop');
    });
  };

  return {
    offload() {
      if (inMemory) return async () => {};
      holders++;
      if (holders === 1 && !worker) start();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        holders--;
        if (holders === 0) {
          stopping = stop();
          await stopping;
        }
      };
    },
    async close() {
      holders = 0;
      await (stopping ?? Promise.resolve());
      await stop();
    },
  };
}
