import type { RecurrenceRule } from '../../../shared/recurrence';
import { DAY, firstInstantAtOrAfter } from '../quiet-hours/zone-clock';

/**
 * Expands a recurrence into its occurrences. Dates are worked out as plain calendar days (day numbers since
 * 1970-01-01), then each is given the series' local time in its zone: the time stays the same on the wall clock
 * across DST changes, a time skipped by a spring-forward change moves to the moment the clocks jump, and a time
 * a fall-back change repeats is taken once, at its first showing. An occurrence is a day the rule names on or
 * after the start date; the start itself counts only when the rule names it (as most calendar apps do).
 */

export interface Occurrence {
  /** Local date and time, YYYY-MM-DDTHH:MM. */
  local: string;
  /** The instant, in ms. */
  at: number;
}

const ymd = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY;
/** 1 = Monday … 7 = Sunday. */
const weekdayOf = (day: number) => ((new Date(day * DAY).getUTCDay() + 6) % 7) + 1;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Days of [first, first + length) that the rule's BYDAY names, ordinals counted within that stretch. */
function byDayIn(rule: RecurrenceRule, first: number, length: number): Set<number> {
  const picked = new Set<number>();
  for (const bd of rule.byDay) {
    const matching: number[] = [];
    for (let d = first; d < first + length; d++) if (weekdayOf(d) === bd.weekday) matching.push(d);
    if (bd.nth === null) matching.forEach((d) => picked.add(d));
    else {
      const d = bd.nth > 0 ? matching[bd.nth - 1] : matching[matching.length + bd.nth];
      if (d !== undefined) picked.add(d);
    }
  }
  return picked;
}

function byMonthDayIn(rule: RecurrenceRule, y: number, m: number): Set<number> {
  const len = daysInMonth(y, m);
  const picked = new Set<number>();
  for (const md of rule.byMonthDay) {
    const d = md > 0 ? md : len + 1 + md;
    if (d >= 1 && d <= len) picked.add(dayOf(y, m, d));
  }
  return picked;
}

/** The days one month gives: BYMONTHDAY and BYDAY (both: the days in both), else the start's day of the month. */
function monthDays(rule: RecurrenceRule, y: number, m: number, startDayOfMonth: number): number[] {
  const hasDays = rule.byDay.length > 0;
  const hasMonthDays = rule.byMonthDay.length > 0;
  if (!hasDays && !hasMonthDays) return startDayOfMonth <= daysInMonth(y, m) ? [dayOf(y, m, startDayOfMonth)] : [];
  const byDay = hasDays ? byDayIn(rule, dayOf(y, m, 1), daysInMonth(y, m)) : null;
  const byMonthDay = hasMonthDays ? byMonthDayIn(rule, y, m) : null;
  const days = byDay && byMonthDay ? [...byDay].filter((d) => byMonthDay.has(d)) : [...(byDay ?? byMonthDay ?? [])];
  return days.sort((a, b) => a - b);
}

function yearDays(rule: RecurrenceRule, y: number, start: { month: number; day: number }): number[] {
  if (rule.byMonth.length)
    return [...rule.byMonth].sort((a, b) => a - b).flatMap((m) => monthDays(rule, y, m, start.day));
  if (rule.byDay.length) {
    // A numbered weekday without BYMONTH counts within the year (20MO = the 20th Monday of the year).
    const first = dayOf(y, 1, 1);
    const days = byDayIn(rule, first, dayOf(y + 1, 1, 1) - first);
    const monthly = rule.byMonthDay.length
      ? new Set(Array.from({ length: 12 }, (_, i) => [...byMonthDayIn(rule, y, i + 1)]).flat())
      : null;
    return [...days].filter((d) => !monthly || monthly.has(d)).sort((a, b) => a - b);
  }
  if (rule.byMonthDay.length) return Array.from({ length: 12 }, (_, i) => monthDays(rule, y, i + 1, start.day)).flat();
  return start.day <= daysInMonth(y, start.month) ? [dayOf(y, start.month, start.day)] : [];
}

/** The days of period k (the k-th day, week, month or year counted in steps of INTERVAL from the start). */
function periodDays(
  rule: RecurrenceRule,
  k: number,
  start: { day: number; year: number; month: number; dom: number },
): number[] {
  const step = k * rule.interval;
  const inMonths = (d: number) => !rule.byMonth.length || rule.byMonth.includes(new Date(d * DAY).getUTCMonth() + 1);
  if (rule.freq === 'DAILY') {
    const d = start.day + step;
    const dom = new Date(d * DAY).getUTCDate();
    const len = daysInMonth(new Date(d * DAY).getUTCFullYear(), new Date(d * DAY).getUTCMonth() + 1);
    const okDay = !rule.byDay.length || rule.byDay.some((b) => b.weekday === weekdayOf(d));
    const okMonthDay = !rule.byMonthDay.length || rule.byMonthDay.some((md) => (md > 0 ? md : len + 1 + md) === dom);
    return okDay && okMonthDay && inMonths(d) ? [d] : [];
  }
  if (rule.freq === 'WEEKLY') {
    const monday = start.day - (weekdayOf(start.day) - 1) + 7 * step;
    const weekdays = rule.byDay.length ? rule.byDay.map((b) => b.weekday) : [weekdayOf(start.day)];
    return [...new Set(weekdays)]
      .sort((a, b) => a - b)
      .map((w) => monday + w - 1)
      .filter(inMonths);
  }
  if (rule.freq === 'MONTHLY') {
    const index = start.year * 12 + (start.month - 1) + step;
    const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
    if (rule.byMonth.length && !rule.byMonth.includes(m)) return [];
    return monthDays(rule, y, m, start.dom);
  }
  return yearDays(rule, start.year + step, { month: start.month, day: start.dom });
}

/** Periods looked through before a rule is declared never to fire (a 29 February every 4th year needs many). */
const PERIOD_YEARS = 400;

/** Occurrence days on or after the start, in order; ends 400 years after the start. */
export function* occurrenceDays(rule: RecurrenceRule, startDate: string): Generator<string> {
  const [year, month, dom] = startDate.split('-').map(Number);
  const start = { day: dayOf(year, month, dom), year, month, dom };
  const lastDay = dayOf(year + PERIOD_YEARS, month, 1);
  for (let k = 0; ; k++) {
    const days = periodDays(rule, k, start);
    for (const d of days) if (d >= start.day) yield ymd(d);
    const periodStart =
      rule.freq === 'DAILY'
        ? start.day + k * rule.interval
        : rule.freq === 'WEEKLY'
          ? start.day + 7 * k * rule.interval
          : rule.freq === 'MONTHLY'
            ? dayOf(year, month + k * rule.interval, 1)
            : dayOf(year + k * rule.interval, 1, 1);
    if (periodStart > lastDay) return;
  }
}

/** The instant a local date and HH:MM time fall on in `zone` (see the note at the top for DST). */
export function localInstant(zone: string, date: string, time: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return firstInstantAtOrAfter(zone, Date.UTC(y, m - 1, d, h, mi));
}

export interface ExpandOptions {
  /** Only occurrences strictly after this instant (ms). */
  after?: number;
  /** At most this many. */
  limit: number;
  /** Nothing past this instant (ms). */
  through?: number;
}

/** The occurrences of a series: `start` is the first one's local date and time (YYYY-MM-DDTHH:MM). */
export function expand(rule: RecurrenceRule, start: string, zone: string, opts: ExpandOptions): Occurrence[] {
  const [date, time] = start.split('T');
  const until = rule.until === null ? Infinity : Date.parse(rule.until);
  const out: Occurrence[] = [];
  let index = 0;
  for (const day of occurrenceDays(rule, date)) {
    if (rule.count !== null && index >= rule.count) break;
    index++;
    const at = localInstant(zone, day, time);
    if (at > until || (opts.through !== undefined && at > opts.through)) break;
    if (opts.after !== undefined && at <= opts.after) continue;
    out.push({ local: `${day}T${time}`, at });
    if (out.length >= opts.limit) break;
  }
  return out;
}
