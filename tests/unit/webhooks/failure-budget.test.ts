import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFailureBudget } from '../../../electron/webhooks/guard/failure-budget';

describe('failed-signature budget', () => {
  it('never lets a sender fail more than the burst plus the refill over any stretch of time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 120 }),
        (gaps, burst, perMinute) => {
          const budget = createFailureBudget({ burst, perMinute });
          let t = 0;
          const heard: number[] = [];
          for (const gap of gaps) {
            t += gap;
            if (budget.waitSeconds('203.0.113.7', t) > 0) continue;
            heard.push(t);
            budget.spend('203.0.113.7', t);
          }
          // Over any window [heard[i], heard[j]], failures heard ≤ burst + refill in that window.
          for (let i = 0; i < heard.length; i++) {
            for (let j = i; j < heard.length; j++) {
              expect(j - i + 1).toBeLessThanOrEqual(burst + ((heard[j] - heard[i]) / 60_000) * perMinute + 1e-9);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps each sender apart, says how long to wait, and forgets the longest-quiet sender past its limit', () => {
    const budget = createFailureBudget({ burst: 1, perMinute: 6, maxSenders: 2 });
    budget.spend('a', 0);
    expect(budget.waitSeconds('a', 0)).toBe(10);
    expect(budget.waitSeconds('a', 4_000)).toBe(6);
    expect(budget.waitSeconds('b', 0)).toBe(0);
    budget.spend('b', 1);
    budget.spend('c', 2);
    // 'a' was forgotten to keep two senders: it starts afresh.
    expect([budget.waitSeconds('a', 3), budget.waitSeconds('b', 3), budget.waitSeconds('c', 3)]).toEqual([0, 10, 10]);
  });
});
