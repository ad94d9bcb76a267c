import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { plannedSampleSize, sampleGuidance, smallestDetectableLift } from '../../../shared/abtests';

/**
 * Reference values from the two-proportion planning formula computed independently with Python's
 * statistics.NormalDist (α = 0.05 two-sided, power 0.8):
 *   n(10 % vs 15 %) = 685.60 → 686; n(50 % vs 60 %) = 387.34 → 388; n(5 % vs 10 %) = 434.43 → 435;
 *   smallest detectable lift with 500 per variant at 5 %: 0.92091; with 1000 at 20 %: 0.26193; with 32 at 5 %: 5.3161.
 */
describe('A/B sample guidance', () => {
  it('matches the reference sample sizes and detectable lifts', () => {
    expect(plannedSampleSize({ baselineRate: 0.1, minimumDetectableLift: 0.5 })).toBe(686);
    expect(plannedSampleSize({ baselineRate: 0.5, minimumDetectableLift: 0.2 })).toBe(388);
    expect(plannedSampleSize({ baselineRate: 0.05, minimumDetectableLift: 1 })).toBe(435);
    expect(smallestDetectableLift(500, 0.05, 0.95)).toBeCloseTo(0.92091, 4);
    expect(smallestDetectableLift(1000, 0.2, 0.95)).toBeCloseTo(0.26193, 4);
    expect(smallestDetectableLift(32, 0.05, 0.95)).toBeCloseTo(5.3161, 3);
    expect(smallestDetectableLift(2, 0.5, 0.95)).toBeNull();
    expect(smallestDetectableLift(0, 0.05, 0.95)).toBeNull();
  });

  it('says a 68-contact A/B test cannot reach 100 per variant, and how many contacts it would need', () => {
    const g = sampleGuidance({
      audience: 68,
      split: [50, 50],
      expectedRate: 0.05,
      deliveryRate: 0.95,
      confidence: 0.95,
      minSamplePerVariant: 100,
    });
    expect(g).toMatchObject({ perVariant: 32, canDecide: false, audienceNeeded: 211 });
    expect(g.detectable?.rate).toBeCloseTo(0.05 * (1 + 5.3161), 3);
  });

  it('counts only the tested part and the smallest variant', () => {
    const g = sampleGuidance({
      audience: 5000,
      split: [30, 70],
      testPercent: 20,
      expectedRate: 0.05,
      deliveryRate: 1,
      confidence: 0.95,
      minSamplePerVariant: 100,
    });
    expect(g).toMatchObject({ perVariant: 300, canDecide: true, audienceNeeded: 1667 });
  });

  it('a bigger sample never detects a bigger difference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 20_000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0.01, max: 0.6, noNaN: true }),
        (n, extra, rate) => {
          const small = smallestDetectableLift(n, rate, 0.95);
          const large = smallestDetectableLift(n + extra, rate, 0.95);
          if (small === null) return true;
          return large !== null && large <= small + 1e-9;
        },
      ),
      { numRuns: 60 },
    );
  });
});
