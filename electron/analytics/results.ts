import {
  CONVERSION_SOURCE_LABEL,
  costPerConversionMinor,
  epmMinor,
  rateIntervals,
  windowsSentence,
} from '../../shared/analytics';
import { AppError } from '../../shared/errors';
import type { CampaignResultsView, OutcomeTimelinePoint, ReasonCount } from '../../shared/ipc/channels/analytics';
import { periodFunnel } from '../../shared/reports/funnel';
import { CONSENT_SOURCE_LABEL } from '../../shared/compliance/consent-sources';
import type { CampaignStatus } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { preparedQuery } from '../db/prepared-query';
import { allRows, qb } from '../db/sync-query';
import type { AnalyticsSettings } from './settings';
import { resultsSummary, totalsOf } from './totals';
import { campaignRollupRows, channelResults, sumRollupRows } from './results-channels';

const HOUR_MS = 3_600_000;
/** Buckets of the "since sending" chart: fine at first, when most answers come, then coarser. */
const TIMELINE_HOURS = [0, 1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 336, 720];

// The results page reads these on every open (and the CLI's `campaigns results`): built and prepared once.
const campaignRow = preparedQuery((v: { campaignId: number }) =>
  qb.selectFrom('campaigns').select(['id', 'name', 'status', 'launched_at', 'ab_json']).where('id', '=', v.campaignId),
);
const pendingCounts = preparedQuery((v: { campaignId: number }) =>
  qb
    .selectFrom('outbox_state_counts')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('n'))
    .where('campaign_key', '=', v.campaignId)
    .where('state', 'in', ['queued', 'sending', 'retry_wait', 'unknown', 'held']),
);

/**
 * A campaign's results page: totals, their split per channel and the first day of sending from the roll-ups (one
 * read of the campaign's rows), its outcomes over time, and the reasons behind the losses.
 */
export function campaignResults(
  db: SqliteDb,
  s: AnalyticsSettings,
  campaignId: number,
  now: Date,
): CampaignResultsView {
  const c = campaignRow.get(db, { campaignId });
  if (!c) throw new AppError('not_found', `There is no campaign ${campaignId}.`);
  const rollups = campaignRollupRows(db, campaignId);
  const t = totalsOf(sumRollupRows(rollups), s.currency);
  const firstSentAt = rollups.reduce<string | null>(
    (first, r) => (r.sent > 0 && (first === null || r.day < first) ? r.day : first),
    null,
  );
  const start = c.launched_at ?? (firstSentAt ? `${firstSentAt}T00:00:00.000Z` : null);
  const pending = pendingCounts.get(db, { campaignId })?.n ?? 0;
  return {
    ...resultsSummary(c, t, s.currency, s.windows),
    status: c.status as CampaignStatus,
    launchedAt: c.launched_at,
    firstSentAt: start,
    isAbTest: c.ab_json !== null,
    money: {
      revenueMinor: t.revenueMinor,
      spendMinor: t.spendMinor,
      epmMinor: epmMinor(t.revenueMinor, t.delivered),
      costPerConversionMinor: costPerConversionMinor(t.spendMinor, t.converted),
    },
    funnel: periodFunnel(t),
    intervals: rateIntervals(t),
    timeline: start ? timeline(db, campaignId, Date.parse(start)) : [],
    undeliveredByReason: undeliveredByReason(db, campaignId),
    optOutsBySource: optOutsBySource(db, campaignId),
    conversionsBySource: conversionsBySource(db, campaignId),
    pending,
    channels: channelResults(db, campaignId, s.currency, rollups),
    windowsNote: windowsSentence(s.windows),
    generatedAt: now.toISOString(),
  };
}

function hourLabel(h: number): string {
  return h < 48 ? `${h} h` : `${h / 24} d`;
}

function timeline(db: SqliteDb, campaignId: number, startMs: number): OutcomeTimelinePoint[] {
  const points: OutcomeTimelinePoint[] = TIMELINE_HOURS.map((fromHour, i) => {
    const toHour = TIMELINE_HOURS[i + 1] ?? Number.POSITIVE_INFINITY;
    return {
      fromHour,
      toHour: Number.isFinite(toHour) ? toHour : -1,
      label: Number.isFinite(toHour) ? `${hourLabel(fromHour)}–${hourLabel(toHour)}` : `${hourLabel(fromHour)}+`,
      replied: 0,
      clicked: 0,
      optedOut: 0,
      converted: 0,
      revenueMinor: 0,
    };
  });
  const bucket = (at: string) => {
    const h = (Date.parse(at) - startMs) / HOUR_MS;
    let i = 0;
    while (i + 1 < TIMELINE_HOURS.length && h >= TIMELINE_HOURS[i + 1]) i++;
    return points[i];
  };
  for (const o of outcomeTimes.all(db, { campaignId })) {
    const p = bucket(o.at);
    if (o.kind === 'replied') p.replied++;
    else if (o.kind === 'clicked') p.clicked++;
    else p.optedOut++;
  }
  const seen = new Set<number>();
  for (const v of conversionTimes.all(db, { campaignId })) {
    const p = bucket(v.at);
    if (!seen.has(v.contact_id)) p.converted++;
    seen.add(v.contact_id);
    p.revenueMinor += v.amount_minor;
  }
  return points;
}

const outcomeTimes = preparedQuery((v: { campaignId: number }) =>
  qb.selectFrom('message_outcomes').select(['kind', 'at']).where('campaign_id', '=', v.campaignId),
);
const conversionTimes = preparedQuery((v: { campaignId: number }) =>
  qb
    .selectFrom('conversions')
    .select(['contact_id', 'at', 'amount_minor'])
    .where('campaign_id', '=', v.campaignId)
    .orderBy('id'),
);

const undelivered = preparedQuery((v: { campaignId: number }) =>
  qb
    .selectFrom('outbox_messages')
    .select((eb) => [
      eb.fn.coalesce('error_code', eb.val('unknown')).as('code'),
      eb.fn.max('error_message').as('message'),
      eb.fn.countAll<number>().as('count'),
    ])
    .where('campaign_id', '=', v.campaignId)
    .where('state', 'in', ['failed', 'undelivered'])
    .groupBy('code')
    .orderBy('count', 'desc'),
);

function undeliveredByReason(db: SqliteDb, campaignId: number): ReasonCount[] {
  const rows = undelivered.all(db, { campaignId });
  return rows.map((r) => ({ code: r.code, label: r.message ?? r.code, count: r.count }));
}

const optOuts = preparedQuery((v: { campaignId: number }) =>
  qb
    .selectFrom('message_outcomes')
    .select((eb) => [eb.fn.coalesce('reason', eb.val('keyword')).as('code'), eb.fn.countAll<number>().as('count')])
    .where('campaign_id', '=', v.campaignId)
    .where('kind', '=', 'opted_out')
    .groupBy('code')
    .orderBy('count', 'desc'),
);

function optOutsBySource(db: SqliteDb, campaignId: number): ReasonCount[] {
  return optOuts.all(db, { campaignId }).map((r) => ({
    code: r.code,
    label: CONSENT_SOURCE_LABEL[r.code as keyof typeof CONSENT_SOURCE_LABEL] ?? r.code,
    count: r.count,
  }));
}

const campaignConversionSources = preparedQuery((v: { campaignId: number }) =>
  qb
    .selectFrom('conversions')
    .select((eb) => [
      'source',
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>('amount_minor').as('revenueMinor'),
    ])
    .where('campaign_id', '=', v.campaignId)
    .groupBy('source')
    .orderBy('revenueMinor', 'desc'),
);

/**
 * Conversions and revenue per source (QuickBooks, orders, keywords…) for one campaign (its few conversions), or the
 * attributed ones in a period of UTC days, from the per-day roll-up (migration 0025): a year is ~110,000
 * conversions at ten million messages, the dashboard's largest read when it was summed from the conversions.
 */
export function conversionsBySource(
  db: SqliteDb,
  of: number | { fromDay: string; toDay: string },
): CampaignResultsView['conversionsBySource'] {
  const rows =
    typeof of === 'number'
      ? campaignConversionSources.all(db, { campaignId: of })
      : allRows(
          db,
          qb
            .selectFrom('conversion_source_daily')
            .select((eb) => [
              'source',
              eb.fn.sum<number>('conversions').as('count'),
              eb.fn.sum<number>('revenue_minor').as('revenueMinor'),
            ])
            .where('day', '>=', of.fromDay)
            .where('day', '<', of.toDay)
            .groupBy('source')
            // A source whose conversions in the period were all removed keeps rows of zeros.
            .having((eb) => eb.fn.sum('conversions'), '>', 0)
            .orderBy('revenueMinor', 'desc'),
        );
  return rows.map((r) => ({
    source: r.source,
    label: CONVERSION_SOURCE_LABEL[r.source],
    count: r.count,
    revenueMinor: r.revenueMinor,
  }));
}
