import { describe, expect, it } from 'vitest';
import { chiSquareTest, compareWithReference, holmAdjust, type VariantCounts } from '../../../shared/abtests';
import { isAppError } from '../../../shared/errors';

/**
 * Expected values from tests/unit/abtests/reference/scipy_reference.py: statistics computed exactly in rational
 * arithmetic (the fraction is given), p-values from scipy.stats.chi2_contingency, which agree with the closed-form
 * chi-square survival function for the table's degrees of freedom to 1e-15.
 */
const v = (...pairs: [number, number][]): VariantCounts[] => pairs.map(([successes, total]) => ({ successes, total }));

function expectNear(actual: number, expected: number, tolerance = 1e-9): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

interface Reference {
  name: string;
  counts: VariantCounts[];
  dof: number;
  statistic: number;
  pValue: number;
  /** SciPy's default chi2_contingency (Yates for 2×2), when it differs. */
  yates?: { statistic: number; pValue: number };
}

const references: Reference[] = [
  {
    // Hand check: pooled rate 75/200, expected 37.5 / 62.5 per variant, |O − E| = 7.5 in every cell:
    // 2·7.5²/37.5 + 2·7.5²/62.5 = 3 + 1.8 = 4.8; p = erfc(√2.4). With Yates |O − E| = 7: 1568/375.
    name: '2×2 30/100 vs 45/100',
    counts: v([30, 100], [45, 100]),
    dof: 1,
    statistic: 4.8,
    pValue: 0.028459736916310638,
    yates: { statistic: 1568 / 375, pValue: 0.04087153408900628 },
  },
  {
    name: '2×2 unequal sizes 48/400 vs 63/410',
    counts: v([48, 400], [63, 410]),
    dof: 1,
    statistic: 685584 / 353461,
    pValue: 0.1637085783793486,
    yates: { statistic: 9418761 / 5655376, pValue: 0.19686872192210697 },
  },
  {
    // |O − E| = 0.123 < 0.5: SciPy's Yates correction stops at the expected value, giving exactly 0.
    name: '2×2 almost equal 10/40 vs 10/41',
    counts: v([10, 40], [10, 41]),
    dof: 1,
    statistic: 81 / 20008,
    pValue: 0.9492673230194241,
    yates: { statistic: 0, pValue: 1 },
  },
  {
    name: '2×3 48/400, 63/410, 35/390 (p = exp(−x/2))',
    counts: v([48, 400], [63, 410], [35, 390]),
    dof: 2,
    statistic: 156992400 / 20505043,
    pValue: 0.0217500069024589,
  },
  {
    name: '2×4 12/150, 20/160, 9/140, 15/155',
    counts: v([12, 150], [20, 160], [9, 140], [15, 155]),
    dof: 3,
    statistic: 97445777 / 26685792,
    pValue: 0.30162608066194857,
  },
  {
    name: '2×5 20/250, 31/260, 25/240, 40/255, 18/245 (p = exp(−x/2)·(1 + x/2))',
    counts: v([20, 250], [31, 260], [25, 240], [40, 255], [18, 245]),
    dof: 4,
    statistic: 76647614375 / 6477647904,
    pValue: 0.018640248935659586,
  },
  {
    name: '2×2 with a zero cell 0/50 vs 7/60',
    counts: v([0, 50], [7, 60]),
    dof: 1,
    statistic: 1925 / 309,
    pValue: 0.012561980610043405,
    yates: { statistic: 38291 / 8652, pValue: 0.035401964276826695 },
  },
  {
    name: '2×3 with a zero cell 0/80, 5/80, 12/80',
    counts: v([0, 80], [5, 80], [12, 80]),
    dof: 2,
    statistic: 52320 / 3791,
    pValue: 0.0010072273274024635,
  },
  {
    name: 'identical rates 10/100, 20/200, 5/50',
    counts: v([10, 100], [20, 200], [5, 50]),
    dof: 2,
    statistic: 0,
    pValue: 1,
  },
];

describe('chiSquareTest against SciPy reference values', () => {
  for (const ref of references) {
    it(`${ref.name}: uncorrected statistic and p-value`, () => {
      const result = chiSquareTest(ref.counts);
      expect(result.dof).toBe(ref.dof);
      expect(result.yates).toBe(false);
      expectNear(result.statistic, ref.statistic);
      expectNear(result.pValue, ref.pValue);
    });
    if (ref.yates) {
      const yates = ref.yates;
      it(`${ref.name}: with Yates' correction, as SciPy's default`, () => {
        const result = chiSquareTest(ref.counts, { yates: true });
        expect(result.yates).toBe(true);
        expectNear(result.statistic, yates.statistic);
        expectNear(result.pValue, yates.pValue);
      });
    }
  }

  it('p-values follow the closed-form survival functions for 1, 2 and 4 degrees of freedom', () => {
    const erfcOfRoot = 0.028459736916310638; // erfc(√2.4), Python math.erfc
    expectNear(chiSquareTest(v([30, 100], [45, 100])).pValue, erfcOfRoot);
    const twoDof = chiSquareTest(v([48, 400], [63, 410], [35, 390]));
    expectNear(twoDof.pValue, Math.exp(-twoDof.statistic / 2));
    const fourDof = chiSquareTest(v([20, 250], [31, 260], [25, 240], [40, 255], [18, 245]));
    expectNear(fourDof.pValue, Math.exp(-fourDof.statistic / 2) * (1 + fourDof.statistic / 2));
  });

  it('ignores the Yates option beyond two variants', () => {
    const plain = chiSquareTest(v([48, 400], [63, 410], [35, 390]));
    const asked = chiSquareTest(v([48, 400], [63, 410], [35, 390]), { yates: true });
    expect(asked).toEqual(plain);
  });

  it('reads a table where nobody (or everybody) succeeded as no difference', () => {
    expect(chiSquareTest(v([0, 100], [0, 120]))).toEqual({ statistic: 0, dof: 1, pValue: 1, yates: false });
    expect(chiSquareTest(v([100, 100], [120, 120], [5, 5]))).toEqual({ statistic: 0, dof: 2, pValue: 1, yates: false });
  });

  it('refuses impossible counts with an actionable message', () => {
    for (const bad of [
      v([1, 10]),
      v([1, 0], [1, 10]),
      v([11, 10], [1, 10]),
      v([-1, 10], [1, 10]),
      v([1.5, 10], [1, 10]),
    ]) {
      let error: unknown;
      try {
        chiSquareTest(bad);
      } catch (e) {
        error = e;
      }
      expect(isAppError(error) && error.code).toBe('invalid_input');
    }
  });
});

describe('holmAdjust', () => {
  it('matches a hand-computed example where Holm rejects more than Bonferroni', () => {
    // Sorted 0.01, 0.02, 0.04 → ×3, ×2, ×1 = 0.03, 0.04, 0.04 (already non-decreasing). Bonferroni would give
    // 0.03, 0.06, 0.12 and reject only the first at α = 0.05; Holm rejects all three.
    const adjusted = holmAdjust([0.04, 0.01, 0.02]);
    [0.04, 0.03, 0.04].forEach((expected, i) => expectNear(adjusted[i], expected, 1e-15));
  });

  it('keeps adjusted values monotone and capped at 1', () => {
    // Sorted 0.01, 0.03, 0.04 → 0.03, 0.06, 0.04 → monotone: 0.03, 0.06, 0.06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    [0.03, 0.06, 0.06].forEach((expected, i) => expectNear(adjusted[i], expected, 1e-15));
    expect(holmAdjust([0.5, 0.7, 0.9])).toEqual([1, 1, 1]);
  });

  it('leaves a single comparison unchanged', () => {
    expect(holmAdjust([0.0123])).toEqual([0.0123]);
  });
});

describe('compareWithReference', () => {
  it('tests the reference against every other variant and Holm-adjusts the p-values', () => {
    const counts = v([48, 400], [63, 410], [35, 390]);
    const pairs = compareWithReference(counts, 1);
    expect(pairs.map((p) => p.variant)).toEqual([0, 2]);
    // Each pair is the plain 2×2 test of the two variants.
    expectNear(pairs[0].statistic, chiSquareTest([counts[1], counts[0]]).statistic);
    expectNear(pairs[0].pValue, 0.1637085783793486);
    const raw = pairs.map((p) => p.pValue);
    expect(pairs.map((p) => p.adjustedPValue)).toEqual(holmAdjust(raw));
    expect(pairs[1].adjustedPValue).toBeCloseTo(2 * Math.min(...raw), 15);
  });

  it('refuses a reference that is not one of the variants', () => {
    expect(() => compareWithReference(v([1, 10], [2, 10]), 2)).toThrow(/no variant number 3/);
  });
});
