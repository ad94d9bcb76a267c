/**
 * A sliding-log limiter: at most `perSecond` request starts in any window of one second plus a safety margin,
 * which is exactly the rule providers enforce (Quo: 10 requests per second per key), so we never earn a 429 for
 * going too fast while still using ~96 % of the budget.
 */
export interface RateLimiter {
  /** Starts that may begin now. */
  available(nowMs: number): number;
  /** Records a start. */
  take(nowMs: number): void;
  /** Milliseconds until the next start is allowed (0 if now). */
  waitMs(nowMs: number): number;
  setRate(perSecond: number): void;
}

export function createRateLimiter(perSecond: number, marginMs = 40): RateLimiter {
  let rate = perSecond;
  const starts: number[] = [];
  // Starts are also spaced evenly (1/rate apart): a burst of ten at once would leave no slack for the requests'
  // own jitter on the way to the provider, whose window is measured where they arrive.
  const spacing = () => (Number.isFinite(rate) ? 1000 / rate : 0);
  const last = () => (starts.length ? starts[starts.length - 1] : -Infinity);
  const windowMs = () => 1000 + marginMs;
  const prune = (now: number) => {
    const from = now - windowMs();
    while (starts.length && starts[0] <= from) starts.shift();
  };
  return {
    available(now) {
      if (!Number.isFinite(rate)) return Number.MAX_SAFE_INTEGER;
      prune(now);
      if (now - last() < spacing()) return 0;
      return Math.min(1, Math.max(0, Math.floor(rate) - starts.length));
    },
    take(now) {
      if (Number.isFinite(rate)) starts.push(now);
    },
    waitMs(now) {
      if (!Number.isFinite(rate)) return 0;
      prune(now);
      const paced = Math.max(0, last() + spacing() - now);
      if (starts.length < Math.floor(rate)) return Math.ceil(paced);
      return Math.max(1, Math.ceil(paced), starts[starts.length - Math.floor(rate)] + windowMs() - now + 1);
    },
    setRate(perSecond) {
      rate = perSecond;
    },
  };
}

/**
 * The clock the limiters and breakers pace requests by. A wall clock on purpose, not the injected business clock
 * (`core.now()`): providers count requests per real second, and the business clock may stand still or jump (tests,
 * a catch-up after sleep) while requests still go out in real time.
 */
export const pacingNowMs = (): number => Date.now();
