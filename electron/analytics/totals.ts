import {
  addTotals,
  costPerConversionMinor,
  emptyTotals,
  epmMinor,
  fromMinor,
  fromMinorPrecise,
  microsToMinor,
  rates,
  roi,
  type AttributionWindows,
  type OutcomeTotals,
} from '../../shared/analytics';
import type { CampaignResultsSummary } from '../../shared/ipc/channels/analytics';
import type { ExpressionBuilder } from 'kysely';
import type { SqliteDb } from '../db/connection';
import type { DB } from '../db/schema';
import { allRows, qb } from '../db/sync-query';

/** A roll-up row as the triggers keep it. */
export interface DailyRow {
  campaign_id: number;
  day: string;
  sent: number;
  delivered: number;
  failed: number;
  replied: number;
  clicked: number;
  opted_out: number;
  converted: number;
  revenue_minor: number;
  /** Micro-units of the currency. */
  spend_micros: number;
}

/** A roll-up row (or a sum of them) as totals; spend turned from micro-units into exact minor units of `currency`. */
export function totalsOf(r: Omit<DailyRow, 'campaign_id' | 'day'>, currency: string): OutcomeTotals {
  return {
    sent: r.sent,
    delivered: r.delivered,
    failed: r.failed,
    replied: r.replied,
    clicked: r.clicked,
    optedOut: r.opted_out,
    converted: r.converted,
    revenueMinor: r.revenue_minor,
    spendMinor: microsToMinor(r.spend_micros, currency),
  };
}

/** The roll-up columns summed, under their own names: what every read of campaign_daily adds up. */
export function rollupSums(eb: ExpressionBuilder<DB, 'campaign_daily'>) {
  return [
    eb.fn.sum<number>('sent').as('sent'),
    eb.fn.sum<number>('delivered').as('delivered'),
    eb.fn.sum<number>('failed').as('failed'),
    eb.fn.sum<number>('replied').as('replied'),
    eb.fn.sum<number>('clicked').as('clicked'),
    eb.fn.sum<number>('opted_out').as('opted_out'),
    eb.fn.sum<number>('converted').as('converted'),
    eb.fn.sum<number>('revenue_minor').as('revenue_minor'),
    eb.fn.sum<number>('spend_micros').as('spend_micros'),
  ] as const;
}

/** Each campaign's totals over all time, from the roll-ups (a campaign has at most a row per day). */
export function campaignTotals(
  db: SqliteDb,
  currency: string,
  campaignIds?: readonly number[],
): Map<number, OutcomeTotals> {
  let q = qb
    .selectFrom('campaign_daily')
    .select((eb) => ['campaign_id', ...rollupSums(eb)])
    .groupBy('campaign_id');
  if (campaignIds) q = q.where('campaign_id', 'in', campaignIds.length ? [...campaignIds] : [-1]);
  const map = new Map<number, OutcomeTotals>();
  for (const r of allRows(db, q)) map.set(r.campaign_id, totalsOf(r, currency));
  return map;
}

export const sumTotals = (list: Iterable<OutcomeTotals>): OutcomeTotals => [...list].reduce(addTotals, emptyTotals());

/** The CLI's `campaigns results` shape (money as decimals in the currency). */
export function resultsSummary(
  c: { id: number; name: string },
  t: OutcomeTotals,
  currency: string,
  windows: AttributionWindows,
): CampaignResultsSummary {
  const epm = epmMinor(t.revenueMinor, t.delivered);
  const cpc = costPerConversionMinor(t.spendMinor, t.converted);
  return {
    id: c.id,
    name: c.name,
    sent: t.sent,
    delivered: t.delivered,
    failed: t.failed,
    replied: t.replied,
    clicked: t.clicked,
    optedOut: t.optedOut,
    converted: t.converted,
    revenue: fromMinor(t.revenueMinor, currency),
    spend: fromMinor(t.spendMinor, currency),
    currency,
    rates: rates(t),
    roi: roi(t.revenueMinor, t.spendMinor),
    epm: epm === null ? null : fromMinorPrecise(epm, currency),
    costPerConversion: cpc === null ? null : fromMinorPrecise(cpc, currency),
    windows: { clickDays: windows.clickDays, deliveryHours: windows.deliveryHours },
  };
}
