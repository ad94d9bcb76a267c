/**
 * The probability distributions behind the A/B statistics, all from jStat (a maintained library) so p-values
 * are not home-made. Kept in one file so the jStat interop lives in one place.
 */
import jStatPackage from 'jstat';

const { jStat } = jStatPackage;

/**
 * P(X ≥ x) for a chi-square variable with `dof` degrees of freedom: the p-value of a chi-square statistic.
 * jStat gives the CDF (the regularised lower incomplete gamma function, accurate to about 1e-12); the survival
 * function is its complement, so p-values below about 1e-15 come out as 0 — far beyond anything a report shows.
 */
export function chiSquarePValue(statistic: number, dof: number): number {
  if (statistic <= 0) return 1;
  return Math.min(1, Math.max(0, 1 - jStat.chisquare.cdf(statistic, dof)));
}

/** Φ(z), the standard normal CDF. */
export function normalCdf(z: number): number {
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  return jStat.normal.cdf(z, 0, 1);
}

/** Φ⁻¹(p), the standard normal quantile; ±Infinity at 0 and 1. */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  // jStat's inverse is most accurate in the lower tail; mirror upper-tail requests so tiny tails keep precision.
  return p > 0.5 ? -jStat.normal.inv(1 - p, 0, 1) : jStat.normal.inv(p, 0, 1);
}

/** The upper-tail normal quantile for a tail probability that may be far smaller than 1e-16. */
export function normalUpperQuantile(tail: number): number {
  if (tail <= 0) return Infinity;
  if (tail >= 1) return -Infinity;
  return -jStat.normal.inv(tail, 0, 1);
}
