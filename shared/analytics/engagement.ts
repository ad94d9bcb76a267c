/**
 * The engagement score (analytics.md, issue 14): 0–100 per contact, RFM-style, and its band. Pure, shared by the
 * scorer (main and its worker thread), the contact panel's "why this score" and the README's formula.
 *
 *   score = clamp(0, 100, base + recency + frequency + depth − silence), each part rounded to whole points; an
 *   opted-out contact scores 0.
 *   base      30  for a subscribed contact who has been texted (benefit of the doubt);
 *   recency   30 × ½^(days since the last reply, click or conversion ÷ 60): halves every 60 days, 0 without one;
 *   frequency 20 × min(1, log₂(1 + replies + clicks) ÷ log₂ 9): eight replies or clicks earn it all;
 *   depth     30 × min(1, log₂(1 + conversions) ÷ log₂ 5): four conversions earn it all;
 *   silence   2 per campaign text delivered since the last reply, click or conversion (or ever, without one), at most 30.
 * Bands: Lost (opted out, or under 10), At risk (10–19), Quiet (20–49), Engaged (50–79), Champions (80 and up);
 * New when nothing was ever delivered to the contact and they never replied, clicked or converted.
 */

export const ENGAGEMENT_BANDS = ['champions', 'engaged', 'quiet', 'atRisk', 'lost', 'new'] as const;
export type EngagementBand = (typeof ENGAGEMENT_BANDS)[number];

export const BAND_LABEL: Record<EngagementBand, string> = {
  champions: 'Champions',
  engaged: 'Engaged',
  quiet: 'Quiet',
  atRisk: 'At risk',
  lost: 'Lost',
  new: 'New',
};

export const BAND_MEANING: Record<EngagementBand, string> = {
  champions: 'score 80 and up: answer, click and buy, recently',
  engaged: 'score 50–79: answered or clicked recently',
  quiet: 'score 20–49: rarely answer, or not for a while',
  atRisk: 'score 10–19: many texts without an answer',
  lost: 'opted out, or score under 10',
  new: 'not texted yet, no history',
};

/** The CLI and the segment filter accept a band by key or by its words ("at-risk", "At risk", "atRisk"). */
export function parseBand(text: string): EngagementBand | null {
  const k = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  return ENGAGEMENT_BANDS.find((b) => b.toLowerCase() === k) ?? null;
}

export const ENGAGEMENT_FORMULA = {
  base: 30,
  recencyMax: 30,
  recencyHalfLifeDays: 60,
  frequencyMax: 20,
  frequencyFullAt: 8,
  depthMax: 30,
  depthFullAt: 4,
  silencePerText: 2,
  silenceMax: 30,
} as const;

/** What the score is computed from: one contact's history. */
export interface EngagementInputs {
  optedOut: boolean;
  replies: number;
  clicks: number;
  conversions: number;
  /** The latest reply, click or conversion (ISO), null without one. */
  lastEngagedAt: string | null;
  /** Campaign texts delivered to the contact, ever. */
  delivered: number;
  /** Campaign texts delivered after the last reply, click or conversion (all of them without one). */
  silent: number;
}

export interface EngagementParts {
  base: number;
  recency: number;
  frequency: number;
  depth: number;
  silence: number;
}

export interface EngagementScore {
  score: number;
  band: EngagementBand;
  parts: EngagementParts;
}

const DAY_MS = 86_400_000;
const F = ENGAGEMENT_FORMULA;
const saturating = (n: number, fullAt: number) => Math.min(1, Math.log2(1 + Math.max(0, n)) / Math.log2(1 + fullAt));

export function bandOf(score: number, optedOut: boolean, hasHistory: boolean): EngagementBand {
  if (optedOut) return 'lost';
  if (!hasHistory) return 'new';
  if (score >= 80) return 'champions';
  if (score >= 50) return 'engaged';
  if (score >= 20) return 'quiet';
  if (score >= 10) return 'atRisk';
  return 'lost';
}

export function engagementScore(i: EngagementInputs, nowMs: number): EngagementScore {
  const engagedEver = i.replies + i.clicks + i.conversions > 0;
  const hasHistory = engagedEver || i.delivered > 0;
  const last = i.lastEngagedAt ? Date.parse(i.lastEngagedAt) : Number.NaN;
  const days = Number.isNaN(last) ? null : Math.max(0, (nowMs - last) / DAY_MS);
  // Each part in whole points, so the words of "why this score" add up to the score.
  const parts: EngagementParts = {
    base: hasHistory ? F.base : 0,
    recency: days === null ? 0 : Math.round(F.recencyMax * 0.5 ** (days / F.recencyHalfLifeDays)),
    frequency: Math.round(F.frequencyMax * saturating(i.replies + i.clicks, F.frequencyFullAt)),
    depth: Math.round(F.depthMax * saturating(i.conversions, F.depthFullAt)),
    silence: Math.min(F.silenceMax, F.silencePerText * Math.max(0, i.silent)),
  };
  const raw = parts.base + parts.recency + parts.frequency + parts.depth - parts.silence;
  const score = i.optedOut ? 0 : Math.max(0, Math.min(100, raw));
  return { score, band: bandOf(score, i.optedOut, hasHistory), parts };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const points = (n: number) => `${n} point${n === 1 ? '' : 's'}`;

function ago(days: number): string {
  if (days < 1) return 'today';
  if (days < 2) return 'yesterday';
  if (days < 60) return `${Math.floor(days)} days ago`;
  if (days < 730) return `${Math.floor(days / 30.44)} months ago`;
  return `${Math.floor(days / 365.25)} years ago`;
}

/** "Why this score", in the owner's words: one sentence per part that counted, the total and the band last. */
export function explainEngagement(i: EngagementInputs, nowMs: number): string[] {
  const s = engagementScore(i, nowMs);
  const lines: string[] = [];
  if (i.optedOut) return ['They opted out, so they score 0 and count as Lost whatever they did before.'];
  if (s.band === 'new')
    return [
      'Nothing has been delivered to them yet and they have not replied, clicked or bought: they are New until the first campaign reaches them.',
    ];
  lines.push(`${F.base} points to start with, as a subscribed contact you have texted.`);
  if (i.lastEngagedAt) {
    const days = Math.max(0, (nowMs - Date.parse(i.lastEngagedAt)) / DAY_MS);
    lines.push(
      `Last replied, clicked or bought ${ago(days)}: ${points(s.parts.recency)} for recency (this halves every ${F.recencyHalfLifeDays} days).`,
    );
  } else lines.push('Never replied, clicked or bought: no points for recency.');
  if (i.replies + i.clicks > 0)
    lines.push(
      `${plural(i.replies, 'reply', 'replies')} and ${plural(i.clicks, 'click')}: ${points(s.parts.frequency)} for frequency.`,
    );
  if (i.conversions > 0)
    lines.push(`${plural(i.conversions, 'conversion')} (sales or bookings): ${points(s.parts.depth)}.`);
  if (i.silent > 0)
    lines.push(
      `${plural(i.silent, 'text')} delivered ${i.lastEngagedAt ? 'since then' : ''} without an answer: minus ${points(s.parts.silence)}.`.replace(
        '  ',
        ' ',
      ),
    );
  lines.push(`Score ${s.score} of 100: ${BAND_LABEL[s.band]} (${BAND_MEANING[s.band]}).`);
  return lines;
}
