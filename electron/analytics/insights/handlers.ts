import type { Channel } from '../../../shared/ipc/contract';
import { MIN_CELLS, MIN_DELIVERED_PER_CELL } from '../../../shared/analytics/insights/best-time';
import type { PredictionsView } from '../../../shared/analytics/insights/predictions';
import type { DeskCore } from '../../core';
import type { Handlers } from '../../ipc/dispatch';
import { catchUpInSlices } from '../catch-up';
import { createAnalyticsReads } from '../reads';
import { analyticsSettings } from '../settings';
import { trainInWorker } from '../predict/run';
import { highRiskCount, rankedContacts, storedModels } from '../predict/store';

type InsightHandlers = Pick<Handlers, Extract<Channel, `insights:${string}`>>;

const TOP = 10;

/** Best time, segment comparison and predictions; each first takes in the outcomes that arrived since the last tick. */
export function createInsightHandlers(core: DeskCore): InsightHandlers {
  const { db } = core;
  const fresh = () => catchUpInSlices(db, analyticsSettings(core.settings), core.now());
  // Best time and a comparison group every delivered text (~2 s at 200,000): on the reader thread (reads.ts).
  const reads = core.analyticsReads ?? createAnalyticsReads(db, { dbPath: ':memory:' });
  const predictions = (): PredictionsView => {
    const models = storedModels(db);
    return {
      ...models,
      likelyToReply: models.reply?.usable ? rankedContacts(db, 'reply', TOP) : [],
      atRisk: models.optOut?.usable ? rankedContacts(db, 'optOut', TOP) : [],
      highRisk: highRiskCount(db),
    };
  };
  return {
    'insights:bestTime': async () => {
      await fresh();
      const report = await reads.read('bestTime', { businessZone: core.settings.get('business.timezone') });
      return { ...report, rule: { minDeliveredPerCell: MIN_DELIVERED_PER_CELL, minCells: MIN_CELLS } };
    },
    'insights:compare': async ({ groups, metric }) => {
      await fresh();
      return reads.read('compare', { groups: [...groups], metric, now: core.now().toISOString() });
    },
    'insights:predictions': () => predictions(),
    'insights:train': async () => {
      await fresh();
      const r = await trainInWorker(
        db,
        { dbPath: core.paths.dbPath, nativeBinding: core.nativeBinding },
        core.now().getTime(),
      );
      core.audit('analytics.predict', undefined, { reply: r.reply.usable, optOut: r.optOut.usable, scored: r.scored });
      core.events.emit('app:dataChanged', { area: 'contacts' });
      return predictions();
    },
  };
}
