/**
 * A sliding one-second window per API key, the way Quo describes its limit ("10 requests per second per key"):
 * a request is refused when `limit` requests were already accepted in the last 1000 ms. Refused requests do not
 * use up the budget. The clock is injected so tests can freeze it and get a deterministic 429.
 */
export interface SlidingWindow {
  /** null when allowed; otherwise the whole seconds to wait, for Retry-After. */
  check(key: string): number | null;
  setLimit(limit: number | 'unlimited'): void;
  /** How many requests were refused. */
  readonly refused: number;
}

export function slidingWindow(limit: number | 'unlimited', now: () => Date, windowMs = 1000): SlidingWindow {
  let current = limit;
  let refused = 0;
  const accepted = new Map<string, number[]>();
  return {
    get refused() {
      return refused;
    },
    setLimit(next) {
      current = next;
    },
    check(key) {
      if (current === 'unlimited') return null;
      const at = now().getTime();
      const recent = (accepted.get(key) ?? []).filter((t) => t > at - windowMs);
      if (recent.length >= current) {
        accepted.set(key, recent);
        refused += 1;
        return Math.max(1, Math.ceil((recent[0] + windowMs - at) / 1000));
      }
      recent.push(at);
      accepted.set(key, recent);
      return null;
    },
  };
}
