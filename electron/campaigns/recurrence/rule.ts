import { DateTime } from 'luxon';
import { AppError } from '../../../shared/errors';
import type { Frequency, RecurrenceRule, RuleWeekday } from '../../../shared/recurrence';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const FREQUENCIES: Frequency[] = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const bad = (message: string) => new AppError('invalid_input', `Repeat rule: ${message}`);

function integer(text: string, name: string, min: number, max: number): number {
  if (!/^[+-]?\d+$/.test(text)) throw bad(`${name} must be a whole number, got "${text}".`);
  const n = Number(text);
  if (n < min || n > max) throw bad(`${name} must be between ${min} and ${max}, got ${n}.`);
  return n;
}

function list<T>(text: string, one: (part: string) => T): T[] {
  return text.split(',').map((p) => one(p.trim()));
}

function weekday(text: string): RuleWeekday {
  const m = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(text.toUpperCase());
  const day = m ? WEEKDAYS.indexOf(m[2]) : -1;
  if (!m || day < 0) throw bad(`BYDAY takes days such as TU, 2TU or -1FR, got "${text}".`);
  const nth = m[1] === undefined ? null : Number(m[1]);
  if (nth !== null && (nth === 0 || Math.abs(nth) > 53))
    throw bad(`"${text}" names no week (use 1 to 5, or -1 for the last).`);
  return { weekday: day + 1, nth };
}

/** UNTIL as an instant: a UTC time (…Z), a floating time or a date (the end of that day) in the series' zone. */
function untilInstant(text: string, zone: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(text);
  if (!m) throw bad(`UNTIL must look like 20271231 or 20271231T235959Z, got "${text}".`);
  const [, y, mo, d, h, mi, s, z] = m;
  const fields = { year: +y, month: +mo, day: +d, hour: h ? +h : 23, minute: mi ? +mi : 59, second: s ? +s : 59 };
  const at = DateTime.fromObject(fields, { zone: z ? 'utc' : zone });
  if (!at.isValid || at.day !== fields.day) throw bad(`UNTIL ${text} is not a real date.`);
  return at.toUTC().toISO() ?? '';
}

/** Parses the subset of RFC 5545 RRULE a campaign repeats by; anything else is named and refused. */
export function parseRule(text: string, zone: string): RecurrenceRule {
  const rule: RecurrenceRule = {
    freq: 'DAILY',
    interval: 1,
    byDay: [],
    byMonthDay: [],
    byMonth: [],
    count: null,
    until: null,
  };
  const seen = new Set<string>();
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) throw bad('it is empty; give one such as FREQ=WEEKLY;BYDAY=TU.');
  for (const part of body.split(';')) {
    if (!part.trim()) continue;
    const [rawKey, value] = part.split('=');
    const key = rawKey.trim().toUpperCase();
    if (value === undefined || !value.trim()) throw bad(`"${part}" has no value.`);
    if (seen.has(key)) throw bad(`${key} is given twice.`);
    seen.add(key);
    const v = value.trim();
    if (key === 'FREQ') {
      const f = v.toUpperCase() as Frequency;
      if (!FREQUENCIES.includes(f)) throw bad(`FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY, got "${v}".`);
      rule.freq = f;
    } else if (key === 'INTERVAL') rule.interval = integer(v, 'INTERVAL', 1, 1000);
    else if (key === 'COUNT') rule.count = integer(v, 'COUNT', 1, 100_000);
    else if (key === 'UNTIL') rule.until = untilInstant(v, zone);
    else if (key === 'BYDAY') rule.byDay = list(v, weekday);
    else if (key === 'BYMONTHDAY') rule.byMonthDay = list(v, (p) => integer(p, 'BYMONTHDAY', -31, 31));
    else if (key === 'BYMONTH') rule.byMonth = list(v, (p) => integer(p, 'BYMONTH', 1, 12));
    else if (key === 'WKST' && v.toUpperCase() === 'MO') continue;
    else
      throw bad(
        `${key}${key === 'WKST' ? `=${v}` : ''} is not supported (use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL).`,
      );
  }
  if (!seen.has('FREQ')) throw bad('FREQ is missing (DAILY, WEEKLY, MONTHLY or YEARLY).');
  if (rule.byMonthDay.includes(0)) throw bad('BYMONTHDAY=0 names no day (use 1 to 31, or -1 for the last day).');
  if (rule.count !== null && rule.until !== null) throw bad('give COUNT or UNTIL, not both.');
  const ordinals = rule.byDay.filter((d) => d.nth !== null);
  if (ordinals.length && (rule.freq === 'DAILY' || rule.freq === 'WEEKLY'))
    throw bad(
      `a numbered weekday such as ${rule.byDay[0].nth}${WEEKDAYS[rule.byDay[0].weekday - 1]} needs FREQ=MONTHLY or YEARLY.`,
    );
  const limit = rule.freq === 'YEARLY' && !rule.byMonth.length ? 53 : 5;
  for (const d of ordinals)
    if (Math.abs(d.nth ?? 0) > limit) throw bad(`there is no week ${d.nth} in a ${limit === 5 ? 'month' : 'year'}.`);
  if (rule.byMonthDay.length && rule.freq === 'WEEKLY') throw bad('BYMONTHDAY does not go with FREQ=WEEKLY.');
  return rule;
}

/** The rule as an RRULE again (canonical order), for storing and showing. */
export function formatRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byDay.length)
    parts.push(`BYDAY=${rule.byDay.map((d) => `${d.nth ?? ''}${WEEKDAYS[d.weekday - 1]}`).join(',')}`);
  if (rule.byMonthDay.length) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byMonth.length) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== null) parts.push(`UNTIL=${rule.until.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
  return parts.join(';');
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ordinal = (n: number): string =>
  n === -1
    ? 'last'
    : n < 0
      ? `${ordinal(-n)} to last`
      : `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
const joined = (xs: string[]) =>
  xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/** "Every 2 weeks on Tuesday at 10:00": the rule as the owner would say it. */
export function describeRule(rule: RecurrenceRule, time: string): string {
  const unit = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' }[rule.freq];
  const words = [rule.interval === 1 ? `Every ${unit}` : `Every ${rule.interval} ${unit}s`];
  const days = rule.byDay.map((d) =>
    d.nth === null ? DAY_NAMES[d.weekday - 1] : `the ${ordinal(d.nth)} ${DAY_NAMES[d.weekday - 1]}`,
  );
  const monthDays = rule.byMonthDay.map((d) => (d === -1 ? 'the last day' : `the ${ordinal(d)}`));
  if (days.length) words.push(`on ${joined(days)}`);
  if (monthDays.length) words.push(`on ${joined(monthDays)}`);
  if (rule.byMonth.length) words.push(`in ${joined(rule.byMonth.map((m) => MONTH_NAMES[m - 1]))}`);
  words.push(`at ${time}`);
  if (rule.count !== null) words.push(`, ${rule.count} time${rule.count === 1 ? '' : 's'}`);
  if (rule.until !== null) words.push(`, until ${rule.until.slice(0, 10)}`);
  return words.join(' ').replace(' ,', ',');
}
