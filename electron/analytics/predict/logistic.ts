/**
 * A small L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares).
 * Few features (a dozen) and up to a few hundred thousand rows: each step is one pass building the d×d Hessian and a
 * Cholesky solve, and it converges in under ten steps. Features should be standardised (see `standardise`) so one
 * penalty suits them all; the intercept is not penalised.
 */
export interface LogisticModel {
  /** intercept first, then one weight per feature (on the standardised scale) */
  weights: number[];
  means: number[];
  scales: number[];
  iterations: number;
  converged: boolean;
}

export interface FitOptions {
  /** L2 penalty per unit of weight² (as a ridge in the log-likelihood), default 1. */
  l2?: number;
  maxIterations?: number;
  tolerance?: number;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Column means and standard deviations (a constant column keeps scale 1, so it contributes nothing). */
export function standardise(rows: readonly (readonly number[])[]): { means: number[]; scales: number[] } {
  const d = rows[0]?.length ?? 0;
  const means = new Array<number>(d).fill(0);
  const scales = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) means[j] += r[j];
  for (let j = 0; j < d; j++) means[j] /= Math.max(1, rows.length);
  for (const r of rows) for (let j = 0; j < d; j++) scales[j] += (r[j] - means[j]) ** 2;
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(scales[j] / Math.max(1, rows.length));
    scales[j] = sd > 1e-12 ? sd : 1;
  }
  return { means, scales };
}

function design(row: readonly number[], means: readonly number[], scales: readonly number[]): number[] {
  const x = [1];
  for (let j = 0; j < row.length; j++) x.push((row[j] - means[j]) / scales[j]);
  return x;
}

export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly (0 | 1)[],
  options: FitOptions = {},
): LogisticModel {
  if (rows.length !== labels.length || rows.length === 0)
    throw new Error('fitLogistic needs as many labels as rows, and at least one row');
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  const { means, scales } = standardise(rows);
  const xs = rows.map((r) => design(r, means, scales));
  const p = xs[0].length;
  const w = new Array<number>(p).fill(0);
  let converged = false;
  let iterations = 0;
  for (; iterations < maxIterations && !converged; iterations++) {
    const gradient = new Array<number>(p).fill(0);
    const hessian = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      let z = 0;
      for (let j = 0; j < p; j++) z += w[j] * x[j];
      const mu = sigmoid(z);
      const r = labels[i] - mu;
      const v = Math.max(mu * (1 - mu), 1e-12);
      for (let j = 0; j < p; j++) {
        gradient[j] += r * x[j];
        const vx = v * x[j];
        for (let k = 0; k <= j; k++) hessian[j][k] += vx * x[k];
      }
    }
    for (let j = 1; j < p; j++) {
      gradient[j] -= l2 * w[j];
      hessian[j][j] += l2;
    }
    hessian[0][0] += 1e-9;
    for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) hessian[j][k] = hessian[k][j];
    const step = solveSymmetric(hessian, gradient);
    let change = 0;
    for (let j = 0; j < p; j++) {
      w[j] += step[j];
      change = Math.max(change, Math.abs(step[j]));
    }
    converged = change < tolerance;
  }
  return { weights: w, means, scales, iterations, converged };
}

export function predictProbability(model: LogisticModel, row: readonly number[]): number {
  const x = design(row, model.means, model.scales);
  let z = 0;
  for (let j = 0; j < x.length; j++) z += model.weights[j] * x[j];
  return sigmoid(z);
}

/** Solves A·x = b for a symmetric positive-definite A (Cholesky). */
export function solveSymmetric(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (sum <= 0) throw new Error('The matrix is not positive definite');
        l[i][i] = Math.sqrt(sum);
      } else l[i][j] = sum / l[j][j];
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i][k] * y[k];
    y[i] = sum / l[i][i];
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < n; k++) sum -= l[k][i] * x[k];
    x[i] = sum / l[i][i];
  }
  return x;
}
