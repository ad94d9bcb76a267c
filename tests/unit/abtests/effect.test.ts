import { describe, expect, it } from 'vitest';
import { compareRates, wilsonInterval } from '../../../shared/abtests';

/**
 * Wilson and Newcombe values: tests/unit/abtests/reference/scipy_reference.py, which reproduces the published
 * 4-decimal tables of Newcombe (1998) — e.g. 81/263 → 0.2553–0.3662 and 56/70 − 48/80 → 0.0524–0.3339.
 * Relative-risk intervals: scipy.stats.contingency.relative_risk(...).confidence_interval(0.95).
 */
function expectNear(actual: number, expected: number, tolerance = 1e-9): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('wilsonInterval', () => {
  const cases: [number, number, number, number][] = [
    [81, 263, 0.2552885198782742, 0.36620957698280004],
    [15, 148, 0.0623863995307363, 0.16048724172330803],
    [0, 20, 0, 0.16112515805281938],
    [1, 29, 0.006113214292762653, 0.17175521879320288],
    [29, 29, 0.8830302015002593, 1],
  ];
  for (const [successes, total, low, high] of cases) {
    it(`${successes}/${total} → ${low.toFixed(4)}–${high.toFixed(4)}`, () => {
      const interval = wilsonInterval(successes, total);
      expect(interval.rate).toBe(successes / total);
      expectNear(interval.low, low);
      expectNear(interval.high, high);
    });
  }

  it('narrows at a lower confidence (90%: 45/100 → 0.3706–0.5321)', () => {
    const interval = wilsonInterval(45, 100, 0.9);
    expectNear(interval.low, 0.370560970694454);
    expectNear(interval.high, 0.5320733013838636);
  });

  it('refuses a rate it cannot estimate', () => {
    expect(() => wilsonInterval(1, 0)).toThrow(/not a rate/);
    expect(() => wilsonInterval(5, 4)).toThrow(/not a rate/);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(/between 0 and 1/);
  });
});

describe('compareRates: Newcombe hybrid score interval for the difference', () => {
  const cases: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.052431472402365065, 0.333872654036906],
    [9, 10, 3, 10, 0.17052272393450302, 0.8090179735354881],
    [6, 7, 2, 7, 0.0582279274823122, 0.8062496375242277],
    [5, 56, 0, 29, -0.03813714790353688, 0.19256001385511162],
    [0, 10, 0, 20, -0.16112515805281938, 0.2775327998628892],
    [0, 10, 0, 10, -0.2775327998628892, 0.2775327998628892],
    [10, 10, 0, 20, 0.6790860371419147, 1],
  ];
  for (const [x1, n1, x2, n2, low, high] of cases) {
    it(`${x1}/${n1} − ${x2}/${n2} → ${low.toFixed(4)} to ${high.toFixed(4)}`, () => {
      const { difference } = compareRates({ successes: x1, total: n1 }, { successes: x2, total: n2 });
      expectNear(difference.estimate, x1 / n1 - x2 / n2);
      expectNear(difference.low, low);
      expectNear(difference.high, high);
    });
  }
});

describe('compareRates: relative lift with the Katz log interval', () => {
  it('45/100 vs 30/100 → +50%, risk ratio interval 1.0365–2.1707 as SciPy gives', () => {
    const lift = compareRates({ successes: 45, total: 100 }, { successes: 30, total: 100 }).relativeLift!;
    expectNear(lift.estimate, 0.5);
    expectNear(lift.low, 1.0365426031550768 - 1);
    expectNear(lift.high, 2.1706777831912984 - 1);
  });

  it('63/410 vs 48/400 → interval spanning no change (0.9029–1.8159)', () => {
    const lift = compareRates({ successes: 63, total: 410 }, { successes: 48, total: 400 }).relativeLift!;
    expectNear(lift.estimate, 1.2804878048780488 - 1);
    expectNear(lift.low, 0.9029474417367295 - 1);
    expectNear(lift.high, 1.8158853357928593 - 1);
  });

  it('has no relative lift when either variant has no successes', () => {
    expect(compareRates({ successes: 5, total: 100 }, { successes: 0, total: 100 }).relativeLift).toBeNull();
    expect(compareRates({ successes: 0, total: 100 }, { successes: 5, total: 100 }).relativeLift).toBeNull();
  });
});
