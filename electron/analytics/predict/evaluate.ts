import { normalQuantile } from '../../../shared/abtests/distributions';

/**
 * How well scores rank what happened. AUC is the Mann–Whitney probability that a random positive outscores a random
 * negative (ties count a half), computed from ranks in O(n log n); its standard error is Hanley & McNeil's (1982).
 */
export function auc(scores: readonly number[], labels: readonly (0 | 1)[]): number | null {
  const positives = labels.reduce<number>((s, y) => s + y, 0);
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const order = scores.map((s, i) => ({ s, y: labels[i] })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j].s === order[i].s) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (order[k].y === 1) rankSum += midRank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** The lower end of the AUC's two-sided 95 % interval (Hanley–McNeil standard error). */
export function aucLowerBound(value: number, positives: number, negatives: number, confidence = 0.95): number {
  const q1 = value / (2 - value);
  const q2 = (2 * value * value) / (1 + value);
  const variance =
    (value * (1 - value) + (positives - 1) * (q1 - value * value) + (negatives - 1) * (q2 - value * value)) /
    (positives * negatives);
  return value - normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt(Math.max(0, variance));
}

/** Mean log loss of probabilities against outcomes (clamped away from 0 and 1). */
export function logLoss(probabilities: readonly number[], labels: readonly (0 | 1)[]): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, probabilities[i]));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / Math.max(1, labels.length);
}
