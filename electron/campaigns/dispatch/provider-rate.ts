import type { OutboxProviderId } from '../../providers';
import type { SettingsStore } from '../../settings/store';
import { createRateLimiter, type RateLimiter } from './rate-limit';

/** Requests per second each provider may receive: the dispatcher's own figure (tests, benchmarks), else the setting. */
export function providerRate(
  settings: Pick<SettingsStore, 'get'>,
  overrides?: Partial<Record<OutboxProviderId, number>>,
): (p: OutboxProviderId) => number {
  return (p) => {
    const own = overrides?.[p];
    if (own !== undefined) return own;
    if (p === 'quo') return settings.get('quo.ratePerSecond');
    if (p === 'twilio') return settings.get('twilio.ratePerSecond');
    return settings.get('sandbox.ratePerSecond');
  };
}

/** One limiter per provider, following its rate setting as it changes (read each time the limiter is asked for). */
export function providerLimiters(rate: (p: OutboxProviderId) => number) {
  const limiters = new Map<OutboxProviderId, RateLimiter>();
  return {
    of(p: OutboxProviderId): RateLimiter {
      let l = limiters.get(p);
      if (!l) limiters.set(p, (l = createRateLimiter(rate(p))));
      else l.setRate(rate(p));
      return l;
    },
    /** Milliseconds until any provider's window lets a request start (capped at `maxMs`). */
    waitMs(nowMs: number, maxMs: number): number {
      return Math.min(...[...limiters.values()].map((l) => l.waitMs(nowMs)).filter((w) => w > 0), maxMs);
    },
  };
}
