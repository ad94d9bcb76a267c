import { DateTime } from 'luxon';
import { AppError } from '../../../shared/errors';
import type { RecurrenceRule } from '../../../shared/recurrence';
import { isValidZone } from '../quiet-hours/zone-clock';
import { expand, localInstant } from './expand';
import { parseRule } from './rule';

export interface CheckedRepeat {
  rule: RecurrenceRule;
  zone: string;
  start: string;
  /** The first occurrence (ms). */
  first: number;
}

export function checkZone(zone: string): string {
  if (!isValidZone(zone))
    throw new AppError(
      'invalid_input',
      `"${zone}" is not a time zone name; use an IANA name such as America/New_York or Europe/Berlin.`,
    );
  return zone;
}

/** A repeat the owner asked for, checked whole before anything is saved: it must fire, and end after it starts. */
export function checkRepeat(ruleText: string, start: string, zone: string): CheckedRepeat {
  checkZone(zone);
  const rule = parseRule(ruleText, zone);
  const [date, time] = start.split('T');
  const startAt = localInstant(zone, date, time);
  if (rule.until !== null && Date.parse(rule.until) < startAt) {
    const end = DateTime.fromISO(rule.until, { zone }).toFormat('yyyy-MM-dd HH:mm');
    throw new AppError(
      'invalid_input',
      `The repeat ends (${end}) before it starts (${start.replace('T', ' ')}, ${zone}).`,
    );
  }
  const [first] = expand(rule, start, zone, { limit: 1 });
  if (!first) {
    throw new AppError(
      'invalid_input',
      rule.until !== null
        ? `The repeat rule names no day between ${date} and its end (${rule.until.slice(0, 10)}).`
        : `The repeat rule never fires: no date matches it (check BYMONTHDAY against BYMONTH, e.g. 31 February).`,
    );
  }
  return { rule, zone, start, first: first.at };
}
