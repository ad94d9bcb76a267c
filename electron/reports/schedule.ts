import cron, { type ScheduledTask } from 'node-cron';
import type { ReportFilesView } from '../../shared/ipc/channels/reports';
import type { DeskCore } from '../core';
import { lastCompletePeriod, scheduledKinds } from './period';
import { claimRun, finishRun, hasRun, releaseRun } from './queries';
import { reportsFolder, writeReport, type SummarySource } from './run';

type ScheduleCore = Pick<DeskCore, 'settings' | 'now' | 'paths' | 'kdb' | 'events'>;

/**
 * Writes each scheduled report whose period has ended and has no report yet: last week's on Monday, last month's on
 * the 1st — or at the next start when the app was closed then. Only the latest period of each kind is written, and
 * only once (report_runs). A run that fails (folder not writable) is told to the owner and tried again at the next
 * start, not every hour (`failed` remembers it for this session).
 */
export async function runDueReports(
  core: ScheduleCore,
  summary: SummarySource,
  failed: Set<string> = new Set(),
  log: (msg: string, err?: unknown) => void = () => undefined,
): Promise<ReportFilesView[]> {
  const written: ReportFilesView[] = [];
  for (const kind of scheduledKinds(core.settings.get('reports.schedule'))) {
    const period = lastCompletePeriod(kind, core.now());
    const key = `${kind}:${period.from}`;
    if (failed.has(key) || (await hasRun(core.kdb, period))) continue;
    if (!(await claimRun(core.kdb, period, core.now().toISOString()))) continue;
    try {
      const files = await writeReport(core, summary, period, reportsFolder(core).folder);
      await finishRun(core.kdb, period, files);
      written.push(files);
      core.events.emit('reports:ready', files);
      core.events.emit('app:notify', {
        title: `${kind === 'week' ? 'Weekly' : 'Monthly'} report ready`,
        body: `${period.label}: ${files.pdf}`,
        level: 'info',
      });
    } catch (err) {
      await releaseRun(core.kdb, period);
      failed.add(key);
      log(`the ${kind}ly report could not be written`, err);
      core.events.emit('app:notify', {
        title: `The ${kind === 'week' ? 'weekly' : 'monthly'} report could not be written`,
        body: `${(err as Error).message} Check reports.folder in Settings.`,
        level: 'error',
      });
    }
  }
  return written;
}

export interface ReportJobs {
  stop(): Promise<void>;
}

/**
 * Checks at start (a run missed while the app was closed), at five past every hour, and when a setting changes (the
 * owner just turned reports on, or chose a folder after one could not be written).
 */
export function startReportJobs(
  core: ScheduleCore,
  summary: SummarySource,
  log: (msg: string, err?: unknown) => void,
): ReportJobs {
  const failed = new Set<string>();
  let running: Promise<unknown> | null = null;
  const check = () =>
    (running ??= runDueReports(core, summary, failed, log)
      .catch((err) => log('scheduled reports failed', err))
      .finally(() => (running = null)));
  void check();
  const task: ScheduledTask = cron.schedule('5 * * * *', check, { noOverlap: true });
  const unsubscribe = core.events.subscribe((name, payload) => {
    const settings =
      typeof payload === 'object' && payload !== null && 'area' in payload && payload.area === 'settings';
    if (name !== 'app:dataChanged' || !settings) return;
    failed.clear();
    void check();
  });
  return {
    async stop() {
      unsubscribe();
      await task.destroy();
      await running;
    },
  };
}
