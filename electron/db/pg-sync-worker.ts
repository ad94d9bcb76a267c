import { workerData } from 'node:worker_threads';
import pg from 'pg';
import { deskPgTypes } from './pg-types';
import type { PgErrorInfo, PgRequest, PgResponse, PgWireParam, PgWorkerData } from './pg-sync-protocol';

/**
 * The thread that owns the PostgreSQL connection of a synchronous caller (pg-sync.ts): it runs one request at a
 * time on its pg.Client, posts the answer and raises the shared flag the caller waits on with Atomics.wait.
 */

const { signal, port } = workerData as PgWorkerData;

let client: pg.Client | null = null;

function param(p: PgWireParam): unknown {
  if (p instanceof Uint8Array) return Buffer.from(p.buffer, p.byteOffset, p.byteLength);
  return typeof p === 'bigint' ? p.toString() : p;
}

function errorInfo(err: unknown): PgErrorInfo {
  const e = err as { message?: string; code?: unknown; detail?: unknown; constraint?: unknown };
  return {
    message: e.message ?? String(err),
    // A failure before PostgreSQL answered (refused, reset, TLS) has a Node code (ECONNREFUSED…) or none.
    code: typeof e.code === 'string' ? e.code : 'connection_failure',
    ...(typeof e.detail === 'string' ? { detail: e.detail } : {}),
    ...(typeof e.constraint === 'string' ? { constraint: e.constraint } : {}),
  };
}

function connected(): pg.Client {
  if (!client) throw Object.assign(new Error('The PostgreSQL connection is not open.'), { code: 'connection_closed' });
  return client;
}

async function answer(req: PgRequest): Promise<PgResponse> {
  switch (req.kind) {
    case 'connect': {
      const o = req.options;
      const c = new pg.Client({
        host: o.host,
        port: o.port,
        database: o.database,
        user: o.user,
        password: o.password,
        ssl: o.ssl,
        statement_timeout: o.statementTimeoutMs,
        connectionTimeoutMillis: o.connectTimeoutMs,
        application_name: o.applicationName,
        types: deskPgTypes,
      });
      // An error between requests (the server went away) must not kill the thread: the next request reports it.
      c.on('error', () => undefined);
      await c.connect();
      client = c;
      return { id: req.id, ok: true, rows: [], rowCount: 0 };
    }
    case 'query': {
      const r = await connected().query({
        text: req.sql,
        values: req.params.map(param),
        ...(req.rowMode === 'array' ? { rowMode: 'array' } : {}),
      });
      return { id: req.id, ok: true, rows: r.rows as unknown[], rowCount: r.rowCount ?? 0 };
    }
    case 'exec': {
      await connected().query(req.sql);
      return { id: req.id, ok: true, rows: [], rowCount: 0 };
    }
    case 'close': {
      const c = client;
      client = null;
      await c?.end();
      return { id: req.id, ok: true, rows: [], rowCount: 0 };
    }
  }
}

port.on('message', (req: PgRequest) => {
  answer(req)
    .catch((err: unknown): PgResponse => ({ id: req.id, ok: false, error: errorInfo(err) }))
    .then((res) => {
      port.postMessage(res);
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
      if (req.kind === 'close') port.close();
    })
    .catch(() => undefined);
});
