import type { SqliteDb } from '../db/connection';
import type { ProviderEvent } from './events';

export interface IngestResult {
  stored: number;
  duplicates: number;
}

export interface GroupCommitOptions {
  /** Stores one event; returns its row id, or null for a duplicate. */
  ingest: (event: ProviderEvent, raw: unknown) => number | null;
  /**
   * Runs `fn` in one database transaction and must nest (better-sqlite3's `db.transaction` uses savepoints inside
   * another transaction). Given, requests that arrive together share one commit (one fsync); absent, each event
   * commits on its own.
   */
  transaction?: <T>(fn: () => T) => T;
  /** How long the first request of a batch waits for company; 0 = until the current event-loop turn is over. */
  windowMs?: number;
  maxBatch?: number;
}

interface Pending {
  events: ProviderEvent[];
  raw: unknown;
  resolve: (result: IngestResult) => void;
  reject: (err: unknown) => void;
}

/**
 * The `transaction` option for a better-sqlite3 database: IMMEDIATE (takes the write lock up front, so a batch never
 * fails half-way on a lock upgrade), and built once because wrapping a function per call costs more than the insert.
 */
export function sqliteTransaction(db: SqliteDb): <T>(fn: () => T) => T {
  const run = db.transaction((fn: () => unknown) => fn());
  return <T>(fn: () => T) => run.immediate(fn) as T;
}

/**
 * Group commit: each request's promise settles only after the transaction holding its events has committed, so
 * "stored before acknowledged" holds while many requests share the cost of one durable write.
 */
export function createGroupCommit(options: GroupCommitOptions): {
  submit(events: ProviderEvent[], raw: unknown): Promise<IngestResult>;
} {
  const { ingest, transaction } = options;
  const windowMs = options.windowMs ?? 0;
  const maxBatch = options.maxBatch ?? 512;
  const queue: Pending[] = [];
  let scheduled = false;

  const storeAll = (p: Pending): IngestResult => {
    let stored = 0;
    for (const event of p.events) if (ingest(event, p.raw) !== null) stored++;
    return { stored, duplicates: p.events.length - stored };
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    if (windowMs > 0) setTimeout(flush, windowMs);
    else setImmediate(flush);
  };

  function flush(): void {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length) schedule();
    const outcomes: Array<{ ok: true; value: IngestResult } | { ok: false; err: unknown }> = [];
    // One request's failure must not undo its neighbours: each gets its own savepoint inside the shared transaction.
    const storeEach = () => {
      for (const p of batch) {
        try {
          outcomes.push({ ok: true, value: transaction ? transaction(() => storeAll(p)) : storeAll(p) });
        } catch (err) {
          outcomes.push({ ok: false, err });
        }
      }
    };
    try {
      if (transaction) transaction(storeEach);
      else storeEach();
    } catch (err) {
      // The commit itself failed: nothing in this batch is durable, so nobody may be acknowledged.
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.err);
    });
  }

  return {
    submit(events, raw) {
      return new Promise<IngestResult>((resolve, reject) => {
        queue.push({ events, raw, resolve, reject });
        schedule();
      });
    },
  };
}
