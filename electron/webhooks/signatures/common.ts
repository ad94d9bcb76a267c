import { timingSafeEqual } from 'node:crypto';

/** Providers sign a timestamp; anything further than this from our clock (either way) is a replay or a bad clock. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

export type Verdict = { ok: true } | { ok: false; reason: string };

export const accepted: Verdict = { ok: true };
export const rejected = (reason: string): Verdict => ({ ok: false, reason });

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Whether a header part is plausibly a base64 digest; anything else is reported as malformed, not as a mismatch. */
export function isBase64(text: string): boolean {
  return text.length > 0 && BASE64.test(text);
}

/**
 * Compares a digest we computed with the one presented, in constant time over the text. The text (not the decoded
 * bytes) is compared because Node's base64 decoder ignores stray trailing bits: "abc=" and "abd=" can decode alike.
 * Missing padding is tolerated, since some senders strip it.
 */
export function sameDigest(expectedBase64: string, presented: string): boolean {
  const padded = presented.length % 4 === 0 ? presented : presented + '='.repeat(4 - (presented.length % 4));
  const a = Buffer.from(expectedBase64, 'latin1');
  const b = Buffer.from(padded, 'latin1');
  // Digest lengths are public (fixed per algorithm), so leaving early on a length difference leaks nothing.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks a signed timestamp (milliseconds) against our clock. */
export function checkTimestamp(signedAtMs: number, now: Date): Verdict {
  const skew = signedAtMs - now.getTime();
  if (skew < -SIGNATURE_TOLERANCE_MS) return rejected('signature timestamp is more than 5 minutes old');
  if (skew > SIGNATURE_TOLERANCE_MS) return rejected('signature timestamp is more than 5 minutes in the future');
  return accepted;
}

/** A header's value as one string; a repeated header is joined with ", " as Node does for most headers. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
