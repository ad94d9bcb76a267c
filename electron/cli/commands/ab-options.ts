import { MAX_VARIANTS, MIN_VARIANTS, isAbMetric, validateVariants, variantLetter } from '../../../shared/abtests';
import type { AbConfig } from '../../../shared/campaigns';
import { UsageError } from '../framework';

/** The options `campaigns create` takes for an A/B campaign and tracked links. */
export const abCreateOptions = {
  variant: { type: 'string', multiple: true },
  split: { type: 'string' },
  'test-percent': { type: 'string' },
  metric: { type: 'string' },
  'track-links': { type: 'boolean' },
} as const;

export const abCreateUsage =
  '[--variant TEXT --variant TEXT... [--split 30,70] [--test-percent N] [--metric replied|clicked|converted|optedOut]] [--track-links]';

/** 2 → [50, 50]; 3 → [34, 33, 33]: whole percentages adding up to 100, the first ones taking the remainder. */
export function evenSplit(count: number): number[] {
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

function wholeNumber(text: string, what: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${what} must be a whole number, got "${text}"`);
  return Number(text.trim());
}

/** The draft fields from the command line, or a usage error that says what to change. */
export function abDraftFromOptions(values: Record<string, unknown>): { ab?: AbConfig; trackLinks?: boolean } {
  const trackLinks = values['track-links'] === true ? { trackLinks: true } : {};
  const bodies = values.variant as string[] | undefined;
  if (!bodies) {
    const stray = ['split', 'test-percent', 'metric'].filter((o) => values[o] !== undefined);
    if (stray.length)
      throw new UsageError(
        `${stray.map((o) => `--${o}`).join(', ')} only apply to an A/B campaign: give two to five --variant "message text"`,
      );
    return trackLinks;
  }
  if (bodies.length < MIN_VARIANTS || bodies.length > MAX_VARIANTS) {
    throw new UsageError(
      `an A/B campaign has ${MIN_VARIANTS} to ${MAX_VARIANTS} variants; got ${bodies.length} --variant`,
    );
  }
  bodies.forEach((body, i) => {
    if (!body.trim()) throw new UsageError(`--variant ${variantLetter(i)} is empty; give the message text`);
  });
  const split =
    values.split === undefined
      ? evenSplit(bodies.length)
      : String(values.split)
          .split(',')
          .map((part) => wholeNumber(part, '--split shares'));
  if (split.length !== bodies.length)
    throw new UsageError(
      `--split gives ${split.length} shares for ${bodies.length} variants; give one per variant, e.g. --split ${evenSplit(bodies.length).join(',')}`,
    );
  const testPercent =
    values['test-percent'] === undefined ? undefined : wholeNumber(String(values['test-percent']), '--test-percent');
  const issues = validateVariants(split, testPercent);
  if (issues.length) throw new UsageError(issues.map((i) => i.message).join(' '));
  const metric = values.metric === undefined ? 'replied' : String(values.metric);
  if (!isAbMetric(metric)) {
    const choices = '--metric replied, clicked, converted or optedOut';
    throw new UsageError(
      metric === 'opened'
        ? `SMS cannot tell whether a text was opened; use ${choices}`
        : `unknown metric "${metric}"; use ${choices}`,
    );
  }
  return {
    ab: {
      variants: bodies.map((body, i) => ({ name: variantLetter(i), body })),
      split,
      ...(testPercent !== undefined ? { testPercent } : {}),
      metric,
    },
    ...trackLinks,
  };
}
