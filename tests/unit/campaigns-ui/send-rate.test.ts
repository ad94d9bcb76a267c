import { describe, expect, it } from 'vitest';
import {
  RATE_WINDOW_MS,
  addSample,
  minutesLeft,
  ratePerMinute,
  type RateSample,
} from '../../../renderer/src/components/campaigns/send-rate';

function feed(points: Array<[number, number]>): RateSample[] {
  return points.reduce<RateSample[]>((acc, [at, handedOver]) => addSample(acc, { at, handedOver }), []);
}

describe('send rate from successive observations', () => {
  it('says nothing from one sample or from samples too close together', () => {
    expect(ratePerMinute(feed([[0, 0]]))).toBeNull();
    expect(
      ratePerMinute(
        feed([
          [0, 0],
          [1000, 2],
        ]),
      ),
    ).toBeNull();
  });

  it('is messages per minute over the span observed', () => {
    const samples = feed(Array.from({ length: 11 }, (_, i): [number, number] => [i * 1000, i * 2]));
    expect(ratePerMinute(samples)).toBe(120);
  });

  it('forgets samples older than the window but keeps one as the baseline, so a slowdown shows', () => {
    const fast = Array.from({ length: 20 }, (_, i): [number, number] => [i * 1000, i * 10]); // 600/min for 19 s
    const slow = Array.from({ length: 20 }, (_, i): [number, number] => [20_000 + i * 1000, 190 + i]); // then 60/min
    const samples = feed([...fast, ...slow]);
    expect(samples[0].at).toBeLessThanOrEqual(samples[samples.length - 1].at - RATE_WINDOW_MS);
    expect(samples[1].at).toBeGreaterThan(samples[samples.length - 1].at - RATE_WINDOW_MS);
    expect(ratePerMinute(samples)).toBeCloseTo(60, 0);
  });

  it('never reports a negative rate and orders samples that arrive out of order', () => {
    expect(
      ratePerMinute(
        feed([
          [0, 10],
          [2000, 5],
        ]),
      ),
    ).toBe(0);
    expect(
      ratePerMinute(
        feed([
          [2000, 4],
          [0, 0],
        ]),
      ),
    ).toBe(120);
  });

  it('estimates minutes left only while messages move', () => {
    expect(minutesLeft(120, 60)).toBe(2);
    expect(minutesLeft(120, 0)).toBeNull();
    expect(minutesLeft(120, null)).toBeNull();
    expect(minutesLeft(0, 60)).toBeNull();
  });
});
