/**
 * A per-sender budget of failed signature checks (a token bucket): `burst` failures at once, then `perMinute` more
 * each minute. A sender over budget is refused before its body is read or hashed; the real providers never fail a
 * signature unless a secret is wrong, and they retry a refused delivery later.
 */
export interface FailureBudget {
  /** Seconds until this sender may be heard again, or 0 when it is within budget. */
  waitSeconds(sender: string, nowMs: number): number;
  /** Records one failed signature from this sender. */
  spend(sender: string, nowMs: number): void;
}

export interface FailureBudgetOptions {
  burst?: number;
  perMinute?: number;
  /** Senders remembered at most; the longest-quiet are forgotten first, so memory stays bounded under a spread attack. */
  maxSenders?: number;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

export function createFailureBudget(options: FailureBudgetOptions = {}): FailureBudget {
  const burst = options.burst ?? 10;
  const perMs = (options.perMinute ?? 10) / 60_000;
  const maxSenders = options.maxSenders ?? 10_000;
  const buckets = new Map<string, Bucket>();

  const tokensAt = (bucket: Bucket, nowMs: number) =>
    Math.min(burst, bucket.tokens + Math.max(0, nowMs - bucket.atMs) * perMs);

  return {
    waitSeconds(sender, nowMs) {
      const bucket = buckets.get(sender);
      if (!bucket) return 0;
      const tokens = tokensAt(bucket, nowMs);
      return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs / 1000);
    },
    spend(sender, nowMs) {
      const bucket = buckets.get(sender);
      const tokens = bucket ? tokensAt(bucket, nowMs) : burst;
      // Re-inserting keeps the Map in order of last failure, so the first key is the longest-quiet sender.
      buckets.delete(sender);
      buckets.set(sender, { tokens: Math.max(0, tokens - 1), atMs: nowMs });
      for (const oldest of buckets.keys()) {
        if (buckets.size <= maxSenders) break;
        buckets.delete(oldest);
      }
    },
  };
}
