import { wilsonInterval } from '../abtests/effect';

/**
 * Every figure of analytics.md, defined once. Counts are recipients (a contact who replied twice counts once);
 * money is integer minor units of the business currency. A rate is null when its denominator is 0.
 */

/** How many recipients each step of a campaign (or a period, or a variant) reached: the counts every view shares. */
export interface OutcomeCounts {
  /** Handed to the provider: states sent, delivered and undelivered/failed after sending. */
  sent: number;
  delivered: number;
  /** Failed or undelivered (before or after the hand-over). */
  failed: number;
  replied: number;
  /** Unique recipients who clicked a tracked link, link previews and bots excluded. */
  clicked: number;
  optedOut: number;
  /** Recipients with at least one attributed conversion. */
  converted: number;
}

/** What a campaign (or a period, or a variant) achieved: the counts, and the money in minor units. */
export interface OutcomeTotals extends OutcomeCounts {
  /** Sum of attributed conversion amounts, minor units. */
  revenueMinor: number;
  /**
   * Segments sent × price per segment at send time, in minor units, exact: stored as micro-units, so it may be
   * fractional (47.4 ¢ for 60 texts at $0.0079). Rounded only when a figure is shown (`fromMinor`, `formatMoney`).
   */
  spendMinor: number;
}

export const RATE_NAMES = ['delivery', 'reply', 'click', 'optOut', 'conversion'] as const;
export type RateName = (typeof RATE_NAMES)[number];
export type Rates = Record<RateName, number | null>;
export interface RateInterval {
  low: number;
  high: number;
}
export type RateIntervals = Record<RateName, RateInterval | null>;

export const emptyTotals = (): OutcomeTotals => ({
  sent: 0,
  delivered: 0,
  failed: 0,
  replied: 0,
  clicked: 0,
  optedOut: 0,
  converted: 0,
  revenueMinor: 0,
  spendMinor: 0,
});

export function addTotals(a: OutcomeTotals, b: OutcomeTotals): OutcomeTotals {
  return {
    sent: a.sent + b.sent,
    delivered: a.delivered + b.delivered,
    failed: a.failed + b.failed,
    replied: a.replied + b.replied,
    clicked: a.clicked + b.clicked,
    optedOut: a.optedOut + b.optedOut,
    converted: a.converted + b.converted,
    revenueMinor: a.revenueMinor + b.revenueMinor,
    spendMinor: a.spendMinor + b.spendMinor,
  };
}

/** numerator ÷ denominator, null when the denominator is 0. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** The successes and the messages each rate is taken over (delivery over sent; the rest over delivered). */
export function rateCounts(t: OutcomeTotals): Record<RateName, { successes: number; total: number }> {
  return {
    delivery: { successes: t.delivered, total: t.sent },
    reply: { successes: t.replied, total: t.delivered },
    click: { successes: t.clicked, total: t.delivered },
    optOut: { successes: t.optedOut, total: t.delivered },
    conversion: { successes: t.converted, total: t.delivered },
  };
}

export function rates(t: OutcomeTotals): Rates {
  const c = rateCounts(t);
  return Object.fromEntries(
    RATE_NAMES.map((n) => [n, rate(Math.min(c[n].successes, c[n].total), c[n].total)]),
  ) as Rates;
}

/** Each rate's Wilson interval (the A/B machinery's), null when its denominator is 0. */
export function rateIntervals(t: OutcomeTotals, confidence = 0.95): RateIntervals {
  const c = rateCounts(t);
  return Object.fromEntries(
    RATE_NAMES.map((n) => {
      const { successes, total } = c[n];
      if (total <= 0) return [n, null];
      const w = wilsonInterval(Math.min(successes, total), total, confidence);
      return [n, { low: w.low, high: w.high }];
    }),
  ) as RateIntervals;
}

/** (revenue − spend) ÷ spend; null when nothing was spent. */
export function roi(revenueMinor: number, spendMinor: number): number | null {
  return spendMinor > 0 ? (revenueMinor - spendMinor) / spendMinor : null;
}

/** Revenue per delivered message (EPM), in (fractional) minor units; null before anything was delivered. */
export function epmMinor(revenueMinor: number, delivered: number): number | null {
  return delivered > 0 ? revenueMinor / delivered : null;
}

/** Spend ÷ conversions, in (fractional) minor units; null without a conversion. */
export function costPerConversionMinor(spendMinor: number, converted: number): number | null {
  return converted > 0 ? spendMinor / converted : null;
}

/** True when the period has revenue to speak of: the UI says "no revenue recorded" rather than showing −100 %. */
export function hasRevenue(t: Pick<OutcomeTotals, 'revenueMinor' | 'converted'>): boolean {
  return t.revenueMinor !== 0 || t.converted > 0;
}

/** Relative change from `previous` to `current`; null when there was nothing before. */
export function change(current: number, previous: number): number | null {
  return previous !== 0 ? (current - previous) / Math.abs(previous) : null;
}
