import { AppError } from '../../../shared/errors';

/** The business's own sending window at the recipient, which can only narrow the legal one. */
export interface SendPolicy {
  /** 'HH:MM', local time at the recipient. Earlier than 08:00 is treated as 08:00. */
  start: string;
  /** 'HH:MM', exclusive. Later than 21:00 is treated as 21:00. */
  end: string;
  /** Days the business never sends on, 0 = Sunday … 6 = Saturday, in the recipient's local calendar. */
  excludedDays?: readonly number[];
}

export interface ParsedPolicy {
  start: number;
  end: number;
  excludedDays: ReadonlySet<number>;
}

/** TCPA, 47 CFR 64.1200(c)(1): no solicitations before 8 a.m. or after 9 p.m. at the called party's location. */
export const FEDERAL_START = 8 * 60;
export const FEDERAL_END = 21 * 60;
export const FEDERAL_POLICY: SendPolicy = { start: '08:00', end: '21:00' };

export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight for an 'HH:MM' time; throws an AppError naming `what` when it is not one. */
export function parseHHMM(text: string, what: string): number {
  const m = HHMM.exec(text);
  if (!m)
    throw new AppError('invalid_input', `${what} "${text}" is not a time like 09:30 (24-hour clock, 00:00–23:59).`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatHHMM(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * Checks the policy is well-formed. It is not clamped here: the federal window is simply one more limit applied
 * with it, so a policy wider than 08:00–21:00 ends up narrowed to it and never widens anything.
 */
export function parsePolicy(policy: SendPolicy): ParsedPolicy {
  const start = parseHHMM(policy.start, 'The sending window start');
  const end = parseHHMM(policy.end, 'The sending window end');
  if (start >= end) {
    throw new AppError(
      'invalid_input',
      `The sending window must start before it ends (got ${policy.start}–${policy.end}); overnight windows are not allowed.`,
    );
  }
  const excluded = policy.excludedDays ?? [];
  for (const day of excluded) {
    if (!Number.isInteger(day) || day < 0 || day > 6) {
      throw new AppError(
        'invalid_input',
        `Excluded day ${String(day)} is not a weekday number (0 = Sunday … 6 = Saturday).`,
      );
    }
  }
  return { start, end, excludedDays: new Set(excluded) };
}
