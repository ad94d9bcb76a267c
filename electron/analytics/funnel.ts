import { emptyTotals } from '../../shared/analytics';
import { AppError } from '../../shared/errors';
import type { FunnelView } from '../../shared/ipc/channels/engagement';
import { funnelBase, periodFunnel } from '../../shared/reports/funnel';
import type { SqliteDb } from '../db/connection';
import { firstRow, qb } from '../db/sync-query';
import { periodDays } from './summary';
import { rollupSums, totalsOf } from './totals';
import { MEASURED_ON } from '../../shared/campaign-channels';
import type { Channel } from '../../shared/types/domain';

export interface FunnelQuery {
  campaignId?: number;
  from?: string;
  to?: string;
  channel?: Channel;
}

/**
 * Sent → delivered → clicked → replied → converted, from the daily roll-ups (the dashboard's and the campaign page's
 * figures, defined once in shared/analytics): across a period (default the last 30 days), or for one campaign (all
 * its days unless a period is given). Steps and shares are the dashboard's own (shared/reports/funnel.ts).
 */
export function funnelOf(db: SqliteDb, q: FunnelQuery, now: Date, currency: string): FunnelView {
  let campaignName: string | null = null;
  if (q.campaignId !== undefined) {
    const c = firstRow(db, qb.selectFrom('campaigns').select('name').where('id', '=', q.campaignId));
    if (!c) throw new AppError('not_found', `There is no campaign ${q.campaignId}.`);
    campaignName = c.name;
  }
  const period = q.campaignId === undefined || q.from !== undefined || q.to !== undefined ? periodDays(q, now) : null;
  let query = qb.selectFrom('campaign_daily').select((eb) => rollupSums(eb));
  if (q.campaignId !== undefined) query = query.where('campaign_id', '=', q.campaignId);
  if (period) query = query.where('day', '>=', period.fromDay).where('day', '<', period.toDay);
  if (q.channel) query = query.where('channel', '=', q.channel);
  const row = firstRow(db, query);
  // SUM over no rows is NULL: nothing sent in the period.
  const t = row && row.sent !== null ? totalsOf(row, currency) : emptyTotals();
  const measured = q.channel ? MEASURED_ON[q.channel] : null;
  const steps = periodFunnel(t).filter(
    (s) => !measured || (s.step !== 'replied' && s.step !== 'clicked') || measured.includes(s.step),
  );
  return {
    sent: t.sent,
    delivered: t.delivered,
    clicked: t.clicked,
    replied: t.replied,
    converted: t.converted,
    from: period?.fromDay ?? null,
    to: period?.toDay ?? null,
    campaignId: q.campaignId ?? null,
    campaignName,
    steps,
    dropOff: steps.slice(1).map((s) => ({
      step: s.step,
      of: funnelBase(s.step) ?? 'sent',
      dropOff: s.ofPrevious === null ? null : 1 - s.ofPrevious,
    })),
  };
}
