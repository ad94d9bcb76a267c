/**
 * Which variant a contact receives, and whether they are in the test sample of a "test, then send the winner"
 * campaign. Both are pure functions of (campaign seed, contact id): re-snapshotting an audience, retrying a send
 * or rebuilding the outbox after a crash always gives every contact the same variant.
 */
import { AppError } from '../errors';
import { unitInterval } from './hash';

export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 5;
export const MIN_PERCENT = 1;
export const MAX_PERCENT = 99;

/**
 * Two different hash seeds, so the test-sample draw and the variant draw are independent: who is in the sample
 * says nothing about which variant they get. Changing either constant reshuffles every running campaign.
 */
const VARIANT_SEED = 0x9747b28c;
const TEST_GROUP_SEED = 0x5bd1e995;

/** Ratios must add up to 100, but 33.3 + 33.3 + 33.4 written in floating point is allowed to miss by a hair. */
const SUM_TOLERANCE = 1e-9;

export type VariantIssueCode =
  | 'too_few_variants'
  | 'too_many_variants'
  | 'ratio_not_a_number'
  | 'ratio_out_of_range'
  | 'ratios_do_not_add_up'
  | 'test_percent_out_of_range';

export interface VariantIssue {
  code: VariantIssueCode;
  message: string;
  /** The variant the issue is about (0 = A), when it is about one. */
  variant?: number;
}

/** Letter names used in messages: variant 0 is "A". */
export function variantLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/**
 * Every problem with a split, in words a business owner can act on. An empty list means the split is usable.
 * `ratios` are percentages (one per variant) that must add up to 100; `testPercent` is the share of the audience
 * that receives the test when the winner is sent to the rest afterwards.
 */
export function validateVariants(ratios: readonly number[], testPercent?: number): VariantIssue[] {
  const issues: VariantIssue[] = [];
  if (ratios.length < MIN_VARIANTS) {
    issues.push({
      code: 'too_few_variants',
      message: `An A/B test needs at least ${MIN_VARIANTS} variants; this one has ${ratios.length}.`,
    });
  }
  if (ratios.length > MAX_VARIANTS) {
    issues.push({
      code: 'too_many_variants',
      message: `An A/B test can have at most ${MAX_VARIANTS} variants; this one has ${ratios.length}. Remove ${ratios.length - MAX_VARIANTS}.`,
    });
  }
  ratios.forEach((ratio, variant) => {
    const name = `Variant ${variantLetter(variant)}`;
    if (!Number.isFinite(ratio)) {
      issues.push({
        code: 'ratio_not_a_number',
        variant,
        message: `${name} has no share set. Enter a percentage between ${MIN_PERCENT} and ${MAX_PERCENT}.`,
      });
    } else if (ratio < MIN_PERCENT || ratio > MAX_PERCENT) {
      issues.push({
        code: 'ratio_out_of_range',
        variant,
        message: `${name} is set to ${formatPercent(ratio)}; each variant must get between ${MIN_PERCENT}% and ${MAX_PERCENT}% of the audience.`,
      });
    }
  });
  if (ratios.length > 0 && ratios.every(Number.isFinite)) {
    const total = ratios.reduce((sum, ratio) => sum + ratio, 0);
    if (Math.abs(total - 100) > SUM_TOLERANCE) {
      const gap = 100 - total;
      const fix =
        gap > 0 ? `add ${formatPercent(gap)} to one of them` : `take ${formatPercent(-gap)} away from one of them`;
      issues.push({
        code: 'ratios_do_not_add_up',
        message: `The variant shares add up to ${formatPercent(total)} but must add up to 100%: ${fix}.`,
      });
    }
  }
  if (
    testPercent !== undefined &&
    !(Number.isFinite(testPercent) && testPercent >= MIN_PERCENT && testPercent <= MAX_PERCENT)
  ) {
    issues.push({
      code: 'test_percent_out_of_range',
      message: `The test sample is set to ${Number.isFinite(testPercent) ? formatPercent(testPercent) : 'nothing'}; choose between ${MIN_PERCENT}% and ${MAX_PERCENT}% of the audience (the winner goes to the rest).`,
    });
  }
  return issues;
}

/**
 * The variant (0-based) a contact receives. The contact's hash position in [0, 1) is laid over the cumulative
 * ratios, so over many contacts each variant gets its share, and one contact always lands in the same place.
 */
export function assignVariant(campaignSeed: string, contactId: string | number, ratios: readonly number[]): number {
  assertValid(validateVariants(ratios));
  const position = unitInterval(`${campaignSeed}:${contactId}`, VARIANT_SEED) * 100;
  let cumulative = 0;
  for (let index = 0; index < ratios.length - 1; index++) {
    cumulative += ratios[index];
    if (position < cumulative) return index;
  }
  // The last variant takes everything left, so float rounding in the cumulative sum can never leave a gap.
  return ratios.length - 1;
}

/**
 * Whether a contact belongs to the test sample. Uses its own hash seed, so membership is independent of the
 * variant; and because the cut is "position below testPercent", enlarging the sample keeps everyone already in it.
 */
export function inTestGroup(campaignSeed: string, contactId: string | number, testPercent: number): boolean {
  assertValid(validateVariants([50, 50], testPercent));
  return unitInterval(`${campaignSeed}:${contactId}`, TEST_GROUP_SEED) * 100 < testPercent;
}

function assertValid(issues: VariantIssue[]): void {
  if (issues.length > 0) throw new AppError('invalid_input', issues.map((issue) => issue.message).join(' '));
}

function formatPercent(value: number): string {
  return `${Number(value.toFixed(2))}%`;
}
