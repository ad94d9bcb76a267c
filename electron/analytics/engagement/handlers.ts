import type { Channel } from '../../../shared/ipc/contract';
import type { DeskCore } from '../../core';
import type { Handlers } from '../../ipc/dispatch';
import { cohortTable } from '../cohorts';
import { funnelOf } from '../funnel';
import { catchUpInSlices } from '../catch-up';
import { analyticsSettings } from '../settings';
import { bandCounts, contactEngagement } from './bands';
import { lastRecomputeAt, recomputeEngagement, settleEngagement } from './settle';
import { queuedForRescore } from './scores';

type EngagementHandlers = Pick<Handlers, Extract<Channel, `engagement:${string}`>>;

/** Engagement score bands, one contact's score, cohorts and the funnel (issue 14 points 1–3). */
export function createEngagementHandlers(core: DeskCore): EngagementHandlers {
  const { db } = core;
  const catchUp = () => catchUpInSlices(db, analyticsSettings(core.settings), core.now());
  const fresh = async () => {
    await catchUp();
    await settleEngagement(core);
  };
  return {
    'engagement:bands': async () => {
      await fresh();
      return { ...bandCounts(db), waiting: queuedForRescore(db), lastRecomputeAt: lastRecomputeAt(core) };
    },
    'engagement:contact': async ({ contactId }) => {
      await fresh();
      return contactEngagement(db, contactId, core.now());
    },
    'engagement:recompute': async () => {
      await catchUp();
      const r = await recomputeEngagement(core);
      core.audit('engagement.recompute', undefined, r);
      core.events.emit('app:dataChanged', { area: 'contacts' });
      return r;
    },
    'engagement:cohorts': async ({ months }) => {
      await fresh();
      return cohortTable(db, months, core.now());
    },
    'engagement:funnel': async (q) => {
      await catchUp();
      return funnelOf(db, q, core.now(), core.settings.get('business.currency'));
    },
  };
}
