import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { startWorker } from '../workers';
import type { PgConnectOptions, PgRequest, PgResponse, PgWireParam, PgWorkerData } from './pg-sync-protocol';

/**
 * A synchronous PostgreSQL connection, for a data layer written against better-sqlite3's synchronous calls (about
 * 400 call sites in the domains read and write in the middle of plain functions). A worker thread owns one
 * pg.Client; each call posts its request to that thread and blocks on a shared flag with Atomics.wait until the
 * answer is posted back (the technique of the synckit package, in the few lines this needs). The caller's thread
 * waits for the round trip, exactly as it waits for SQLite's disk today.
 */

/** An error PostgreSQL (or the way to it) reported: its SQLSTATE code (23505, 57014…) and message. */
export class PostgresError extends Error {
  readonly code: string;
  readonly detail?: string;
  readonly constraint?: string;
  constructor(info: { message: string; code: string; detail?: string; constraint?: string }) {
    super(info.message);
    this.name = 'PostgresError';
    this.code = info.code;
    this.detail = info.detail;
    this.constraint = info.constraint;
  }
}

/** A value a statement can be given (a boolean is bound as 0/1: the schema's flags are integers on both engines). */
export type PgParam = string | number | bigint | boolean | Buffer | null;

export interface PgRows<R> {
  rows: R[];
  rowCount: number;
}

/** Beyond the server's own statement timeout, how long a call waits for the network before it gives up. */
const NETWORK_GRACE_MS = 10_000;
/** A new worker thread bundles and loads its code before it can connect (the first time in a checkout: ~1 s). */
const START_GRACE_MS = 30_000;

let sessions = 0;

export class PgSyncDb {
  readonly dialect = 'postgres';
  #worker: Worker | null;
  readonly #port: MessagePort;
  readonly #signal: Int32Array;
  readonly #answerWithinMs: number;
  #nextId = 0;
  #depth = 0;

  private constructor(worker: Worker, port: MessagePort, signal: Int32Array, answerWithinMs: number) {
    this.#worker = worker;
    this.#port = port;
    this.#signal = signal;
    this.#answerWithinMs = answerWithinMs;
  }

  /**
   * Starts the connection's thread and connects; throws a PostgresError when the server cannot be reached.
   * `answerWithinMs`: how long a call waits for any answer before it gives the connection up (default: the
   * statement timeout and 10 s for the network).
   */
  static async open(options: PgConnectOptions, tuning: { answerWithinMs?: number } = {}): Promise<PgSyncDb> {
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const worker = startWorker('db-pg-sync-worker', import.meta.url, {
      workerData: { signal, port: port2 } satisfies PgWorkerData,
      transferList: [port2],
    });
    worker.unref();
    sessions++;
    const db = new PgSyncDb(
      worker,
      port1,
      signal,
      tuning.answerWithinMs ?? options.statementTimeoutMs + NETWORK_GRACE_MS,
    );
    // Connecting is the one request answered asynchronously: the thread may still be loading, and a failure to
    // start must be reported, not waited out.
    const answer = await new Promise<PgResponse>((resolve) => {
      const timer = setTimeout(
        () => resolve(failure('connect_timeout', `PostgreSQL did not answer within ${options.connectTimeoutMs} ms`)),
        options.connectTimeoutMs + START_GRACE_MS,
      );
      const done = (r: PgResponse) => {
        clearTimeout(timer);
        worker.off('error', onError);
        port1.removeAllListeners('message');
        resolve(r);
      };
      const onError = (err: Error) => done(failure('connection_failure', err.message));
      worker.once('error', onError);
      port1.once('message', done);
      port1.postMessage({ id: 0, kind: 'connect', options } satisfies PgRequest);
    });
    port1.unref();
    if (!answer.ok) {
      await db.#abandon();
      throw new PostgresError(answer.error);
    }
    return db;
  }

  /** Whether the connection is usable (false once closed, or abandoned after a call that got no answer). */
  get open(): boolean {
    return this.#worker !== null;
  }

  /** Whether a transaction (or savepoint) opened by `transaction` is in progress. */
  get inTransaction(): boolean {
    return this.#depth > 0;
  }

  /** Runs one statement with `$1, $2…` parameters; rows as objects, or as arrays of values in select order. */
  query<R>(sql: string, params: readonly PgParam[] = [], rowMode: 'object' | 'array' = 'object'): PgRows<R> {
    const res = this.#call({ kind: 'query', sql, params: params.map(wire), rowMode });
    return { rows: res.rows as R[], rowCount: res.rowCount };
  }

  /** Runs statements without parameters (DDL, several separated by semicolons). */
  exec(sql: string): void {
    this.#call({ kind: 'exec', sql });
  }

  /**
   * Runs `fn` in a transaction: BEGIN … COMMIT, or ROLLBACK when it throws (the error is thrown on). Nested calls
   * use savepoints, as better-sqlite3's nested transaction functions do, so an inner failure undoes only its part.
   */
  transaction<T>(fn: () => T): T {
    const depth = this.#depth;
    const savepoint = `desk_savepoint_${depth}`;
    this.exec(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    this.#depth = depth + 1;
    try {
      const result = fn();
      if (isThenable(result)) throw new TypeError('A transaction function cannot return a promise');
      this.exec(depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (err) {
      if (this.open) {
        try {
          this.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`);
        } catch {
          // The connection failed under the transaction: the server rolls it back; the first error says why.
        }
      }
      throw err;
    } finally {
      this.#depth = depth;
    }
  }

  /** Ends the session and the thread; awaiting it means the thread has exited. */
  async close(): Promise<void> {
    if (!this.#worker) return;
    try {
      this.#call({ kind: 'close' }, 5_000);
    } catch {
      // Closing a connection the server already dropped: the thread goes all the same.
    }
    await this.#abandon();
  }

  async #abandon(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = null;
    this.#port.close();
    sessions--;
    await worker.terminate();
  }

  #call(req: DistributiveOmit<PgRequest, 'id'>, waitMs = this.#answerWithinMs): PgResponse & { ok: true } {
    if (!this.#worker) {
      throw new PostgresError({ code: 'connection_closed', message: 'The PostgreSQL connection is closed.' });
    }
    const id = ++this.#nextId;
    Atomics.store(this.#signal, 0, 0);
    this.#port.postMessage({ ...req, id });
    for (;;) {
      // The thread posts its answer before it raises the flag: whatever woke us is already in the port.
      for (let m = receiveMessageOnPort(this.#port); m; m = receiveMessageOnPort(this.#port)) {
        const res = m.message as PgResponse;
        if (res.id !== id) continue;
        if (!res.ok) throw new PostgresError(res.error);
        return res;
      }
      if (Atomics.wait(this.#signal, 0, 0, waitMs) === 'timed-out') {
        // The thread may be stuck on a dead network: drop it with its socket rather than read a late answer later.
        void this.#abandon();
        throw new PostgresError({
          code: 'connection_timeout',
          message: `PostgreSQL did not answer within ${waitMs} ms; the connection was closed.`,
        });
      }
      Atomics.store(this.#signal, 0, 0);
    }
  }
}

/** How many PostgreSQL connections of this process are open (tests check that closing leaves none). */
export function openPostgresSessions(): number {
  return sessions;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function failure(code: string, message: string): PgResponse {
  return { id: 0, ok: false, error: { code, message } };
}

function isThenable(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

function wire(p: PgParam): PgWireParam {
  return typeof p === 'boolean' ? Number(p) : p;
}
