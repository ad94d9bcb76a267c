import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc, aucLowerBound, logLoss } from '../../../electron/analytics/predict/evaluate';
import { fitLogistic, predictProbability, solveSymmetric } from '../../../electron/analytics/predict/logistic';

describe('logistic regression', () => {
  it('finds the same weights as a general-purpose optimiser on the same penalised likelihood', () => {
    // Reference: scipy.optimize.minimize(BFGS, gtol 1e-12) of −(Σ y·z − log(1 + e^z)) + ½·Σ w[1:]² over these rows
    // standardised by their mean and population standard deviation (SciPy 1.17.1, NumPy 2.4.6).
    const x = [
      [0.5, 1.2],
      [1.5, -0.3],
      [2.0, 0.8],
      [-1.0, 0.1],
      [0.0, -1.5],
      [3.1, 2.2],
      [-0.7, 0.9],
      [1.1, 1.1],
      [2.4, -0.8],
      [-1.8, -0.4],
      [0.9, 0.3],
      [1.7, 1.9],
    ];
    const y = [0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1] as const;
    const m = fitLogistic(x, [...y], { l2: 1 });
    expect(m.converged).toBe(true);
    expect(m.weights[0]).toBeCloseTo(-0.056601075479566776, 6);
    expect(m.weights[1]).toBeCloseTo(1.5041871723453408, 6);
    expect(m.weights[2]).toBeCloseTo(0.2800292442237664, 6);
  });

  it('recovers a known effect from a large simulated sample', () => {
    let seed = 1;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const rows: number[][] = [];
    const labels: (0 | 1)[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = rnd() * 2 - 1;
      const b = rnd() * 2 - 1;
      const p = 1 / (1 + Math.exp(-(-1 + 2 * a)));
      rows.push([a, b]);
      labels.push(rnd() < p ? 1 : 0);
    }
    const m = fitLogistic(rows, labels, { l2: 0.001 });
    // Back on the raw scale: weight ÷ the feature's standard deviation.
    expect(m.weights[1] / m.scales[0]).toBeCloseTo(2, 0);
    expect(Math.abs(m.weights[2] / m.scales[1])).toBeLessThan(0.15);
    expect(predictProbability(m, [0.5, 0])).toBeCloseTo(0.5, 1);
  });

  it('solves symmetric positive-definite systems', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }), {
          minLength: 3,
          maxLength: 3,
        }),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (m, b) => {
          // AᵀA + I is symmetric positive definite for any A.
          const a = [0, 1, 2].map((i) =>
            [0, 1, 2].map((j) => m.reduce((s, r) => s + r[i] * r[j], 0) + (i === j ? 1 : 0)),
          );
          const x = solveSymmetric(a, b);
          for (let i = 0; i < 3; i++) expect(a[i].reduce((s, v, j) => s + v * x[j], 0)).toBeCloseTo(b[i], 6);
        },
      ),
    );
  });
});

describe('holdout measures', () => {
  it('computes AUC as the Mann–Whitney statistic, ties counting a half', () => {
    // scipy.stats.mannwhitneyu(pos, neg).statistic / (n_pos · n_neg) = 0.90625 for these scores.
    expect(auc([0.1, 0.4, 0.35, 0.8, 0.35, 0.9, 0.2, 0.6], [0, 0, 1, 1, 0, 1, 0, 1])).toBe(0.90625);
    expect(auc([0.1, 0.2], [1, 1])).toBeNull();
  });

  it('is 0.5 for scores that carry no information, and its lower bound falls below 0.5', () => {
    expect(auc([0.3, 0.3, 0.3, 0.3], [0, 1, 0, 1])).toBe(0.5);
    expect(aucLowerBound(0.52, 100, 400)).toBeLessThan(0.5);
    expect(aucLowerBound(0.8, 100, 400)).toBeGreaterThan(0.7);
  });

  it('scores a perfect forecast better than the base rate', () => {
    expect(logLoss([0.99, 0.01], [1, 0])).toBeLessThan(logLoss([0.5, 0.5], [1, 0]));
  });
});
