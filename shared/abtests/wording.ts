/**
 * The words of the A/B report: one plain sentence a business owner can read without statistics, and what to do
 * next. Kept apart from the decision logic so the numbers and the phrasing can change independently.
 */

export type AbMetric = 'replied' | 'clicked' | 'converted' | 'optedOut';

/** What one success of each metric is called in a sentence ("38% more replies"). */
const METRIC_NOUN: Record<AbMetric, string> = {
  replied: 'replies',
  clicked: 'link clicks',
  converted: 'conversions',
  optedOut: 'opt-outs',
};

export function metricNoun(metric: AbMetric): string {
  return METRIC_NOUN[metric];
}

/** Runtime guard for metric names arriving over IPC; "opened" is deliberately absent — SMS has no read signal. */
export function isAbMetric(value: unknown): value is AbMetric {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(METRIC_NOUN, value);
}

/** Opt-outs are the one metric where the smaller rate wins. */
export function lowerIsBetter(metric: AbMetric): boolean {
  return metric === 'optedOut';
}

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return integerFormat.format(value);
}

/** A share (0.384) as "38%", keeping one decimal below 10% so small effects do not read as "0%". */
export function formatShare(share: number): string {
  const percent = Math.abs(share) * 100;
  return percent >= 9.95 ? `${Math.round(percent)}%` : `${Number(percent.toFixed(1))}%`;
}

/** "p = 0.41", "p = 0.051", "p = 0.0065", "p < 0.001": two significant digits near the thresholds that matter. */
export function formatPValue(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return p < 0.1 ? `p = ${Number(p.toPrecision(2))}` : `p = ${p.toFixed(2)}`;
}

/**
 * "97%" from p = 0.026: rounded down, so the sentence never claims more confidence than the test gives; above
 * 99.9% it reads "more than 99.9%" rather than an absurd "100%".
 */
export function formatConfidence(pValue: number): string {
  if (pValue < 0.001) return 'more than 99.9%';
  return `${Math.floor((1 - pValue) * 100 + 1e-9)}%`;
}

/** "Variant A", "Variant A and Variant B", "Variant A, Variant B and Variant C". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export interface WinnerWording {
  metric: AbMetric;
  winner: string;
  runnerUp: string;
  winnerRate: number;
  runnerUpRate: number;
  /** The weakest evidence among the winner's comparisons (largest adjusted p-value). */
  pValue: number;
}

/** "Variant B got 38% more replies than Variant A; we are 97% confident this is not luck." */
export function winnerSentence(w: WinnerWording): string {
  const noun = metricNoun(w.metric);
  const confidence = `we are ${formatConfidence(w.pValue)} confident this is not luck.`;
  if (lowerIsBetter(w.metric)) {
    if (w.winnerRate === 0)
      return `${w.winner} got no ${noun}, against ${formatShare(w.runnerUpRate)} for ${w.runnerUp}; ${confidence}`;
    return `${w.winner} got ${formatShare(1 - w.winnerRate / w.runnerUpRate)} fewer ${noun} than ${w.runnerUp}; ${confidence}`;
  }
  if (w.runnerUpRate === 0) {
    return `${w.winner} got ${noun} from ${formatShare(w.winnerRate)} of recipients and ${w.runnerUp} got none; ${confidence}`;
  }
  return `${w.winner} got ${formatShare(w.winnerRate / w.runnerUpRate - 1)} more ${noun} than ${w.runnerUp}; ${confidence}`;
}

export function winnerRecommendation(winner: string): string {
  return `Send ${winner} to the rest of your audience, and start from it in your next campaign.`;
}

export function notEnoughDataSentence(minimum: number, short: readonly { name: string; delivered: number }[]): string {
  const detail = short.map((s) => `${s.name} has ${formatCount(s.delivered)}`).join(', ');
  return `Not enough data yet: each variant needs at least ${formatCount(minimum)} delivered messages (${detail}).`;
}

export function tooFewEventsSentence(metric: AbMetric, totalSuccesses: number): string {
  const noun = metricNoun(metric);
  return `Too few ${noun} so far to compare the variants fairly (${formatCount(totalSuccesses)} in total); the verdict waits for more.`;
}

export function waitingForPlannedSampleSentence(
  planned: number,
  smallest: { name: string; delivered: number },
): string {
  return `Too early to call: the test is judged once each variant has ${formatCount(planned)} delivered messages (${smallest.name} has ${formatCount(smallest.delivered)} so far).`;
}

export function nextCheckClause(nextCheckDelivered: number | null): string {
  return nextCheckDelivered === null
    ? ''
    : ` The next check is when each variant has ${formatCount(nextCheckDelivered)} delivered messages.`;
}

export function noClearWinnerSentence(pValue: number, nominalAlpha: number, alpha: number, final: boolean): string {
  if (!final && pValue < alpha) {
    return `A difference is showing but is not yet strong enough to call at this early check (${formatPValue(pValue)}; this check needs p below ${nominalAlpha < 0.001 ? '0.001' : Number(nominalAlpha.toPrecision(2))}).`;
  }
  return final
    ? `No clear winner: the difference could easily be luck (${formatPValue(pValue)}).`
    : `No clear winner yet: the difference could still be luck (${formatPValue(pValue)}).`;
}

export function noSingleWinnerSentence(leaders: readonly string[], others: readonly string[], pValue: number): string {
  if (others.length === 0)
    return `The variants differ, but no single one is clearly the best (${formatPValue(pValue)}).`;
  return `${listNames(leaders)} did better than ${listNames(others)}, but none of them is clearly ahead of the others (${formatPValue(pValue)}).`;
}

export function noWinnerRecommendation(input: {
  leaders: readonly string[];
  leader: string;
  final: boolean;
  allVariants: number;
  differ: boolean;
}): string {
  const { leaders, leader, final, allVariants, differ } = input;
  if (!final) return 'Keep the test running; the report will call a winner as soon as the evidence is strong enough.';
  if (leaders.length < allVariants) {
    const choice = leaders.length === 2 ? `either ${leaders[0]} or ${leaders[1]}` : `any of ${listNames(leaders)}`;
    return `Choose ${choice} — as far as the data can tell they did equally well — and drop the others.`;
  }
  if (differ)
    return `No variant is clearly the best. ${leader} is ahead; pick it if you must choose now, or run a larger test.`;
  return 'Any variant will do: pick the shortest or cheapest to send, or test a bolder change next time.';
}

export function keepRunningRecommendation(metric: AbMetric): string {
  return `Keep the test running; the verdict comes once there are enough delivered messages and ${metricNoun(metric)}.`;
}
