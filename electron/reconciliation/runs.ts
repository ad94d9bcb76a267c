import type { ProviderName, ReconciliationDiff, ReconciliationRun } from '../../shared/ipc/channels/monitoring';
import type { SqliteDb } from '../db/connection';
import {
  insertRun,
  lastFinishedRunRow,
  lastOkUntil,
  latestRunRows,
  markRunningInterrupted,
  runRow,
  updateRunEnd,
  type RunRow,
} from './queries';

export type RunTrigger = ReconciliationRun['trigger'];

function toRun(r: RunRow): ReconciliationRun {
  return {
    id: r.id,
    provider: r.provider,
    trigger: r.trigger,
    since: r.range_since,
    until: r.range_until,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    diff: r.diff_json ? (JSON.parse(r.diff_json) as ReconciliationDiff) : null,
    error: r.error,
  };
}

export function startRun(
  db: SqliteDb,
  run: { provider: ProviderName; trigger: RunTrigger; since: string; until: string; startedAt: string },
): number {
  return insertRun(db, run);
}

export function finishRun(
  db: SqliteDb,
  id: number,
  end: {
    status: 'ok' | 'partial' | 'failed';
    finishedAt: string;
    listing: string | null;
    diff: ReconciliationDiff | null;
    error: string | null;
  },
): ReconciliationRun {
  updateRunEnd(db, id, {
    status: end.status,
    finishedAt: end.finishedAt,
    listing: end.listing,
    diffJson: end.diff ? JSON.stringify(end.diff) : null,
    error: end.error,
  });
  return getRun(db, id) as ReconciliationRun;
}

export function getRun(db: SqliteDb, id: number): ReconciliationRun | null {
  const row = runRow(db, id);
  return row ? toRun(row) : null;
}

export function listRuns(db: SqliteDb, limit: number): ReconciliationRun[] {
  return latestRunRows(db, limit).map(toRun);
}

/** The latest run that got to the end (successfully or not), any provider. */
export function lastFinishedRun(db: SqliteDb): ReconciliationRun | null {
  const row = lastFinishedRunRow(db);
  return row ? toRun(row) : null;
}

/** Where the previous successful run of this provider ended, so a scheduled run can continue from there. */
export function lastCompleteUntil(db: SqliteDb, provider: ProviderName): string | null {
  return lastOkUntil(db, provider);
}

/** A run left `running` by an app that stopped mid-way did not finish; say so instead of showing it as running forever. */
export function markInterrupted(db: SqliteDb, nowIso: string): number {
  return markRunningInterrupted(db, nowIso);
}
