import type { Kdb } from '../db/kysely';
import type { ReportRunView } from '../../shared/ipc/channels/reports';
import type { ReportPeriod } from './period';

/**
 * Claims a period for its scheduled run: true when this call inserted the row, false when the period already has
 * one (it ran, or another check is running it) — which is what makes a missed run happen once.
 */
export async function claimRun(kdb: Kdb, period: ReportPeriod, at: string): Promise<boolean> {
  const r = await kdb
    .insertInto('report_runs')
    .values({
      kind: period.kind,
      period_start: period.from,
      period_end: period.to,
      ran_at: at,
      pdf_path: null,
      csv_path: null,
    })
    .onConflict((oc) => oc.columns(['kind', 'period_start']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function finishRun(kdb: Kdb, period: ReportPeriod, files: { pdf: string; csv: string }): Promise<void> {
  await kdb
    .updateTable('report_runs')
    .set({ pdf_path: files.pdf, csv_path: files.csv })
    .where('kind', '=', period.kind)
    .where('period_start', '=', period.from)
    .execute();
}

/** A run that could not write its files gives its period back (tried again at the next start). */
export async function releaseRun(kdb: Kdb, period: ReportPeriod): Promise<void> {
  await kdb.deleteFrom('report_runs').where('kind', '=', period.kind).where('period_start', '=', period.from).execute();
}

export async function hasRun(kdb: Kdb, period: ReportPeriod): Promise<boolean> {
  const row = await kdb
    .selectFrom('report_runs')
    .select('kind')
    .where('kind', '=', period.kind)
    .where('period_start', '=', period.from)
    .executeTakeFirst();
  return row !== undefined;
}

export async function latestRuns(kdb: Kdb, limit = 10): Promise<ReportRunView[]> {
  const rows = await kdb
    .selectFrom('report_runs')
    .selectAll()
    .orderBy('ran_at', 'desc')
    .orderBy('kind')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    from: r.period_start,
    to: r.period_end,
    ranAt: r.ran_at,
    pdf: r.pdf_path,
    csv: r.csv_path,
  }));
}
