/**
 * Before an A/B test starts: can it reach a verdict with this audience? Each variant needs the minimum sample
 * (setting abtests.minSamplePerVariant) of delivered messages, and the smallest difference it can reliably detect
 * follows from the sample it will get (two-proportion test at the configured confidence, 80 % power, α shared over
 * the k − 1 comparisons — the planning formula in sequential.ts).
 */
import { plannedSampleSize } from './sequential';

export const GUIDANCE_POWER = 0.8;

export interface GuidanceInput {
  /** Contacts who can be texted. */
  audience: number;
  /** Percent per variant (of the tested part). */
  split: readonly number[];
  /** "Test on X % first"; absent, every contact is in the test. */
  testPercent?: number;
  /** The rate the metric is expected to have, e.g. 0.05 for 5 % replies. */
  expectedRate: number;
  /** Share of texts expected to be delivered (only delivered ones count). */
  deliveryRate: number;
  confidence: number;
  minSamplePerVariant: number;
}

export interface SampleGuidance {
  /** Delivered messages the smallest variant is expected to get. */
  perVariant: number;
  minSamplePerVariant: number;
  /** Whether the smallest variant reaches the minimum sample: below it the test can never name a winner. */
  canDecide: boolean;
  /** Contacts needed in the audience for the smallest variant to reach the minimum sample. */
  audienceNeeded: number;
  /**
   * The smallest difference the test detects 80 % of the time, as a rate above the expected one
   * (e.g. 0.05 → 0.08); null when no difference within 0–100 % could be detected.
   */
  detectable: { rate: number; relativeLift: number } | null;
}

/** Delivered messages needed per variant to detect `lift` (relative) over `rate`. */
function needed(rate: number, lift: number, confidence: number, comparisons: number): number {
  return plannedSampleSize({
    baselineRate: rate,
    minimumDetectableLift: lift,
    alpha: 1 - confidence,
    power: GUIDANCE_POWER,
    comparisons,
  });
}

/**
 * The smallest relative lift detectable with `perVariant` delivered messages per variant, by bisection on the
 * planning formula (the required sample falls as the lift grows); null when even the largest lift possible is not.
 */
export function smallestDetectableLift(
  perVariant: number,
  rate: number,
  confidence: number,
  comparisons = 1,
): number | null {
  if (perVariant < 1) return null;
  const maxLift = (1 - 1e-6) / rate - 1;
  if (needed(rate, maxLift, confidence, comparisons) > perVariant) return null;
  let lo = 0;
  let hi = maxLift;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (mid > 0 && needed(rate, mid, confidence, comparisons) <= perVariant) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function sampleGuidance(input: GuidanceInput): SampleGuidance {
  const { audience, split, testPercent, expectedRate, deliveryRate, confidence, minSamplePerVariant } = input;
  const smallestShare = (Math.min(...split) / 100) * ((testPercent ?? 100) / 100);
  const perVariant = Math.floor(audience * smallestShare * deliveryRate);
  const lift = smallestDetectableLift(perVariant, expectedRate, confidence, Math.max(1, split.length - 1));
  return {
    perVariant,
    minSamplePerVariant,
    canDecide: perVariant >= minSamplePerVariant,
    audienceNeeded: Math.ceil(minSamplePerVariant / (smallestShare * deliveryRate)),
    detectable: lift === null ? null : { rate: expectedRate * (1 + lift), relativeLift: lift },
  };
}
