import { describe, expect, it } from 'vitest';
import { guidanceWords } from '../../../renderer/src/components/abtests/guidance-words';

/** The form's defaults: 5 % expected replies, 95 % confidence, 100 delivered texts per variant (abtests settings). */
const DEFAULTS = { expectedRate: 0.05, confidence: 0.95, minSamplePerVariant: 100 };

describe('A/B sample guidance as the form words it', () => {
  it('68 contacts split 50/50: cannot decide, states the minimum per variant, the audience needed and the smallest detectable difference', () => {
    // 68 × 50 % × 95 % delivered = 32 per variant; 100 / (0.5 × 0.95) = 211 contacts; 32 per variant detect 5 % → 31.6 %
    // (smallestDetectableLift(32, 0.05) = 5.3161, checked against Python's NormalDist in guidance.test.ts).
    expect(guidanceWords({ audience: 68, split: [50, 50], ...DEFAULTS })).toEqual({
      canDecide: false,
      headline: 'This test cannot reach a verdict.',
      detail:
        'The smallest variant gets about 32 delivered texts, but 100 are needed before a winner can be named. It needs an audience of about 211 contacts. ' +
        'With 5% expected, it would reliably see only a difference to 31.6% or more (95% confidence, 80% power).',
    });
  });

  it('a test on part of the audience says a larger test sample would also do', () => {
    expect(guidanceWords({ audience: 68, split: [50, 50], testPercent: 20, ...DEFAULTS }).detail).toContain(
      'The smallest variant gets about 6 delivered texts, but 100 are needed before a winner can be named. It needs an audience of about 1,053 contacts (or a larger test sample).',
    );
  });

  it('an audience that is big enough: can decide, with the minimum and the difference it sees', () => {
    expect(guidanceWords({ audience: 2000, split: [50, 50], ...DEFAULTS })).toEqual({
      canDecide: true,
      headline: 'This test can reach a verdict.',
      detail: expect.stringMatching(
        /^The smallest variant gets about 950 delivered texts \(at least 100 are needed\)\. With 5% expected, it would reliably see only a difference to 8\.\d% or more \(95% confidence, 80% power\)\.$/,
      ),
    });
  });

  it('too small to tell any difference from chance says so', () => {
    expect(guidanceWords({ audience: 4, split: [50, 50], ...DEFAULTS }).detail).toMatch(
      /At this size no difference could be told apart from chance\.$/,
    );
  });
});
