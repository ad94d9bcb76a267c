/**
 * Keyword rules from compliance.md. FCC 24-24 words revoke consent by definition; carrier/Twilio lists add more.
 * Matching ignores case, surrounding whitespace and punctuation. A message that is exactly one keyword acts on it;
 * a longer message containing an opt-out word or phrase is flagged for review and treated as an opt-out by default.
 */
export const OPT_OUT_WORDS = [
  'stop',
  'quit',
  'end',
  'revoke',
  'opt out',
  'optout',
  'opt-out',
  'cancel',
  'unsubscribe',
  'stopall',
  'stop all',
] as const;
export const OPT_IN_WORDS = ['start', 'unstop', 'yes'] as const;
export const HELP_WORDS = ['help', 'info'] as const;

/** Phrases a reasonable person reads as an opt-out even though they are not keywords. */
export const OPT_OUT_PHRASES = [
  'remove me',
  'take me off',
  'stop texting',
  'stop messaging',
  'stop sending',
  'dont text',
  "don't text",
  'do not text',
  'do not contact',
  'dont contact',
  "don't contact",
  'no more texts',
  'no more messages',
  'leave me alone',
  'no mas',
  'no más',
  'unsubscribe me',
  'opt me out',
  'wrong number',
  'lose my number',
  'delete my number',
] as const;

export type KeywordKind = 'opt_out' | 'opt_out_review' | 'opt_in' | 'help' | 'none';

export interface KeywordMatch {
  kind: KeywordKind;
  /** The keyword or phrase that matched, lower-case. */
  keyword: string | null;
}

/** Lower-case, strip accents' case differences, drop punctuation and collapse spaces: "  Stop!! " → "stop". */
export function normaliseReply(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}'\s-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[-']+|[-']+$/g, '')
    .trim();
}

function containsWord(haystack: string, needle: string): boolean {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s-]+');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(haystack);
}

export function classifyReply(text: string, options: { wasOptedOut?: boolean } = {}): KeywordMatch {
  const n = normaliseReply(text);
  if (!n) return { kind: 'none', keyword: null };
  const compact = n.replace(/[\s-]+/g, ' ');
  for (const w of OPT_OUT_WORDS)
    if (compact === w || n.replace(/[\s-]+/g, '') === w.replace(/[\s-]+/g, ''))
      return { kind: 'opt_out', keyword: w.replace(/[\s-]+/g, ' ') };
  for (const w of OPT_IN_WORDS) {
    if (compact === w) {
      // YES only resubscribes someone who had opted out; otherwise it is an ordinary reply.
      if (w === 'yes' && !options.wasOptedOut) return { kind: 'none', keyword: null };
      return { kind: 'opt_in', keyword: w };
    }
  }
  for (const w of HELP_WORDS) if (compact === w) return { kind: 'help', keyword: w };
  for (const p of OPT_OUT_PHRASES)
    if (containsWord(compact, normaliseReply(p))) return { kind: 'opt_out_review', keyword: normaliseReply(p) };
  for (const w of OPT_OUT_WORDS)
    if (containsWord(compact, w)) return { kind: 'opt_out_review', keyword: w.replace(/[\s-]+/g, ' ') };
  return { kind: 'none', keyword: null };
}
