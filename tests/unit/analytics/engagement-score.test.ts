import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandOf,
  engagementScore,
  explainEngagement,
  parseBand,
  type EngagementInputs,
} from '../../../shared/analytics/engagement';

const NOW = Date.parse('2026-12-02T19:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
const quiet: EngagementInputs = {
  optedOut: false,
  replies: 0,
  clicks: 0,
  conversions: 0,
  lastEngagedAt: null,
  delivered: 0,
  silent: 0,
};

describe('engagement score on hand-built histories', () => {
  it('a contact who replied yesterday outranks one who replied a year ago', () => {
    const yesterday = engagementScore({ ...quiet, replies: 1, lastEngagedAt: ago(1), delivered: 3, silent: 0 }, NOW);
    const yearAgo = engagementScore({ ...quiet, replies: 1, lastEngagedAt: ago(365), delivered: 3, silent: 0 }, NOW);
    expect(yesterday.score).toBeGreaterThan(yearAgo.score);
    expect(yesterday.band).toBe('engaged');
    expect(yearAgo.band).toBe('quiet');
  });

  it('an opt-out is Lost with 0, whatever they did before', () => {
    const s = engagementScore(
      { ...quiet, optedOut: true, replies: 9, clicks: 9, conversions: 5, lastEngagedAt: ago(1), delivered: 10 },
      NOW,
    );
    expect(s).toMatchObject({ score: 0, band: 'lost' });
    expect(explainEngagement({ ...quiet, optedOut: true }, NOW)[0]).toMatch(/opted out/);
  });

  it('no history is New; texts without an answer pull down to At risk and then Lost', () => {
    expect(engagementScore(quiet, NOW)).toMatchObject({ score: 0, band: 'new' });
    expect(engagementScore({ ...quiet, delivered: 1, silent: 1 }, NOW)).toMatchObject({ score: 28, band: 'quiet' });
    expect(engagementScore({ ...quiet, delivered: 6, silent: 6 }, NOW)).toMatchObject({ score: 18, band: 'atRisk' });
    expect(engagementScore({ ...quiet, delivered: 15, silent: 15 }, NOW)).toMatchObject({ score: 0, band: 'lost' });
  });

  it('recent replies, clicks and purchases make a Champion; long silence after them makes them At risk', () => {
    const champion = {
      ...quiet,
      replies: 3,
      clicks: 2,
      conversions: 2,
      lastEngagedAt: ago(3),
      delivered: 8,
      silent: 0,
    };
    expect(engagementScore(champion, NOW).band).toBe('champions');
    expect(
      engagementScore(
        { ...champion, conversions: 0, replies: 1, clicks: 0, lastEngagedAt: ago(400), delivered: 18, silent: 10 },
        NOW,
      ).band,
    ).toBe('atRisk');
  });

  it('explains the score in words that add up to it', () => {
    const lines = explainEngagement(
      { ...quiet, replies: 2, clicks: 1, conversions: 1, lastEngagedAt: ago(1), delivered: 5, silent: 2 },
      NOW,
    );
    expect(lines.join(' ')).toMatch(/Last replied, clicked or bought yesterday: 30 points for recency/);
    expect(lines.join(' ')).toMatch(/2 replies and 1 click: 13 points for frequency/);
    expect(lines.join(' ')).toMatch(/1 conversion \(sales or bookings\): 13 points/);
    expect(lines.join(' ')).toMatch(/2 texts delivered since then without an answer: minus 4 points/);
    expect(lines[lines.length - 1]).toBe(
      'Score 82 of 100: Champions (score 80 and up: answer, click and buy, recently).',
    );
  });

  it('reads a band by key or in words', () => {
    expect(parseBand('at-risk')).toBe('atRisk');
    expect(parseBand('At risk')).toBe('atRisk');
    expect(parseBand('Champions')).toBe('champions');
    expect(parseBand('gold')).toBeNull();
  });

  it('always scores 0–100 and bands by the documented thresholds', () => {
    const inputs = fc.record({
      optedOut: fc.boolean(),
      replies: fc.nat(50),
      clicks: fc.nat(50),
      conversions: fc.nat(20),
      lastDays: fc.option(fc.double({ min: 0, max: 2000, noNaN: true }), { nil: null }),
      delivered: fc.nat(100),
      silent: fc.nat(100),
    });
    fc.assert(
      fc.property(inputs, (i) => {
        const s = engagementScore({ ...i, lastEngagedAt: i.lastDays === null ? null : ago(i.lastDays) }, NOW);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        expect(Number.isInteger(s.score)).toBe(true);
        const history = i.replies + i.clicks + i.conversions + i.delivered > 0;
        expect(s.band).toBe(bandOf(s.score, i.optedOut, history));
        // More recent never scores lower, all else equal.
        if (i.lastDays !== null && i.lastDays > 1)
          expect(engagementScore({ ...i, lastEngagedAt: ago(i.lastDays - 1) }, NOW).score).toBeGreaterThanOrEqual(
            s.score,
          );
      }),
    );
  });
});
