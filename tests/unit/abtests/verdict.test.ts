import { describe, expect, it } from 'vitest';
import { decide, type AbMetric, type DecideInput } from '../../../shared/abtests';

/** p-values quoted in comments: scipy.stats.chi2_contingency(table, correction=False). */
function input(counts: [number, number][], extra: Partial<DecideInput> = {}): DecideInput {
  return {
    variants: counts.map(([delivered, successes], i) => ({ name: `Variant ${'ABCDE'[i]}`, delivered, successes })),
    metric: 'replied',
    minSamplePerVariant: 200,
    ...extra,
  };
}

describe('decide: winner selection', () => {
  it('names a significant winner in one plain sentence (76 vs 105 replies per 1,000: p = 0.0238)', () => {
    const verdict = decide(
      input([
        [1000, 76],
        [1000, 105],
      ]),
    );
    expect(verdict).toMatchObject({ winner: 1, leader: 1, decided: true, reason: 'winner' });
    expect(verdict.sentence).toBe(
      'Variant B got 38% more replies than Variant A; we are 97% confident this is not luck.',
    );
    expect(verdict.recommendation).toBe(
      'Send Variant B to the rest of your audience, and start from it in your next campaign.',
    );
    expect(verdict.test!.dof).toBe(1);
    expect(verdict.test!.pValue).toBeCloseTo(0.023805454895657583, 9);
    expect(verdict.test!.method).toBe('chi-square test of independence (2×2, no continuity correction)');
    expect(verdict.comparisons[0].relativeLift!.estimate).toBeCloseTo(105 / 76 - 1, 12);
  });

  it('gives no winner when the difference could be luck (50 vs 58 per 1,000: p = 0.43)', () => {
    const verdict = decide(
      input([
        [1000, 50],
        [1000, 58],
      ]),
    );
    expect(verdict).toMatchObject({ winner: null, leader: 1, decided: true, reason: 'no_clear_winner' });
    expect(verdict.sentence).toBe('No clear winner: the difference could easily be luck (p = 0.43).');
  });

  it('gives no winner below the minimum sample, however large the difference', () => {
    const small = decide(
      input([
        [1000, 20],
        [150, 60],
      ]),
    );
    expect(small).toMatchObject({ winner: null, decided: false, reason: 'not_enough_data' });
    expect(small.test!.pValue).toBeLessThan(1e-9);
    expect(small.sentence).toBe(
      'Not enough data yet: each variant needs at least 200 delivered messages (Variant B has 150).',
    );
    // The same rates with a minimum of 150 are a clear winner.
    expect(
      decide(
        input(
          [
            [1000, 20],
            [150, 60],
          ],
          { minSamplePerVariant: 150 },
        ),
      ).winner,
    ).toBe(1);
  });

  it('lists every variant that is short of the minimum', () => {
    const verdict = decide(
      input([
        [120, 5],
        [1000, 40],
        [80, 2],
      ]),
    );
    expect(verdict.sentence).toBe(
      'Not enough data yet: each variant needs at least 200 delivered messages (Variant A has 120, Variant C has 80).',
    );
  });

  it('waits while too few recipients responded for the chi-square approximation', () => {
    const verdict = decide(
      input([
        [300, 2],
        [300, 1],
      ]),
    );
    expect(verdict).toMatchObject({ winner: null, decided: false, reason: 'too_few_events' });
    expect(verdict.sentence).toBe(
      'Too few replies so far to compare the variants fairly (3 in total); the verdict waits for more.',
    );
  });

  it('treats fewer opt-outs as better (30 vs 12 per 1,000: p = 0.0050)', () => {
    const verdict = decide(
      input(
        [
          [1000, 30],
          [1000, 12],
        ],
        { metric: 'optedOut' },
      ),
    );
    expect(verdict).toMatchObject({ winner: 1, reason: 'winner' });
    expect(verdict.sentence).toBe(
      'Variant B got 60% fewer opt-outs than Variant A; we are 99% confident this is not luck.',
    );
    // The same counts as replies make A the winner.
    expect(
      decide(
        input(
          [
            [1000, 30],
            [1000, 12],
          ],
          { metric: 'replied' },
        ),
      ).winner,
    ).toBe(0);
  });

  it('words a winner against a variant with no successes at all', () => {
    expect(
      decide(
        input(
          [
            [400, 0],
            [400, 15],
          ],
          { metric: 'clicked' },
        ),
      ).sentence,
    ).toBe(
      'Variant B got link clicks from 3.8% of recipients and Variant A got none; we are more than 99.9% confident this is not luck.',
    );
    expect(
      decide(
        input(
          [
            [400, 15],
            [400, 0],
          ],
          { metric: 'optedOut' },
        ),
      ).sentence,
    ).toBe('Variant B got no opt-outs, against 3.8% for Variant A; we are more than 99.9% confident this is not luck.');
  });

  it('follows the confidence setting (50 vs 75 per 1,000: p = 0.021)', () => {
    expect(
      decide(
        input(
          [
            [1000, 50],
            [1000, 75],
          ],
          { confidence: 0.95 },
        ),
      ).winner,
    ).toBe(1);
    expect(
      decide(
        input(
          [
            [1000, 50],
            [1000, 75],
          ],
          { confidence: 0.99 },
        ),
      ).winner,
    ).toBeNull();
  });
});

describe('decide: more than two variants (Holm correction)', () => {
  it('needs the best variant to beat every other one after Holm’s correction', () => {
    // B (100) vs A (72): p = 0.0255; B vs C (74): p = 0.0391; all three: p = 0.0391. Both raw p-values are
    // below 0.05, but Holm makes them max(2·0.0255, 0.0391) = 0.051 — not a winner.
    const verdict = decide(
      input([
        [1000, 72],
        [1000, 100],
        [1000, 74],
      ]),
    );
    expect(verdict.test!.pValue).toBeCloseTo(0.03910890990785164, 9);
    expect(verdict.comparisons.map((c) => c.variant)).toEqual([0, 2]);
    expect(verdict.comparisons[0].pValue).toBeCloseTo(0.025538100241105532, 9);
    expect(verdict.comparisons[1].pValue).toBeCloseTo(0.03912882949013771, 9);
    expect(verdict.comparisons.map((c) => c.adjustedPValue)).toEqual([
      2 * verdict.comparisons[0].pValue,
      2 * verdict.comparisons[0].pValue,
    ]);
    expect(verdict).toMatchObject({ winner: null, leader: 1, reason: 'no_single_winner', decided: true });
    expect(verdict.sentence).toBe('The variants differ, but no single one is clearly the best (p = 0.051).');
    expect(verdict.recommendation).toBe(
      'No variant is clearly the best. Variant B is ahead; pick it if you must choose now, or run a larger test.',
    );
  });

  it('names the leading group when two variants tie ahead of a third', () => {
    const verdict = decide(
      input([
        [1000, 100],
        [1000, 95],
        [1000, 50],
      ]),
    );
    expect(verdict).toMatchObject({ winner: null, leader: 0, reason: 'no_single_winner' });
    expect(verdict.sentence).toBe(
      'Variant A and Variant B did better than Variant C, but none of them is clearly ahead of the others (p = 0.71).',
    );
    expect(verdict.recommendation).toBe(
      'Choose either Variant A or Variant B — as far as the data can tell they did equally well — and drop the others.',
    );
  });

  it('calls a winner that beats all others, comparing the sentence with the closest rival', () => {
    const verdict = decide(
      input([
        [1000, 50],
        [1000, 120],
        [1000, 60],
        [1000, 55],
        [1000, 52],
      ]),
    );
    expect(verdict).toMatchObject({ winner: 1, reason: 'winner' });
    expect(verdict.test!.dof).toBe(4);
    expect(verdict.sentence).toBe(
      'Variant B got 100% more replies than Variant C; we are more than 99.9% confident this is not luck.',
    );
  });
});

describe('decide: peeking guard', () => {
  it('fixed horizon: no verdict before every variant reached the planned sample', () => {
    const verdict = decide(
      input(
        [
          [1000, 20],
          [1500, 90],
        ],
        { plannedSamplePerVariant: 2000 },
      ),
    );
    expect(verdict).toMatchObject({ winner: null, decided: false, reason: 'waiting_for_planned_sample' });
    expect(verdict.sentence).toBe(
      'Too early to call: the test is judged once each variant has 2,000 delivered messages (Variant A has 1,000 so far).',
    );
    expect(verdict.guard).toMatchObject({
      method: 'fixed-horizon',
      nominalAlpha: null,
      looks: null,
      nextCheckDelivered: 2000,
      informationFraction: 0.5,
    });
    expect(verdict.guard.description).toMatch(/fixed-horizon design/);
  });

  it('group-sequential: an early look needs much stronger evidence and is recorded', () => {
    // 50 vs 80 per 1,000 (p = 0.0065) at half the planned 2,000: the first look's threshold is α(0.5) = 0.0031.
    const verdict = decide(
      input(
        [
          [1000, 50],
          [1000, 80],
        ],
        { plannedSamplePerVariant: 2000, looks: [] },
      ),
    );
    expect(verdict).toMatchObject({ winner: null, decided: false, reason: 'no_clear_winner' });
    expect(verdict.guard.looks).toEqual([0.5]);
    expect(verdict.guard.nominalAlpha).toBeCloseTo(0.0030506455159778224, 12);
    expect(verdict.guard.nextCheckDelivered).toBe(1100);
    expect(verdict.sentence).toBe(
      'A difference is showing but is not yet strong enough to call at this early check (p = 0.0065; this check needs p below 0.0031). The next check is when each variant has 1,100 delivered messages.',
    );
    expect(verdict.guard.description).toMatch(
      /Lan–DeMets O'Brien–Fleming.*stays at 5% however often the report is opened/,
    );
  });

  it('group-sequential: an overwhelming difference wins at an early look', () => {
    const verdict = decide(
      input(
        [
          [1000, 40],
          [1000, 100],
        ],
        { plannedSamplePerVariant: 2000, looks: [] },
      ),
    );
    expect(verdict).toMatchObject({ winner: 1, decided: true, reason: 'winner' });
  });

  it('group-sequential: reopening the report between looks does not test again', () => {
    const verdict = decide(
      input(
        [
          [1040, 50],
          [1040, 95],
        ],
        { plannedSamplePerVariant: 2000, looks: [0.5] },
      ),
    );
    expect(verdict).toMatchObject({ winner: null, decided: false, reason: 'waiting_for_next_check' });
    expect(verdict.guard.looks).toEqual([0.5]);
    expect(verdict.guard.nominalAlpha).toBeNull();
    expect(verdict.sentence).toBe(
      'No clear winner yet. The next check is when each variant has 1,100 delivered messages.',
    );
  });

  it('group-sequential: the final look uses the remaining α (threshold 0.049 after a look at half way)', () => {
    const verdict = decide(
      input(
        [
          [2000, 100],
          [2000, 131],
        ],
        { plannedSamplePerVariant: 2000, looks: [0.5] },
      ),
    );
    expect(verdict.guard.looks).toEqual([0.5, 1]);
    expect(verdict.guard.nominalAlpha!).toBeCloseTo(0.048999543583778775, 6);
    expect(verdict.guard.nextCheckDelivered).toBeNull();
    // p = 0.0366 < 0.049: a winner at the final look, and the test is over either way.
    expect(verdict).toMatchObject({ winner: 1, decided: true, reason: 'winner' });
    const none = decide(
      input(
        [
          [2000, 100],
          [2000, 110],
        ],
        { plannedSamplePerVariant: 2000, looks: [0.5] },
      ),
    );
    expect(none).toMatchObject({ winner: null, decided: true, reason: 'no_clear_winner' });
  });
});

describe('decide: input checks', () => {
  it('refuses "opened", which SMS cannot measure', () => {
    expect(() =>
      decide(
        input(
          [
            [100, 1],
            [100, 2],
          ],
          { metric: 'opened' as AbMetric },
        ),
      ),
    ).toThrow(/SMS cannot tell whether a message was opened/);
  });

  it('refuses impossible counts and settings with actionable messages', () => {
    expect(() =>
      decide(
        input([
          [100, 101],
          [100, 2],
        ]),
      ),
    ).toThrow(/Variant A reports 101 out of 100 delivered messages/);
    expect(() => decide(input([[100, 1]]))).toThrow(/2 to 5 variants/);
    expect(() =>
      decide(
        input(
          [
            [100, 1],
            [100, 2],
          ],
          { minSamplePerVariant: 0 },
        ),
      ),
    ).toThrow(/minimum sample/);
    expect(() =>
      decide(
        input(
          [
            [100, 1],
            [100, 2],
          ],
          { confidence: 1 },
        ),
      ),
    ).toThrow(/confidence/);
    expect(() =>
      decide(
        input(
          [
            [100, 1],
            [100, 2],
          ],
          { looks: [0.6, 0.3] },
        ),
      ),
    ).toThrow(/history is damaged/);
  });

  it('reports a variant with nothing delivered as not enough data rather than failing', () => {
    const verdict = decide(
      input([
        [0, 0],
        [500, 20],
      ]),
    );
    expect(verdict).toMatchObject({ test: null, leader: null, reason: 'not_enough_data' });
    expect(verdict.rates[0]).toBeNull();
    expect(verdict.rates[1]!.rate).toBe(0.04);
  });
});
