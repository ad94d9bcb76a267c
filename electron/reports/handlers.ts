import type { Channel } from '../../shared/ipc/contract';
import type { DeskCore } from '../core';
import type { Handlers } from '../ipc/dispatch';
import { lastCompletePeriod } from './period';
import { latestRuns } from './queries';
import { reportsFolder, writeReport, type SummarySource } from './run';

type ReportHandlers = Pick<Handlers, Extract<Channel, `reports:${string}`>>;

export function createReportHandlers(core: DeskCore, summary: SummarySource): ReportHandlers {
  return {
    'reports:status': async () => {
      const { folder, isDefault } = reportsFolder(core);
      return {
        schedule: core.settings.get('reports.schedule'),
        folder,
        folderIsDefault: isDefault,
        lastRuns: await latestRuns(core.kdb),
      };
    },
    'reports:run': ({ period }) =>
      writeReport(core, summary, lastCompletePeriod(period, core.now()), reportsFolder(core).folder),
  };
}
