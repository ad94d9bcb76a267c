import cron, { type ScheduledTask } from 'node-cron';
import type { DeskCore } from '../../core';
import { engagementIsStale, recomputeEngagement } from './settle';

export interface EngagementJobs {
  stop(): Promise<void>;
}

/**
 * Scores lose recency as days pass without an event: every contact is recomputed on the worker thread at start-up
 * when the last full run is a day old, and then each night.
 */
export function startEngagementJobs(
  core: Pick<DeskCore, 'db' | 'paths' | 'nativeBinding' | 'now'>,
  log: (msg: string, err?: unknown) => void,
): EngagementJobs {
  let running: Promise<unknown> | null = null;
  const check = () =>
    (running ??= (engagementIsStale(core) ? recomputeEngagement(core) : Promise.resolve())
      .catch((err) => log('recomputing engagement scores failed', err))
      .finally(() => (running = null)));
  void check();
  const task: ScheduledTask = cron.schedule('40 3 * * *', check, { noOverlap: true });
  return {
    async stop() {
      await task.destroy();
      await running;
    },
  };
}
