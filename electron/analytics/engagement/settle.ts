import type { DeskCore } from '../../core';
import { firstRow, qb } from '../../db/sync-query';
import { recomputeInWorker, type RecomputeResult } from './recompute';
import { queuedForRescore, rescoreQueued } from './scores';
import { transaction } from '../../db/transaction';

/** Waiting contacts rescored on the spot before a read (about 50 µs each); beyond, the worker recomputes everyone. */
const RESCORE_INLINE_MAX = 5_000;
const DAY_MS = 86_400_000;

type EngagementCore = Pick<DeskCore, 'db' | 'paths' | 'nativeBinding' | 'now'>;

let running: Promise<RecomputeResult> | null = null;

/** One recompute at a time per process: a second caller waits for the one running. */
export function recomputeEngagement(core: EngagementCore): Promise<RecomputeResult> {
  return (running ??= recomputeInWorker(
    core.db,
    { dbPath: core.paths.dbPath, nativeBinding: core.nativeBinding },
    core.now(),
  ).finally(() => (running = null)));
}

/** Brings every score up to date with the events stored so far, before bands are counted or filtered on. */
export async function settleEngagement(core: EngagementCore): Promise<void> {
  if (running) await running;
  const waiting = queuedForRescore(core.db);
  if (waiting > RESCORE_INLINE_MAX) await recomputeEngagement(core);
  else if (waiting > 0)
    transaction(core.db, () => rescoreQueued(core.db, core.now(), RESCORE_INLINE_MAX), { immediate: true });
}

export function lastRecomputeAt(core: Pick<DeskCore, 'db'>): string | null {
  return (
    firstRow(core.db, qb.selectFrom('engagement_runs').select('finished_at').orderBy('id', 'desc').limit(1))
      ?.finished_at ?? null
  );
}

/**
 * Scores decay with time (recency halves every 60 days): recomputed when the last full run is a day old. Never for a
 * list nobody was ever texted on (no worker thread started for nothing).
 */
export function engagementIsStale(core: Pick<DeskCore, 'db' | 'now'>): boolean {
  if (!firstRow(core.db, qb.selectFrom('outbox_messages').select('id').where('kind', '=', 'campaign').limit(1)))
    return false;
  const last = lastRecomputeAt(core);
  return last === null || core.now().getTime() - Date.parse(last) >= DAY_MS;
}
