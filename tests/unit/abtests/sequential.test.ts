import { describe, expect, it } from 'vitest';
import {
  MIN_LOOK_SPACING,
  informationFraction,
  planLook,
  plannedSampleSize,
  sequentialBoundaries,
  spentAlpha,
} from '../../../shared/abtests';

/**
 * Boundary references: tests/unit/abtests/reference/scipy_reference.py solves each boundary from multivariate
 * normal rectangle probabilities (SciPy's Genz integration) — a different method from the grid recursion under
 * test. The 5-look values also match gsDesign's published sfLDOF boundaries 4.877, 3.357, 2.680, 2.290, 2.031.
 */
function expectNear(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('spentAlpha (Lan–DeMets O’Brien–Fleming type)', () => {
  it('spends almost nothing early and exactly α at the end', () => {
    expect(spentAlpha(0, 0.05)).toBe(0);
    expect(spentAlpha(1, 0.05)).toBe(0.05);
    expectNear(spentAlpha(0.5, 0.05), 0.0030506455159778224, 1e-12);
    expectNear(spentAlpha(0.2, 0.05), 1.0777425258117499e-6, 1e-14);
  });

  it('never decreases', () => {
    let previous = 0;
    for (let t = 0.01; t <= 1; t += 0.01) {
      const spent = spentAlpha(t, 0.05);
      expect(spent).toBeGreaterThanOrEqual(previous);
      previous = spent;
    }
  });
});

describe('sequentialBoundaries', () => {
  it('reproduces the 5 equally spaced looks of gsDesign (4.877, 3.357, 2.680, 2.290, 2.031)', () => {
    const reference = [
      4.8768849487982955, 3.357011921578432, 2.6802800683635613, 2.2898167526926443, 2.031032028166811,
    ];
    const looks = sequentialBoundaries([0.2, 0.4, 0.6, 0.8, 1]);
    looks.forEach((look, i) => expectNear(look.boundaryZ, reference[i], 1e-5));
    expect(looks.map((l) => l.fraction)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(looks[4].spentAlpha).toBe(0.05);
  });

  it('matches independent references for two looks and for unequal spacing', () => {
    sequentialBoundaries([0.5, 1]).forEach((look, i) =>
      expectNear(look.boundaryZ, [2.962588042727568, 1.9685956405986844][i], 1e-5),
    );
    sequentialBoundaries([0.3, 0.65, 1]).forEach((look, i) =>
      expectNear(look.boundaryZ, [3.9285725426257785, 2.547899552796518, 1.9896975487910304][i], 1e-5),
    );
  });

  it('with a single final look is the ordinary two-sided test', () => {
    const [only] = sequentialBoundaries([1]);
    expectNear(only.boundaryZ, 1.959963984540054, 1e-9);
    expectNear(only.nominalAlpha, 0.05, 1e-12);
  });

  it('expresses each boundary as the p-value threshold of that look', () => {
    const looks = sequentialBoundaries([0.5, 1]);
    // The first look can only spend what the function allows by then.
    expectNear(looks[0].nominalAlpha, spentAlpha(0.5, 0.05), 1e-12);
    expect(looks[1].nominalAlpha).toBeLessThan(0.05);
    expect(looks[1].nominalAlpha).toBeGreaterThan(0.045);
  });

  it('refuses a damaged look history', () => {
    expect(() => sequentialBoundaries([0.5, 0.4])).toThrow(/out of order/);
    expect(() => sequentialBoundaries([0, 1])).toThrow(/out of order/);
    expect(() => sequentialBoundaries([0.5, 1.2])).toThrow(/out of order/);
  });
});

describe('planLook', () => {
  it('takes a first look at any information, then only after MIN_LOOK_SPACING more', () => {
    const first = planLook([], 0.12);
    expect(first).toEqual({ isNewLook: true, mayTest: true, looks: [0.12], nextLookAt: 0.12 + MIN_LOOK_SPACING });
    expect(planLook([0.12], 0.15)).toEqual({
      isNewLook: false,
      mayTest: false,
      looks: [0.12],
      nextLookAt: 0.12 + MIN_LOOK_SPACING,
    });
    expect(planLook([0.12], 0.2).looks).toEqual([0.12, 0.2]);
  });

  it('waits for the final look near the end, and takes it once at full information', () => {
    expect(planLook([0.9], 0.97)).toEqual({ isNewLook: false, mayTest: false, looks: [0.9], nextLookAt: 1 });
    expect(planLook([0.6], 0.97)).toEqual({ isNewLook: false, mayTest: false, looks: [0.6], nextLookAt: 1 });
    expect(planLook([0.9], 1)).toEqual({ isNewLook: true, mayTest: true, looks: [0.9, 1], nextLookAt: null });
    // After the final look the data no longer grows: reopening the report re-reads the same final look.
    expect(planLook([0.9, 1], 1)).toEqual({ isNewLook: false, mayTest: true, looks: [0.9, 1], nextLookAt: null });
  });
});

describe('informationFraction', () => {
  it('follows the variant with the fewest delivered messages and stops at 1', () => {
    expect(informationFraction([500, 300, 800], 1000)).toBe(0.3);
    expect(informationFraction([1500, 1200], 1000)).toBe(1);
  });
});

describe('plannedSampleSize', () => {
  it('gives the textbook 199 per group for 10% vs 20% (α 0.05, power 0.8)', () => {
    // (1.96·√(2·0.15·0.85) + 0.8416·√(0.09 + 0.16))² / 0.1² = 198.96 → 199.
    expect(plannedSampleSize({ baselineRate: 0.1, minimumDetectableLift: 1 })).toBe(199);
  });

  it('matches the reference formula for realistic SMS rates', () => {
    expect(plannedSampleSize({ baselineRate: 0.05, minimumDetectableLift: 0.2 })).toBe(8158); // 8157.73
    expect(plannedSampleSize({ baselineRate: 0.05, minimumDetectableLift: 0.2, power: 0.9 })).toBe(10921); // 10920.39
    // Three variants: the winner faces two comparisons, so each gets α/2.
    expect(plannedSampleSize({ baselineRate: 0.05, minimumDetectableLift: 0.2, comparisons: 2 })).toBe(9880); // 9879.19
    // 20% → 10% fewer opt-outs: 2% → 1%.
    expect(plannedSampleSize({ baselineRate: 0.02, minimumDetectableLift: -0.5 })).toBe(2319); // 2318.16
  });

  it('refuses a plan that cannot work', () => {
    expect(() => plannedSampleSize({ baselineRate: 0, minimumDetectableLift: 0.2 })).toThrow(/expected rate/);
    expect(() => plannedSampleSize({ baselineRate: 0.6, minimumDetectableLift: 1 })).toThrow(/change to detect/);
    expect(() => plannedSampleSize({ baselineRate: 0.1, minimumDetectableLift: 0 })).toThrow(/change to detect/);
    expect(() => plannedSampleSize({ baselineRate: 0.1, minimumDetectableLift: 0.2, comparisons: 0 })).toThrow(
      /comparisons/,
    );
  });
});
