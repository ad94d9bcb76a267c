import { chiSquareTest, compareWithReference } from '../../abtests/chisquare';
import { wilsonInterval } from '../../abtests/effect';
import { formatPValue, formatShare, listNames, lowerIsBetter, metricNoun, type AbMetric } from '../../abtests/wording';

/**
 * Segment comparison (analytics.md, "Planning"): two to five tags or segments side by side, judged with the A/B
 * machinery — Pearson's chi-square over the 2×k table at α = 0.05, then, when it finds a difference, the leading group
 * against each other one (2×2 tests, Holm-adjusted) to say whether one group is ahead of all the rest.
 */
export const COMPARE_ALPHA = 0.05;
export const MIN_GROUPS = 2;
export const MAX_GROUPS = 5;
export const COMPARE_METRICS = ['replied', 'clicked', 'converted', 'optedOut'] as const satisfies readonly AbMetric[];

export interface GroupCounts {
  name: string;
  delivered: number;
  successes: number;
}

export interface ComparedGroup extends GroupCounts {
  rate: number | null;
  low: number | null;
  high: number | null;
}

export interface GroupTest {
  statistic: number | null;
  dof: number;
  pValue: number | null;
  method: string;
}

export interface GroupComparison {
  groups: ComparedGroup[];
  test: GroupTest;
  verdict: string;
  /** The group ahead of every other one (Holm-adjusted), or null. */
  leader: string | null;
}

export const COMPARE_METHOD =
  "Pearson's chi-square test of independence (no continuity correction); leader vs each other group by 2×2 chi-square, Holm-adjusted";

export function compareGroups(counts: readonly GroupCounts[], metric: AbMetric): GroupComparison {
  const groups: ComparedGroup[] = counts.map((g) => {
    if (g.delivered <= 0) return { ...g, rate: null, low: null, high: null };
    const w = wilsonInterval(Math.min(g.successes, g.delivered), g.delivered);
    return { ...g, rate: w.rate, low: w.low, high: w.high };
  });
  const dof = counts.length - 1;
  const empty = groups.filter((g) => g.delivered <= 0);
  if (empty.length) {
    return {
      groups,
      test: { statistic: null, dof, pValue: null, method: COMPARE_METHOD },
      leader: null,
      verdict: `No comparison yet: ${listNames(empty.map((g) => g.name))} ${empty.length === 1 ? 'has' : 'have'} no delivered campaign texts.`,
    };
  }
  const table = counts.map((g) => ({ successes: Math.min(g.successes, g.delivered), total: g.delivered }));
  const overall = chiSquareTest(table);
  const test = { statistic: overall.statistic, dof: overall.dof, pValue: overall.pValue, method: COMPARE_METHOD };
  const noun = metricNoun(metric);
  if (overall.pValue >= COMPARE_ALPHA) {
    return {
      groups,
      test,
      leader: null,
      verdict: `No real difference in ${noun} between ${listNames(counts.map((g) => g.name))}: what you see could be luck (${formatPValue(overall.pValue)}).`,
    };
  }
  const better = (a: ComparedGroup, b: ComparedGroup) =>
    lowerIsBetter(metric) ? (a.rate ?? 0) < (b.rate ?? 0) : (a.rate ?? 0) > (b.rate ?? 0);
  const leaderIndex = groups.reduce((best, g, i) => (better(g, groups[best]) ? i : best), 0);
  const leader = groups[leaderIndex];
  const pairs = compareWithReference(table, leaderIndex);
  const weakest = Math.max(...pairs.map((p) => p.adjustedPValue));
  const others = groups.filter((_, i) => i !== leaderIndex);
  const runnerUp = others.reduce((best, g) => (better(g, best) ? g : best), others[0]);
  const amount = `${formatShare(leader.rate ?? 0)} against ${formatShare(runnerUp.rate ?? 0)}`;
  if (weakest < COMPARE_ALPHA) {
    const how = lowerIsBetter(metric) ? 'fewest' : 'most';
    return {
      groups,
      test,
      leader: leader.name,
      verdict: `${leader.name} gets the ${how} ${noun} (${amount} for ${runnerUp.name}), and the difference is not luck (${formatPValue(weakest)}).`,
    };
  }
  return {
    groups,
    test,
    leader: null,
    verdict: `The groups differ in ${noun} (${formatPValue(overall.pValue)}), but ${leader.name} is not clearly ahead of ${runnerUp.name} (${amount}).`,
  };
}
