import type { ProviderName, ReconciliationDiff, ReconciliationRun } from '../../shared/ipc/channels/monitoring';
import type { SqliteDb } from '../db/connection';

export type RunTrigger = ReconciliationRun['trigger'];

interface RunRow {
  id: number;
  provider: ProviderName;
  trigger: RunTrigger;
  range_since: string;
  range_until: string;
  started_at: string;
  finished_at: string | null;
  status: ReconciliationRun['status'];
  diff_json: string | null;
  error: string | null;
}

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

export function startRun(db: SqliteDb, run: { provider: ProviderName; trigger: RunTrigger; since: string; until: string; startedAt: string }): number {
  const info = db
    .prepare(`INSERT INTO reconciliation_runs (provider, trigger, range_since, range_until, started_at, status) VALUES (?, ?, ?, ?, ?, 'running')`)
    .run(run.provider, run.trigger, run.since, run.until, run.startedAt);
  return Number(info.lastInsertRowid);
}

export function finishRun(db: SqliteDb, id: number, end: { status: 'ok' | 'partial' | 'failed'; finishedAt: string; listing: string | null; diff: ReconciliationDiff | null; error: string | null }): ReconciliationRun {
  db.prepare(`UPDATE reconciliation_runs SET status = ?, finished_at = ?, listing = ?, diff_json = ?, error = ? WHERE id = ?`).run(
    end.status,
    end.finishedAt,
    end.listing,
    end.diff ? JSON.stringify(end.diff) : null,
    end.error,
    id,
  );
  return getRun(db, id) as ReconciliationRun;
}

export function getRun(db: SqliteDb, id: number): ReconciliationRun | null {
  const row = db.prepare('SELECT * FROM reconciliation_runs WHERE id = ?').get(id) as RunRow | undefined;
  return row ? toRun(row) : null;
}

export function listRuns(db: SqliteDb, limit: number): ReconciliationRun[] {
  return (db.prepare('SELECT * FROM reconciliation_runs ORDER BY started_at DESC, id DESC LIMIT ?').all(limit) as RunRow[]).map(toRun);
}

/** The latest run that got to the end (successfully or not), any provider. */
export function lastFinishedRun(db: SqliteDb): ReconciliationRun | null {
  const row = db.prepare(`SELECT * FROM reconciliation_runs WHERE finished_at IS NOT NULL AND status <> 'interrupted' ORDER BY started_at DESC, id DESC LIMIT 1`).get() as RunRow | undefined;
  return row ? toRun(row) : null;
}

/** Where the previous successful run of this provider ended, so a scheduled run can continue from there. */
export function lastCompleteUntil(db: SqliteDb, provider: ProviderName): string | null {
  const row = db.prepare(`SELECT MAX(range_until) AS until FROM reconciliation_runs WHERE provider = ? AND status = 'ok'`).get(provider) as { until: string | null };
  return row.until;
}

/** A run left `running` by an app that stopped mid-way did not finish; say so instead of showing it as running forever. */
export function markInterrupted(db: SqliteDb, nowIso: string): number {
  return db.prepare(`UPDATE reconciliation_runs SET status = 'interrupted', finished_at = ?, error = 'The app stopped before this run finished.' WHERE status = 'running'`).run(nowIso).changes;
}
