import { z } from 'zod';
import { channel } from '../define';

/** Scheduled PDF/CSV reports (weekly, monthly) and running one now. */

export interface ReportFilesView {
  kind: 'week' | 'month';
  /** "Week of 30 Nov 2026 – 6 Dec 2026" / "November 2026". */
  label: string;
  from: string;
  to: string;
  pdf: string;
  csv: string;
}

export interface ReportRunView {
  kind: 'week' | 'month';
  from: string;
  to: string;
  ranAt: string;
  pdf: string | null;
  csv: string | null;
}

export interface ReportsStatus {
  schedule: 'none' | 'weekly' | 'monthly' | 'both';
  /** Where reports are written (the setting, or the data folder's reports/ when it is empty). */
  folder: string;
  folderIsDefault: boolean;
  /** The latest scheduled runs, newest first. */
  lastRuns: ReportRunView[];
}

export const reportChannels = {
  'reports:status': channel<ReportsStatus>()(z.object({}).strict()),
  /** Writes the report for the last complete week or month now (into `reports.folder`); not recorded as a scheduled run. */
  'reports:run': channel<ReportFilesView>()(z.object({ period: z.enum(['week', 'month']).default('week') }).strict()),
};
