/** One observation of a campaign: when, and how many messages had been handed to the provider by then. */
export interface RateSample {
  at: number;
  handedOver: number;
}

/** How far back the rate looks: long enough to smooth the rate limiter's bursts, short enough to follow a pause. */
export const RATE_WINDOW_MS = 15_000;
/** Below this span two samples say more about timer jitter than about sending speed. */
const MIN_SPAN_MS = 1_500;

/** Adds a sample and forgets those older than the window (keeping one just outside it as the baseline). */
export function addSample(samples: readonly RateSample[], sample: RateSample, windowMs = RATE_WINDOW_MS): RateSample[] {
  const all = [...samples, sample].sort((a, b) => a.at - b.at);
  let first = 0;
  while (first + 1 < all.length && all[first + 1].at <= sample.at - windowMs) first++;
  return all.slice(first);
}

/** Messages per minute over the samples, or null while there is too little to say. Never negative. */
export function ratePerMinute(samples: readonly RateSample[]): number | null {
  if (samples.length < 2) return null;
  const first = samples[0];
  const last = samples[samples.length - 1];
  const span = last.at - first.at;
  if (span < MIN_SPAN_MS) return null;
  return Math.max(0, ((last.handedOver - first.handedOver) / span) * 60_000);
}

/** Minutes until `remaining` messages are out at `perMinute`, or null when not moving. */
export function minutesLeft(remaining: number, perMinute: number | null): number | null {
  if (!perMinute || perMinute <= 0 || remaining <= 0) return null;
  return remaining / perMinute;
}
