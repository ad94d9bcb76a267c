import type { SqliteDb } from '../../db/connection';
import type { EventBus } from '../../events/bus';
import { campaignCounts } from './record';

/** At most one progress event per campaign this often: a send rate of hundreds per second would flood the window. */
const PROGRESS_EVERY_MS = 200;

/** Tells the window how a campaign's sending is going, throttled per campaign. */
export function createProgressReporter(db: SqliteDb, events: Pick<EventBus, 'emit'>) {
  const timers = new Map<number, NodeJS.Timeout>();
  return {
    touched(campaignId: number): void {
      if (timers.has(campaignId)) return;
      timers.set(
        campaignId,
        setTimeout(() => {
          timers.delete(campaignId);
          const counts = campaignCounts(db, campaignId);
          events.emit('campaign:progress', {
            campaignId,
            counts,
            total: Object.values(counts).reduce((a, b) => a + b, 0),
          });
          events.emit('app:dataChanged', { area: 'campaigns' });
        }, PROGRESS_EVERY_MS),
      );
    },
    stop(): void {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
