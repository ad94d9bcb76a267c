/**
 * Guarding A/B verdicts against peeking. Checking a running test again and again and stopping at the first
 * "significant" result finds a false winner far more often than 5 %. Two designs are offered:
 *
 * - Fixed horizon: plan the sample size per variant up front (`plannedSampleSize`), give no verdict before every
 *   variant reached it, then test once at the full α.
 * - Group-sequential (what the A/B report uses): a verdict may come at any check ("look"), but each look uses a
 *   stricter threshold from the Lan–DeMets O'Brien–Fleming-type alpha-spending function, so the chance of a false
 *   winner over all looks together stays at α however many looks there are and whenever they happen — provided
 *   the caller stores the looks this module returns. Early looks need overwhelming evidence; the last one needs
 *   about what a single test would (z ≈ 2.03 instead of 1.96 with five looks).
 *
 * Boundaries are computed exactly (up to numerical integration) with the recursive method of Armitage, McPherson
 * & Rowe: the score S = Z·√t behaves as Brownian motion in information time t, so its density among tests not
 * yet stopped is carried from look to look on a grid with Simpson's rule.
 */
import { AppError } from '../errors';
import { normalCdf, normalQuantile, normalUpperQuantile } from './distributions';

/** Interim looks are at least this far apart in information time, so the report cannot spend α in crumbs. */
export const MIN_LOOK_SPACING = 0.05;

export interface SampleSizeInput {
  /** The rate expected without a change, e.g. 0.05 for 5 % replies. */
  baselineRate: number;
  /** Smallest relative change worth detecting: 0.2 = 20 % more, -0.2 = 20 % fewer (opt-outs). */
  minimumDetectableLift: number;
  /** Two-sided false-positive rate; 0.05 by default. */
  alpha?: number;
  /** Chance of detecting the lift when it is real; 0.8 by default. */
  power?: number;
  /** Comparisons sharing α: with k variants the winner is compared with k − 1 others (Bonferroni, conservative). */
  comparisons?: number;
}

/**
 * Delivered messages needed per variant, from the standard two-proportion formula (normal approximation, no
 * continuity correction — matching the uncorrected chi-square the verdict uses):
 * n = (z₁₋α/₂·√(2·p̄(1−p̄)) + z₁₋β·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₁ − p₂)², with α divided over the comparisons.
 */
export function plannedSampleSize(input: SampleSizeInput): number {
  const { baselineRate: p1, minimumDetectableLift: lift, alpha = 0.05, power = 0.8, comparisons = 1 } = input;
  const p2 = p1 * (1 + lift);
  if (!(p1 > 0 && p1 < 1))
    throw new AppError('invalid_input', `The expected rate must be between 0% and 100%; got ${p1 * 100}%.`);
  if (!(lift > -1 && lift !== 0 && p2 < 1)) {
    throw new AppError(
      'invalid_input',
      'The change to detect must be a real change that keeps the rate between 0% and 100% (for example 0.2 for 20% more).',
    );
  }
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1))
    throw new AppError('invalid_input', 'Significance level and power must be between 0 and 1.');
  if (!(Number.isInteger(comparisons) && comparisons >= 1))
    throw new AppError('invalid_input', 'The number of comparisons must be a whole number of at least 1.');
  const zAlpha = normalQuantile(1 - alpha / comparisons / 2);
  const zPower = normalQuantile(power);
  const pooled = (p1 + p2) / 2;
  const numerator = zAlpha * Math.sqrt(2 * pooled * (1 - pooled)) + zPower * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((numerator * numerator) / ((p1 - p2) * (p1 - p2)) - 1e-9);
}

/** How far the test is, from 0 to 1: the smallest variant's delivered count over the planned count. */
export function informationFraction(deliveredPerVariant: readonly number[], plannedPerVariant: number): number {
  if (!(plannedPerVariant > 0))
    throw new AppError('invalid_input', 'The planned sample per variant must be at least 1.');
  return Math.min(1, Math.max(0, Math.min(...deliveredPerVariant) / plannedPerVariant));
}

/**
 * Cumulative two-sided α spent by information time t: 4·(1 − Φ(z₁₋α/₄ / √t)), i.e. each side spends
 * 2·(1 − Φ(z₁₋α/₄ / √t)) — the O'Brien–Fleming-type function of Lan & DeMets (1983) in the form gsDesign calls
 * `sfLDOF` for a symmetric two-sided test. It is α at t = 1 and almost nothing early on.
 */
export function spentAlpha(fraction: number, alpha: number): number {
  if (fraction <= 0) return 0;
  if (fraction >= 1) return alpha;
  return 4 * normalCdf(-normalUpperQuantile(alpha / 4) / Math.sqrt(fraction));
}

export interface LookBoundary {
  fraction: number;
  /** α spent up to and including this look. */
  spentAlpha: number;
  /** Reject when |z| ≥ boundaryZ (Infinity: this look cannot reject). */
  boundaryZ: number;
  /** The same threshold as a two-sided p-value: significant when p < nominalAlpha. */
  nominalAlpha: number;
}

const cache = new Map<string, LookBoundary[]>();
const CACHE_SIZE = 64;

/** Two-sided boundaries for looks at the given increasing information fractions in (0, 1]. */
export function sequentialBoundaries(fractions: readonly number[], alpha = 0.05): LookBoundary[] {
  assertLookHistory(fractions);
  if (!(alpha > 0 && alpha < 1))
    throw new AppError('invalid_input', `The significance level must be between 0 and 1; got ${alpha}.`);
  const key = `${alpha}|${fractions.join(',')}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const result = computeBoundaries(fractions, alpha);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

interface Grid {
  points: Float64Array;
  /** Simpson weight × sub-density of S among tests that have not stopped yet. */
  mass: Float64Array;
}

function computeBoundaries(fractions: readonly number[], alpha: number): LookBoundary[] {
  const looks: LookBoundary[] = [];
  let grid: Grid | null = null;
  let previousFraction = 0;
  let previousSpent = 0;
  fractions.forEach((fraction, j) => {
    const spent = spentAlpha(fraction, alpha);
    const increment = spent - previousSpent;
    const root = Math.sqrt(fraction);
    const step = Math.sqrt(fraction - previousFraction);
    const boundaryS: number =
      grid === null ? normalUpperQuantile(increment / 2) * root : solveBoundary(grid, step, increment);
    const boundaryZ = boundaryS / root;
    looks.push({ fraction, spentAlpha: spent, boundaryZ, nominalAlpha: Math.min(1, 2 * normalCdf(-boundaryZ)) });
    if (j < fractions.length - 1) {
      const nextStep = Math.sqrt(fractions[j + 1] - fraction);
      // Beyond 8 standard deviations of S the density is below 1e-15: covering it adds nothing.
      const halfWidth = Math.min(boundaryS, 8 * root);
      grid = propagate(grid, step, root, halfWidth, Math.max(0.001, Math.min(0.05, nextStep / 8)));
    }
    previousFraction = fraction;
    previousSpent = spent;
  });
  return looks;
}

/** Probability that a test still running crosses ±b on the score scale at the next look. */
function crossing(grid: Grid, step: number, b: number): number {
  let total = 0;
  for (let i = 0; i < grid.points.length; i++) {
    const s = grid.points[i];
    total += grid.mass[i] * (normalCdf((-b - s) / step) + normalCdf((s - b) / step));
  }
  return total;
}

function solveBoundary(grid: Grid, step: number, increment: number): number {
  if (increment <= 1e-15) return Infinity;
  const edge = grid.points[grid.points.length - 1];
  let low = 0;
  let high = edge + 40 * step;
  if (crossing(grid, step, low) <= increment) return 0;
  // Crossing probability falls as b grows; 100 halvings reach double precision from any bracket used here.
  for (let i = 0; i < 100 && high - low > 1e-12; i++) {
    const middle = (low + high) / 2;
    if (crossing(grid, step, middle) > increment) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

function propagate(previous: Grid | null, step: number, root: number, halfWidth: number, spacing: number): Grid {
  const intervals = Math.max(2, 2 * Math.ceil(halfWidth / spacing));
  const h = (2 * halfWidth) / intervals;
  const points = new Float64Array(intervals + 1);
  const mass = new Float64Array(intervals + 1);
  for (let m = 0; m <= intervals; m++) {
    const u = -halfWidth + m * h;
    let density = 0;
    if (previous === null) {
      density = gaussian(u / root) / root;
    } else {
      for (let i = 0; i < previous.points.length; i++)
        density += previous.mass[i] * gaussian((u - previous.points[i]) / step);
      density /= step;
    }
    const simpson = m === 0 || m === intervals ? 1 : m % 2 === 1 ? 4 : 2;
    points[m] = u;
    mass[m] = ((simpson * h) / 3) * density;
  }
  return { points, mass };
}

function gaussian(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

export interface LookPlan {
  /** Whether this check is a new look (the caller must store `looks`). */
  isNewLook: boolean;
  /** Whether this check may test: a new look, or a repeat after the final look (the data no longer changes). */
  mayTest: boolean;
  /** The look history to store, including this look when it is new. */
  looks: number[];
  /** The information fraction of the next look, or null once the final look happened. */
  nextLookAt: number | null;
}

/**
 * Whether the current check counts as a look. A look is taken when the information grew by MIN_LOOK_SPACING
 * since the previous one; between 1 − MIN_LOOK_SPACING and 1 the test waits for the final look at 1, so every
 * look is well separated (which also keeps the numerical integration accurate).
 */
export function planLook(previousLooks: readonly number[], fraction: number): LookPlan {
  assertLookHistory(previousLooks);
  const looks = [...previousLooks];
  const last = looks.length > 0 ? looks[looks.length - 1] : 0;
  if (last >= 1) return { isNewLook: false, mayTest: true, looks, nextLookAt: null };
  if (fraction >= 1) return { isNewLook: true, mayTest: true, looks: [...looks, 1], nextLookAt: null };
  const latestInterim = 1 - MIN_LOOK_SPACING + 1e-12;
  const following = (at: number) => (at + MIN_LOOK_SPACING > latestInterim ? 1 : at + MIN_LOOK_SPACING);
  const earliest = looks.length === 0 ? 0 : following(last);
  if (fraction > 0 && fraction >= earliest - 1e-12 && fraction <= latestInterim) {
    return { isNewLook: true, mayTest: true, looks: [...looks, fraction], nextLookAt: following(fraction) };
  }
  return { isNewLook: false, mayTest: false, looks, nextLookAt: fraction > latestInterim ? 1 : earliest };
}

/** Throws when a stored look history is not increasing information fractions in (0, 1]. */
export function assertLookHistory(fractions: readonly number[]): void {
  fractions.forEach((fraction, i) => {
    if (!(fraction > 0 && fraction <= 1) || (i > 0 && fraction <= fractions[i - 1])) {
      throw new AppError(
        'invalid_input',
        'The stored A/B test checks are out of order or outside 0–1; the test history is damaged.',
      );
    }
  });
}
