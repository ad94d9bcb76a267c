/** A/B testing logic shared by main and renderer: pure, no Node APIs. */
export {
  MAX_PERCENT,
  MAX_VARIANTS,
  MIN_PERCENT,
  MIN_VARIANTS,
  assignVariant,
  inTestGroup,
  validateVariants,
  variantLetter,
} from './assign';
export type { VariantIssue, VariantIssueCode } from './assign';
export { chiSquareTest, compareWithReference, holmAdjust } from './chisquare';
export type { ChiSquareOptions, ChiSquareResult, PairwiseTest, VariantCounts } from './chisquare';
export { compareRates, wilsonInterval } from './effect';
export type { Effect, Estimate, Interval, RateEstimate } from './effect';
export {
  MIN_LOOK_SPACING,
  informationFraction,
  planLook,
  plannedSampleSize,
  sequentialBoundaries,
  spentAlpha,
} from './sequential';
export type { LookBoundary, LookPlan, SampleSizeInput } from './sequential';
export { MIN_EXPECTED_COUNT, decide } from './verdict';
export type { DecideInput, LeaderComparison, PeekingGuard, Verdict, VerdictReason, VariantOutcome } from './verdict';
export { isAbMetric, lowerIsBetter, metricNoun } from './wording';
export type { AbMetric } from './wording';
export { GUIDANCE_POWER, sampleGuidance, smallestDetectableLift } from './guidance';
export type { GuidanceInput, SampleGuidance } from './guidance';
