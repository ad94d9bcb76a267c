import { DateTime } from 'luxon';
import { AppError } from '../../../shared/errors';
import { SEARCH_DAYS, firstOpenInstant, whyClosed } from './open-search';
import { FEDERAL_POLICY, parseHHMM, parsePolicy, type SendPolicy } from './policy';
import { recipientLocation, type RecipientLocation } from './recipient-location';
import { maxPerSubjectPer24h, stateRulesFor } from './state-rules';
import { weekWindows } from './week-windows';
import { MINUTE, firstInstantAtOrAfter, isValidZone } from './zone-clock';

export interface SendWindowRequest {
  /** Recipient, E.164. */
  phone: string;
  /** The instant we would like to send. */
  at: Date;
  policy: SendPolicy;
  /** The business's IANA zone: stands in for recipients we cannot place. */
  businessZone: string;
}

export interface SendWindowResult {
  allowed: boolean;
  /** Why not, in plain words, zone by zone (only when not allowed). */
  reason?: string;
  /** The earliest instant ≥ `at` open in every zone (equal to `at` when allowed); absent when none within 14 days. */
  nextAllowedAt?: Date;
  /** Every zone the recipient may be in; the send must be inside the window in all of them. */
  zones: string[];
  /** True when the number could not be placed and the business's zone was used instead. */
  zoneUncertain: boolean;
  /** How the zones were found: by NANP area code, by country, or the business's zone standing in. */
  placedBy: RecipientLocation['placedBy'];
  /** ISO 3166-2 subdivisions the area code serves. */
  regions: string[];
  /** Names of the state rules applied, e.g. ['Florida']. */
  stateRules: string[];
  /** Same-subject cap per recipient per 24 hours from the state rules (Florida, Oklahoma: 3), when there is one. */
  maxPerSubjectPer24h?: number;
}

function requireZone(businessZone: string): void {
  if (!isValidZone(businessZone)) {
    throw new AppError(
      'invalid_input',
      `"${businessZone}" is not a time zone name like America/New_York; set the business time zone in Settings.`,
    );
  }
}

function checkAt(location: RecipientLocation, atMs: number, policy: SendPolicy): SendWindowResult {
  const rules = stateRulesFor(location);
  const week = weekWindows(parsePolicy(policy), rules);
  const zones = [...location.zones];
  const cap = maxPerSubjectPer24h(rules);
  const base = {
    zones,
    zoneUncertain: location.zoneUncertain,
    placedBy: location.placedBy,
    regions: [...location.regions],
    stateRules: rules.map((rule) => rule.name),
    ...(cap === undefined ? {} : { maxPerSubjectPer24h: cap }),
  };
  const closed = whyClosed(atMs, zones, week);
  if (closed === undefined) return { allowed: true, nextAllowedAt: new Date(atMs), ...base };
  const next = firstOpenInstant(atMs, zones, week);
  if (next === undefined) {
    return {
      allowed: false,
      reason: `${closed}. No time in the next ${SEARCH_DAYS} days is inside the sending window in every time zone this number may be in (${zones.join(', ')}).`,
      ...base,
    };
  }
  return { allowed: false, reason: closed, nextAllowedAt: new Date(next), ...base };
}

/**
 * May a marketing text go to `phone` at `at`? The federal 08:00–21:00 window always applies, the state rules for
 * the recipient's area code narrow it, and the business's policy narrows it further; the send must be inside the
 * result in every zone the number may be in. When it may not, `nextAllowedAt` says when it next may.
 */
export function sendWindowCheck(request: SendWindowRequest): SendWindowResult {
  const atMs = request.at.getTime();
  if (Number.isNaN(atMs)) throw new AppError('invalid_input', 'The send time is not a valid date.');
  requireZone(request.businessZone);
  return checkAt(recipientLocation(request.phone, request.businessZone), atMs, request.policy);
}

export interface LocalSendTime {
  /** The instant it is `localHHMM` on that date for the recipient (the latest such instant for a multi-zone number). */
  target: Date;
  /** When to send: `target` if it is allowed, else the next allowed instant; absent when none within 14 days. */
  sendAt?: Date;
  check: SendWindowResult;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function calendarDate(date: string | Date, businessZone: string): { year: number; month: number; day: number } {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new AppError('invalid_input', 'The send date is not a valid date.');
    const local = DateTime.fromJSDate(date, { zone: businessZone });
    return { year: local.year, month: local.month, day: local.day };
  }
  const m = ISO_DATE.exec(date);
  const parsed = m
    ? DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { zone: 'UTC' })
    : undefined;
  if (!m || !parsed?.isValid)
    throw new AppError('invalid_input', `The send date "${date}" is not a date like 2026-05-04.`);
  return { year: parsed.year, month: parsed.month, day: parsed.day };
}

/**
 * "Send at the same local time for each recipient": the instant it is `localHHMM` on the campaign's date where the
 * recipient is — for a number that may be in several zones, the latest of those instants, so that it is not early
 * anywhere — then passed through the window check. A time skipped by a spring-forward change counts from the moment
 * the clocks jump; a repeated one from its first occurrence.
 *
 * @param dateInBusinessZone the campaign's calendar date: 'YYYY-MM-DD', or an instant whose date in `businessZone`
 *   is taken.
 */
export function localSendTime(
  phone: string,
  localHHMM: string,
  dateInBusinessZone: string | Date,
  businessZone: string,
  policy: SendPolicy = FEDERAL_POLICY,
): LocalSendTime {
  requireZone(businessZone);
  const minute = parseHHMM(localHHMM, 'The local send time');
  const { year, month, day } = calendarDate(dateInBusinessZone, businessZone);
  const wall = Date.UTC(year, month - 1, day) + minute * MINUTE;
  const location = recipientLocation(phone, businessZone);
  const target = Math.max(...location.zones.map((zone) => firstInstantAtOrAfter(zone, wall)));
  const check = checkAt(location, target, policy);
  return { target: new Date(target), sendAt: check.nextAllowedAt, check };
}
