import { AppError } from '../errors';
import type { AudienceSegments } from './audience';

export interface CostEstimate {
  /** Price of one typical message, in dollars, to 4 decimals (per-segment prices are fractions of a cent). */
  perMessageTypical: number;
  /** Price of the whole send, in dollars, rounded to the cent. */
  total: number;
}

/**
 * Money is counted in whole ten-thousandths of a dollar so that adding up 200,000 messages at $0.0079 gives
 * exactly $1,580.00 rather than a float that is a fraction of a cent off.
 */
const UNITS_PER_DOLLAR = 10_000;
const UNITS_PER_CENT = 100;

export function estimateCost(
  segments: Pick<AudienceSegments, 'typical' | 'totalSegments'>,
  pricePerSegment: number,
): CostEstimate {
  if (!Number.isFinite(pricePerSegment) || pricePerSegment < 0) {
    throw new AppError(
      'invalid_input',
      `The price per segment must be a number of dollars of 0 or more, such as 0.0079; got ${String(pricePerSegment)}.`,
    );
  }
  const priceUnits = Math.round(pricePerSegment * UNITS_PER_DOLLAR);
  const perMessageUnits = segments.typical * priceUnits;
  const totalUnits = segments.totalSegments * priceUnits;
  return {
    perMessageTypical: perMessageUnits / UNITS_PER_DOLLAR,
    total: Math.round(totalUnits / UNITS_PER_CENT) / (UNITS_PER_DOLLAR / UNITS_PER_CENT),
  };
}
