/**
 * Pearson's chi-square test of independence on the 2×k table "success / no success" × variant, and the pairwise
 * follow-up tests with Holm's correction that decide which variant, if any, is the winner.
 *
 * Continuity correction: none by default, for every k. Without Yates the 2×2 statistic equals the square of the
 * pooled two-proportion z statistic, which is what the sample-size formula and the sequential boundaries in
 * sequential.ts are built on, so the three agree; Yates' correction is known to be conservative for the sample
 * sizes A/B tests use. Uncorrected results equal SciPy's `chi2_contingency(table, correction=False)`. Yates is
 * available (`{ yates: true }`, 2×2 only) and then equals SciPy's default `chi2_contingency(table)`.
 */
import { AppError } from '../errors';
import { chiSquarePValue } from './distributions';

export interface VariantCounts {
  /** Messages that did the thing measured (replied, clicked, …). */
  successes: number;
  /** Messages the rate is measured against (delivered). */
  total: number;
}

export interface ChiSquareResult {
  statistic: number;
  dof: number;
  pValue: number;
  yates: boolean;
}

export interface ChiSquareOptions {
  /** Apply Yates' continuity correction when the table is 2×2 (SciPy's default). Ignored for more variants. */
  yates?: boolean;
}

/**
 * The test of "all variants have the same rate". When nobody succeeded (or everybody did), every rate is equal
 * and the answer is statistic 0, p = 1 — SciPy refuses such a table, but "no evidence of a difference" is the
 * honest reading and keeps a fresh campaign's report from failing.
 */
export function chiSquareTest(counts: readonly VariantCounts[], options: ChiSquareOptions = {}): ChiSquareResult {
  assertCounts(counts);
  const dof = counts.length - 1;
  const yates = options.yates === true && dof === 1;
  const grandTotal = counts.reduce((sum, c) => sum + c.total, 0);
  const totalSuccesses = counts.reduce((sum, c) => sum + c.successes, 0);
  const totalFailures = grandTotal - totalSuccesses;
  if (totalSuccesses === 0 || totalFailures === 0) return { statistic: 0, dof, pValue: 1, yates };

  let statistic = 0;
  for (const { successes, total } of counts) {
    statistic += cellTerm(successes, (totalSuccesses * total) / grandTotal, yates);
    statistic += cellTerm(total - successes, (totalFailures * total) / grandTotal, yates);
  }
  return { statistic, dof, pValue: chiSquarePValue(statistic, dof), yates };
}

function cellTerm(observed: number, expected: number, yates: boolean): number {
  let gap = Math.abs(observed - expected);
  // SciPy's rule: the correction never moves an observation past its expected value (gh-13875).
  if (yates) gap -= Math.min(0.5, gap);
  return (gap * gap) / expected;
}

/**
 * Holm–Bonferroni adjusted p-values, in the input order. Sorted ascending, the i-th smallest (from 0) becomes
 * (m − i)·p, made non-decreasing and capped at 1. Comparing adjusted values with α controls the chance of any
 * false "significant" across all m comparisons at α, and rejects at least as much as plain Bonferroni.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

export interface PairwiseTest {
  /** The variant compared with the reference. */
  variant: number;
  reference: number;
  statistic: number;
  pValue: number;
  /** Holm-adjusted over all comparisons in the same call. */
  adjustedPValue: number;
}

/**
 * A 2×2 test of the reference variant against each other variant, Holm-adjusted over the k − 1 comparisons.
 * The verdict uses the best-performing variant as the reference: it wins only if it beats every other one.
 */
export function compareWithReference(
  counts: readonly VariantCounts[],
  reference: number,
  options: ChiSquareOptions = {},
): PairwiseTest[] {
  assertCounts(counts);
  if (!Number.isInteger(reference) || reference < 0 || reference >= counts.length) {
    throw new AppError('invalid_input', `There is no variant number ${reference + 1} to compare against.`);
  }
  const raw = counts
    .map((c, variant) => ({ c, variant }))
    .filter(({ variant }) => variant !== reference)
    .map(({ c, variant }) => ({ variant, test: chiSquareTest([counts[reference], c], options) }));
  const adjusted = holmAdjust(raw.map(({ test }) => test.pValue));
  return raw.map(({ variant, test }, i) => ({
    variant,
    reference,
    statistic: test.statistic,
    pValue: test.pValue,
    adjustedPValue: adjusted[i],
  }));
}

function assertCounts(counts: readonly VariantCounts[]): void {
  if (counts.length < 2) throw new AppError('invalid_input', 'A comparison needs at least two variants.');
  counts.forEach(({ successes, total }, index) => {
    const where = `Variant ${index + 1}`;
    if (!Number.isInteger(total) || total <= 0) {
      throw new AppError(
        'invalid_input',
        `${where} has no delivered messages yet (${total}); it cannot be compared until some are delivered.`,
      );
    }
    if (!Number.isInteger(successes) || successes < 0 || successes > total) {
      throw new AppError(
        'invalid_input',
        `${where} reports ${successes} successes out of ${total} delivered messages, which is impossible.`,
      );
    }
  });
}
