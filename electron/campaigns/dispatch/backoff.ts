/**
 * Exponential backoff with full jitter (AWS's recommendation: spreads retries of many clients evenly), never
 * sooner than the provider's Retry-After. Retries are persisted as next_attempt_at, so they survive a restart —
 * which is why this is computed here rather than by an in-memory retry loop.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 10 * 60_000 };

export function retryDelayMs(
  attempt: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}
