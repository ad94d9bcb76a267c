/**
 * How big a difference is, with its uncertainty — a p-value only says whether there is one.
 *
 * - Each rate: the Wilson score interval. Unlike the textbook p ± z·SE (Wald) interval it never leaves [0, 1]
 *   and stays honest at 0 successes, which is common for opt-outs and conversions.
 * - Difference of rates (variant − reference): Newcombe's hybrid score interval ("method 10", Newcombe 1998),
 *   built from the two Wilson intervals. Wald's interval for a difference is too narrow at small rates.
 * - Relative lift (variant ÷ reference − 1): the Katz log interval for the risk ratio, the same one SciPy's
 *   `relative_risk(...).confidence_interval()` gives. It needs at least one success in each variant.
 */
import { AppError } from '../errors';
import type { VariantCounts } from './chisquare';
import { normalQuantile } from './distributions';

export interface Interval {
  low: number;
  high: number;
}

export interface RateEstimate extends Interval {
  successes: number;
  total: number;
  rate: number;
}

export interface Estimate extends Interval {
  estimate: number;
}

export interface Effect {
  /** variant rate − reference rate, in absolute terms (0.05 = five percentage points). */
  difference: Estimate;
  /** variant rate ÷ reference rate − 1 (0.38 = 38 % more); null when a variant has no successes. */
  relativeLift: Estimate | null;
}

/** The Wilson score interval for successes/total at the given two-sided confidence. */
export function wilsonInterval(successes: number, total: number, confidence = 0.95): RateEstimate {
  assertCounts(successes, total);
  const z = zFor(confidence);
  const rate = successes / total;
  const z2 = z * z;
  const denominator = 1 + z2 / total;
  const centre = (rate + z2 / (2 * total)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((rate * (1 - rate)) / total + z2 / (4 * total * total));
  // At 0 or all successes the exact bound is 0 or 1; clamp the float residue so the UI never shows "-0.0 %".
  const low = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const high = successes === total ? 1 : Math.min(1, centre + halfWidth);
  return { successes, total, rate, low, high };
}

/** The effect of `variant` relative to `reference`, both as a difference and as a relative lift. */
export function compareRates(variant: VariantCounts, reference: VariantCounts, confidence = 0.95): Effect {
  const v = wilsonInterval(variant.successes, variant.total, confidence);
  const r = wilsonInterval(reference.successes, reference.total, confidence);
  const estimate = v.rate - r.rate;
  const difference = {
    estimate,
    low: estimate - Math.hypot(v.rate - v.low, r.high - r.rate),
    high: estimate + Math.hypot(v.high - v.rate, r.rate - r.low),
  };
  return { difference, relativeLift: relativeLift(variant, reference, confidence) };
}

function relativeLift(variant: VariantCounts, reference: VariantCounts, confidence: number): Estimate | null {
  if (variant.successes === 0 || reference.successes === 0) return null;
  const ratio = variant.successes / variant.total / (reference.successes / reference.total);
  const standardError = Math.sqrt(
    1 / variant.successes - 1 / variant.total + 1 / reference.successes - 1 / reference.total,
  );
  const spread = zFor(confidence) * standardError;
  return {
    estimate: ratio - 1,
    low: ratio * Math.exp(-spread) - 1,
    high: ratio * Math.exp(spread) - 1,
  };
}

function zFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new AppError('invalid_input', `Confidence must be between 0 and 1 (for example 0.95); got ${confidence}.`);
  }
  return normalQuantile(1 - (1 - confidence) / 2);
}

function assertCounts(successes: number, total: number): void {
  if (!Number.isInteger(total) || total <= 0 || !Number.isInteger(successes) || successes < 0 || successes > total) {
    throw new AppError(
      'invalid_input',
      `${successes} successes out of ${total} delivered messages is not a rate that can be estimated.`,
    );
  }
}
