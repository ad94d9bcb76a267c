/**
 * The messages between the synchronous PostgreSQL connection (pg-sync.ts, on the calling thread) and the worker
 * thread that owns its pg.Client (pg-sync-worker.ts). Types only: the worker loads this file without any code.
 */

/** What a value bound to a statement can be once it has crossed the thread boundary (a Buffer arrives as bytes). */
export type PgWireParam = string | number | bigint | Uint8Array | null;

/** How to reach the server: pg.Client's own options, a password included (never logged, never stored here). */
export interface PgConnectOptions {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** false, or TLS options: `rejectUnauthorized: false` encrypts without checking the server's certificate. */
  ssl: false | { rejectUnauthorized: boolean };
  /** The server cancels a statement that runs longer (statement_timeout), in ms. */
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  /** Shown in pg_stat_activity, so an administrator sees which desktop holds a connection. */
  applicationName: string;
}

export type PgRequest =
  | { id: number; kind: 'connect'; options: PgConnectOptions }
  | { id: number; kind: 'query'; sql: string; params: PgWireParam[]; rowMode: 'object' | 'array' }
  /** Statements without parameters, several allowed (PostgreSQL's simple query protocol). */
  | { id: number; kind: 'exec'; sql: string }
  | { id: number; kind: 'close' };

/** What PostgreSQL said was wrong: its SQLSTATE code (23505…) and message, and what it adds when it knows. */
export interface PgErrorInfo {
  message: string;
  code: string;
  detail?: string;
  constraint?: string;
}

export type PgResponse =
  { id: number; ok: true; rows: unknown[]; rowCount: number } | { id: number; ok: false; error: PgErrorInfo };

/** The worker's start data: the flag it raises when an answer is posted, and the port it reads requests from. */
export interface PgWorkerData {
  signal: Int32Array;
  port: import('node:worker_threads').MessagePort;
}
