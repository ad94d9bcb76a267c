/**
 * The A/B verdict: is there a winner yet, and how to say it. A winner needs all of
 *   1. every variant at the minimum sample, and enough successes for the chi-square approximation
 *      (at least 5 expected successes and failures per variant, Cochran's rule);
 *   2. a check the peeking guard allows: the planned sample reached (fixed horizon), or a new look of the
 *      group-sequential design, which tightens the significance threshold (see sequential.ts);
 *   3. the 2×k chi-square test significant at that threshold, and the best variant significantly better than
 *      every other one in 2×2 tests, Holm-adjusted over the k − 1 comparisons.
 * Rates are per delivered message. For opt-outs the lowest rate is best.
 *
 * Outcomes arrive late (a reply can come hours after delivery), so callers should count only messages whose
 * outcome window has closed; otherwise every variant's rate is still climbing while it is being judged.
 */
import { AppError } from '../errors';
import { MAX_VARIANTS, MIN_VARIANTS } from './assign';
import { chiSquareTest, compareWithReference, type PairwiseTest, type VariantCounts } from './chisquare';
import { compareRates, wilsonInterval, type Effect, type RateEstimate } from './effect';
import { assertLookHistory, informationFraction, planLook, sequentialBoundaries } from './sequential';
import * as words from './wording';
import type { AbMetric } from './wording';

/** Cochran's rule: below 5 expected counts in a cell the chi-square p-value is not trustworthy. */
export const MIN_EXPECTED_COUNT = 5;

export interface VariantOutcome {
  /** Display name used in sentences, e.g. "Variant B". */
  name: string;
  delivered: number;
  /** Delivered messages that replied / clicked / converted / opted out. */
  successes: number;
}

export interface DecideInput {
  variants: readonly VariantOutcome[];
  metric: AbMetric;
  minSamplePerVariant: number;
  /** Confidence needed for a winner (the `1 − α` setting); 0.95 by default. */
  confidence?: number;
  /**
   * Delivered messages per variant the test was planned for (see plannedSampleSize, or the test sample's size per
   * variant); defaults to the minimum. Under the fixed-horizon design the verdict is given once this is reached,
   * so the counts passed then should be final (e.g. the whole test sample with closed outcome windows).
   */
  plannedSamplePerVariant?: number;
  /**
   * Information fractions of earlier looks, as returned in `guard.looks`. Passing it (even empty) selects the
   * group-sequential design; leaving it out selects the fixed-horizon design.
   */
  looks?: readonly number[];
}

export type VerdictReason =
  | 'winner'
  | 'not_enough_data'
  | 'too_few_events'
  | 'waiting_for_planned_sample'
  | 'waiting_for_next_check'
  | 'no_clear_winner'
  | 'no_single_winner';

export interface PeekingGuard {
  method: 'fixed-horizon' | 'group-sequential';
  /** One sentence for the report saying how peeking is guarded against. */
  description: string;
  plannedSamplePerVariant: number;
  informationFraction: number;
  /** The p-value threshold used at this check, or null when no test was allowed. */
  nominalAlpha: number | null;
  /** Group-sequential only: the look history to store with the campaign (includes this check if it was a look). */
  looks: number[] | null;
  /** Delivered messages per variant at which the next check happens, or null when no further check is planned. */
  nextCheckDelivered: number | null;
}

export type LeaderComparison = PairwiseTest & Effect;

export interface Verdict {
  /** The 2×k test on the current counts; null while a variant has nothing delivered. */
  test: { statistic: number; dof: number; pValue: number; method: string } | null;
  /** Each variant's rate with its Wilson interval; null for a variant with nothing delivered. */
  rates: (RateEstimate | null)[];
  /** The variant with the best rate so far (not necessarily a winner). */
  leader: number | null;
  /** The leader against each other variant: tests (Holm-adjusted) and effect sizes, leader minus other. */
  comparisons: LeaderComparison[];
  winner: number | null;
  /** True once the test is over: a winner was found, or the final check found none. Store the verdict then. */
  decided: boolean;
  reason: VerdictReason;
  sentence: string;
  recommendation: string;
  guard: PeekingGuard;
}

export function decide(input: DecideInput): Verdict {
  const { variants, metric, minSamplePerVariant, confidence = 0.95, looks } = input;
  assertInput(input, confidence);
  // 1 − 0.95 is 0.050000000000000044 in floating point; a p-value of exactly 0.05 must not pass.
  const alpha = Math.round((1 - confidence) * 1e12) / 1e12;
  const planned = Math.max(input.plannedSamplePerVariant ?? minSamplePerVariant, 1);
  const counts: VariantCounts[] = variants.map((v) => ({ successes: v.successes, total: v.delivered }));
  const delivered = variants.map((v) => v.delivered);
  const fraction = informationFraction(delivered, planned);
  const sequential = looks !== undefined;

  const rates = counts.map((c) => (c.total > 0 ? wilsonInterval(c.successes, c.total, confidence) : null));
  const measurable = counts.every((c) => c.total > 0);
  const chi = measurable ? chiSquareTest(counts) : null;
  const test = chi && {
    statistic: chi.statistic,
    dof: chi.dof,
    pValue: chi.pValue,
    method: `chi-square test of independence (2×${counts.length}, no continuity correction)`,
  };
  const leader = measurable ? pickLeader(counts, words.lowerIsBetter(metric)) : null;
  const comparisons: LeaderComparison[] =
    leader === null
      ? []
      : compareWithReference(counts, leader).map((t) => ({
          ...t,
          ...compareRates(counts[leader], counts[t.variant], confidence),
        }));

  const guard: PeekingGuard = {
    method: sequential ? 'group-sequential' : 'fixed-horizon',
    description: sequential
      ? `Checked with a group-sequential design (Lan–DeMets O'Brien–Fleming alpha spending): early checks must clear a stricter bar, so the chance of a false winner stays at ${words.formatShare(alpha)} however often the report is opened.`
      : `Checked with a fixed-horizon design: the verdict waits until every variant has ${words.formatCount(planned)} delivered messages and is then tested once, so opening the report early cannot produce a false winner.`,
    plannedSamplePerVariant: planned,
    informationFraction: fraction,
    nominalAlpha: null,
    looks: sequential ? [...looks] : null,
    nextCheckDelivered: null,
  };
  const base = { test, rates, leader, comparisons, winner: null, guard };
  const waiting = (reason: VerdictReason, sentence: string): Verdict => ({
    ...base,
    decided: false,
    reason,
    sentence,
    recommendation: words.keepRunningRecommendation(metric),
  });

  const short = variants.filter((v) => v.delivered < minSamplePerVariant);
  if (short.length > 0 || chi === null || leader === null) {
    return waiting('not_enough_data', words.notEnoughDataSentence(minSamplePerVariant, short));
  }
  const totalSuccesses = counts.reduce((sum, c) => sum + c.successes, 0);
  if (smallestExpectedCount(counts) < MIN_EXPECTED_COUNT)
    return waiting('too_few_events', words.tooFewEventsSentence(metric, totalSuccesses));

  let nominalAlpha: number;
  let final: boolean;
  if (sequential) {
    const plan = planLook(looks, fraction);
    guard.looks = plan.looks;
    guard.nextCheckDelivered = plan.nextLookAt === null ? null : Math.ceil(plan.nextLookAt * planned - 1e-9);
    if (!plan.mayTest) {
      return waiting(
        'waiting_for_next_check',
        `No clear winner yet.${words.nextCheckClause(guard.nextCheckDelivered)}`,
      );
    }
    const boundaries = sequentialBoundaries(plan.looks, alpha);
    nominalAlpha = boundaries[boundaries.length - 1].nominalAlpha;
    final = plan.nextLookAt === null;
  } else {
    if (fraction < 1) {
      guard.nextCheckDelivered = planned;
      const smallest = variants.reduce((a, b) => (b.delivered < a.delivered ? b : a));
      return waiting('waiting_for_planned_sample', words.waitingForPlannedSampleSentence(planned, smallest));
    }
    nominalAlpha = alpha;
    final = true;
  }
  guard.nominalAlpha = nominalAlpha;

  const weakest = Math.max(...comparisons.map((c) => c.adjustedPValue));
  if (chi.pValue < nominalAlpha && weakest < nominalAlpha) {
    const runnerUp = pickLeader(
      counts.map((c, i) => (i === leader ? { successes: 0, total: 0 } : c)),
      words.lowerIsBetter(metric),
    );
    return {
      ...base,
      winner: leader,
      decided: true,
      reason: 'winner',
      sentence: words.winnerSentence({
        metric,
        winner: variants[leader].name,
        runnerUp: variants[runnerUp].name,
        winnerRate: counts[leader].successes / counts[leader].total,
        runnerUpRate: counts[runnerUp].successes / counts[runnerUp].total,
        pValue: Math.max(chi.pValue, weakest),
      }),
      recommendation: words.winnerRecommendation(variants[leader].name),
    };
  }

  const next = final ? '' : words.nextCheckClause(guard.nextCheckDelivered);
  if (chi.pValue < nominalAlpha) {
    const tied = comparisons.filter((c) => c.adjustedPValue >= nominalAlpha).map((c) => c.variant);
    const leaders = [leader, ...tied].sort((a, b) => a - b);
    const others = variants.map((_, i) => i).filter((i) => !leaders.includes(i));
    return {
      ...base,
      decided: final,
      reason: 'no_single_winner',
      sentence:
        words.noSingleWinnerSentence(
          leaders.map((i) => variants[i].name),
          others.map((i) => variants[i].name),
          weakest,
        ) + next,
      recommendation: words.noWinnerRecommendation({
        leaders: leaders.map((i) => variants[i].name),
        leader: variants[leader].name,
        final,
        allVariants: variants.length,
        differ: true,
      }),
    };
  }
  return {
    ...base,
    decided: final,
    reason: 'no_clear_winner',
    sentence: words.noClearWinnerSentence(chi.pValue, nominalAlpha, alpha, final) + next,
    recommendation: words.noWinnerRecommendation({
      leaders: variants.map((v) => v.name),
      leader: variants[leader].name,
      final,
      allVariants: variants.length,
      differ: false,
    }),
  };
}

/** Index of the best rate; ties go to the earlier variant. Variants with nothing delivered never lead. */
function pickLeader(counts: readonly VariantCounts[], lowerIsBetter: boolean): number {
  let best = -1;
  counts.forEach((c, i) => {
    if (c.total === 0) return;
    if (best === -1) {
      best = i;
      return;
    }
    const rate = c.successes / c.total;
    const bestRate = counts[best].successes / counts[best].total;
    if (lowerIsBetter ? rate < bestRate : rate > bestRate) best = i;
  });
  return best;
}

function smallestExpectedCount(counts: readonly VariantCounts[]): number {
  const grand = counts.reduce((sum, c) => sum + c.total, 0);
  const successes = counts.reduce((sum, c) => sum + c.successes, 0);
  const rowMin = Math.min(successes, grand - successes);
  return Math.min(...counts.map((c) => (rowMin * c.total) / grand));
}

function assertInput(input: DecideInput, confidence: number): void {
  const { variants, minSamplePerVariant, plannedSamplePerVariant } = input;
  const fail = (message: string) => {
    throw new AppError('invalid_input', message);
  };
  if (variants.length < MIN_VARIANTS || variants.length > MAX_VARIANTS) {
    fail(`An A/B test has ${MIN_VARIANTS} to ${MAX_VARIANTS} variants; this one has ${variants.length}.`);
  }
  if (!words.isAbMetric(input.metric)) {
    const choices = 'compare replies, link clicks, conversions or opt-outs instead';
    fail(
      String(input.metric) === 'opened'
        ? `SMS cannot tell whether a message was opened or read; ${choices}.`
        : `"${String(input.metric)}" is not something an A/B test can measure; ${choices}.`,
    );
  }
  for (const v of variants) {
    if (v.name.trim() === '') fail('Every variant needs a name for the report.');
    const whole = (n: number) => Number.isInteger(n) && n >= 0;
    if (!whole(v.delivered) || !whole(v.successes) || v.successes > v.delivered) {
      fail(`${v.name} reports ${v.successes} out of ${v.delivered} delivered messages, which is impossible.`);
    }
  }
  if (!Number.isInteger(minSamplePerVariant) || minSamplePerVariant < 1)
    fail('The minimum sample per variant must be a whole number of at least 1.');
  if (
    plannedSamplePerVariant !== undefined &&
    (!Number.isInteger(plannedSamplePerVariant) || plannedSamplePerVariant < 1)
  ) {
    fail('The planned sample per variant must be a whole number of at least 1.');
  }
  if (input.looks !== undefined) assertLookHistory(input.looks);
  if (!(confidence >= 0.5 && confidence < 1))
    fail(`The confidence for a winner must be at least 50% and below 100%; got ${confidence * 100}%.`);
}
