import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { AnalyticsSummaryView } from '../../shared/ipc/channels/analytics';
import type { ReportFilesView } from '../../shared/ipc/channels/reports';
import type { DeskCore } from '../core';
import { createAnalyticsHandlers } from '../analytics';
import { reportContent } from './content';
import { reportCsv } from './csv';
import type { ReportPeriod } from './period';

/** The period's figures (analytics:summary's answer), from the daily roll-ups. */
export type SummarySource = (range: {
  from: string;
  to: string;
  bucket: 'day';
  top: number;
}) => Promise<AnalyticsSummaryView> | AnalyticsSummaryView;

type ReportCore = Pick<DeskCore, 'settings' | 'now' | 'paths'>;

/** The figures come from the same summary the dashboard shows (analytics:summary's handler, over the roll-ups). */
export function summaryFromAnalytics(core: DeskCore): SummarySource {
  const summary = createAnalyticsHandlers(core)['analytics:summary'];
  return (range) => summary(range);
}

/** `reports.folder`, or the data folder's reports/ when it is empty. */
export function reportsFolder(core: Pick<DeskCore, 'settings' | 'paths'>): { folder: string; isDefault: boolean } {
  const chosen = core.settings.get('reports.folder').trim();
  return chosen
    ? { folder: chosen, isDefault: false }
    : { folder: join(core.paths.dataDir, 'reports'), isDefault: true };
}

/** Writes a file whole or not at all: a half-written report never sits in the owner's folder. */
function writeWhole(path: string, data: Buffer | string): void {
  const temp = `${path}.partial`;
  writeFileSync(temp, data);
  renameSync(temp, path);
}

/**
 * Renders the period's report and writes `report-weekly-2026-W49.pdf` and `.csv` (or `report-monthly-2026-11.*`)
 * into `folder`, replacing an earlier one for the same period.
 */
export async function writeReport(
  core: ReportCore,
  summary: SummarySource,
  period: ReportPeriod,
  folder: string,
): Promise<ReportFilesView> {
  if (!isAbsolute(folder))
    throw new AppError(
      'invalid_input',
      `The reports folder must be a full path (such as /home/you/Reports), not "${folder}".`,
    );
  try {
    mkdirSync(folder, { recursive: true });
  } catch (err) {
    throw new AppError('invalid_input', `The reports folder ${folder} cannot be created: ${(err as Error).message}`);
  }
  const data = await summary({ from: period.from, to: period.to, bucket: 'day', top: 10 });
  const content = reportContent(core.settings.get('business.name'), period, data, core.now().toISOString());
  const base = join(folder, `report-${period.kind === 'week' ? 'weekly' : 'monthly'}-${period.slug}`);
  const pdf = `${base}.pdf`;
  const csv = `${base}.csv`;
  // Loaded when a report is written: PDFKit and its fonts cost every start of the app and the CLI a few hundred ms.
  const { renderReportPdf } = await import('./pdf');
  writeWhole(pdf, await renderReportPdf(content));
  writeWhole(csv, reportCsv(content));
  return { kind: period.kind, label: period.label, from: period.from, to: period.to, pdf, csv };
}
