import type { SqliteDb } from '../../db/connection';
import { firstRow, qb, runQuery } from '../../db/sync-query';
import { startWorker } from '../../workers';
import { scoreRange } from './scores';
import { transaction } from '../../db/transaction';

/** What recompute-worker.ts is started with and answers (defined here: the worker imports this module). */
export type EngagementWorkerData = { dbPath: string; nativeBinding?: string; nowIso: string };
export type FromEngagementWorker = { type: 'done'; result: RecomputeResult } | { type: 'failed'; message: string };

export interface RecomputeResult {
  contacts: number;
  scored: number;
  ms: number;
}

/** Contacts per transaction: the app's own connection waits at most one range (~0.1 s) to write. */
const RANGE = 10_000;

/**
 * Every contact's score as of `now`, in id ranges of one short transaction each. What was queued before it started
 * is covered by it; what arrives while it runs is queued again and rescored by the tick.
 */
export function recomputeAll(db: SqliteDb, now: Date, clock: () => number = () => performance.now()): RecomputeResult {
  const started = clock();
  runQuery(db, qb.deleteFrom('engagement_queue'));
  const top =
    firstRow(
      db,
      qb.selectFrom('contacts').select((eb) => eb.fn.max('id').as('id')),
    )?.id ?? 0;
  let scored = 0;
  for (let from = 1; from <= top; from += RANGE)
    scored += transaction(db, () => scoreRange(db, from, Math.min(top, from + RANGE - 1), now), { immediate: true });
  const contacts =
    firstRow(
      db,
      qb.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')),
    )?.n ?? 0;
  runQuery(
    db,
    qb
      .insertInto('engagement_runs')
      .values({ started_at: now.toISOString(), finished_at: now.toISOString(), contacts }),
  );
  return { contacts, scored, ms: Math.round(clock() - started) };
}

/**
 * The full recompute on a worker thread with its own connection, so a million contacts never hold the main thread.
 * An in-memory database has no file a worker could open: it is recomputed here (tests only).
 */
export async function recomputeInWorker(
  db: SqliteDb,
  file: { dbPath: string; nativeBinding?: string },
  now: Date,
): Promise<RecomputeResult> {
  if (file.dbPath === ':memory:' || file.dbPath === '') return recomputeAll(db, now);
  const w = startWorker('engagement-recompute-worker', import.meta.url, {
    workerData: {
      dbPath: file.dbPath,
      nativeBinding: file.nativeBinding,
      nowIso: now.toISOString(),
    } satisfies EngagementWorkerData,
  });
  const settled = new Promise<void>((resolve) => w.once('exit', () => resolve()));
  try {
    return await new Promise<RecomputeResult>((resolve, reject) => {
      w.once('message', (msg: FromEngagementWorker) =>
        msg.type === 'done'
          ? resolve(msg.result)
          : reject(new Error(`The engagement recompute failed: ${msg.message}`)),
      );
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`The engagement recompute stopped (exit code ${code}).`)));
    });
  } finally {
    // Its files are closed before the caller goes on (a test removes the folder next).
    await settled;
  }
}
