import { describe, expect, it } from 'vitest';
import { compareGroups } from '../../../shared/analytics/insights/compare';

/**
 * Reference values from SciPy 1.17.1, `scipy.stats.chi2_contingency(table, correction=False)` on the
 * [[successes, failures], …] table of each case (statistic, dof, pvalue), computed outside this code base.
 */
describe('segment comparison', () => {
  it('matches SciPy on three groups, and says the leader is not clearly ahead when Holm says so', () => {
    const r = compareGroups(
      [
        { name: 'Regulars', delivered: 200, successes: 30 },
        { name: 'VIP', delivered: 200, successes: 45 },
        { name: 'Walk-ins', delivered: 200, successes: 22 },
      ],
      'replied',
    );
    expect(r.test.statistic).toBeCloseTo(10.059232235453258, 9);
    expect(r.test.dof).toBe(2);
    expect(r.test.pValue).toBeCloseTo(0.0065413211858755555, 9);
    // VIP vs Regulars p = 0.05466393589167511, VIP vs Walk-ins p = 0.0020725902247044313 (SciPy, 2×2, no correction);
    // Holm: the larger stays 0.0547 > 0.05, so VIP is not clearly ahead of Regulars.
    expect(r.leader).toBeNull();
    expect(r.verdict).toBe(
      'The groups differ in replies (p = 0.0065), but VIP is not clearly ahead of Regulars (23% against 15%).',
    );
    expect(r.groups.map((g) => g.rate)).toEqual([0.15, 0.225, 0.11]);
  });

  it('matches SciPy on two groups and names the winner in one sentence', () => {
    const r = compareGroups(
      [
        { name: 'Newsletter', delivered: 200, successes: 12 },
        { name: 'Shop visitors', delivered: 200, successes: 25 },
      ],
      'clicked',
    );
    expect(r.test.statistic).toBeCloseTo(5.033132305859579, 9);
    expect(r.test.pValue).toBeCloseTo(0.024866886049023405, 9);
    expect(r.leader).toBe('Shop visitors');
    expect(r.verdict).toBe(
      'Shop visitors gets the most link clicks (13% against 6% for Newsletter), and the difference is not luck (p = 0.025).',
    );
  });

  it('matches SciPy on five groups and finds no real difference', () => {
    const r = compareGroups(
      [10, 14, 9, 20, 11].map((successes, i) => ({ name: `Group ${i + 1}`, delivered: 100, successes })),
      'converted',
    );
    expect(r.test.statistic).toBeCloseTo(7.059919724770642, 9);
    expect(r.test.dof).toBe(4);
    expect(r.test.pValue).toBeCloseTo(0.13275542102727417, 9);
    expect(r.verdict).toMatch(
      /^No real difference in conversions between Group 1, Group 2, Group 3, Group 4 and Group 5/,
    );
  });

  it('picks the lowest opt-out rate as the leader', () => {
    const r = compareGroups(
      [
        { name: 'Old list', delivered: 500, successes: 40 },
        { name: 'New sign-ups', delivered: 500, successes: 5 },
      ],
      'optedOut',
    );
    expect(r.leader).toBe('New sign-ups');
    expect(r.verdict).toMatch(/^New sign-ups gets the fewest opt-outs/);
  });

  it('does not test a group with nothing delivered, and says which', () => {
    const r = compareGroups(
      [
        { name: 'VIP', delivered: 0, successes: 0 },
        { name: 'Regulars', delivered: 10, successes: 1 },
      ],
      'replied',
    );
    expect(r.test).toMatchObject({ statistic: null, pValue: null, dof: 1 });
    expect(r.verdict).toBe('No comparison yet: VIP has no delivered campaign texts.');
  });
});
