import type { DateFieldRepeat, RepeatInput } from '../../../../shared/recurrence';

/** What the Repeat section of the wizard holds, as the owner chooses it; turned into an RRULE for the core. */
export interface RepeatChoice {
  /** DATE: on each contact's date (a date-type custom field such as a birthday), not by a rule. */
  freq: 'none' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY' | 'DATE';
  interval: string;
  /** RRULE day codes for a weekly repeat. */
  weekdays: string[];
  /** Monthly: on the start's day of the month, its weekday's place in the month ("2nd Tuesday"), or the last day. */
  monthly: 'day' | 'nth' | 'last';
  end: 'never' | 'until' | 'count';
  until: string;
  count: string;
  skipRecentDays: string;
  /** A rule typed (or loaded from a saved series) as RRULE text; it wins over the choices above when set. */
  custom: string;
  /** On each contact's date: the date field's key, how many days before (0–60), and whose clock the time is on. */
  fieldKey: string;
  daysBefore: string;
  recipientLocal: boolean;
}

export const DAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export function emptyRepeat(): RepeatChoice {
  return {
    freq: 'none',
    interval: '1',
    weekdays: [],
    monthly: 'day',
    end: 'never',
    until: '',
    count: '10',
    skipRecentDays: '',
    custom: '',
    fieldKey: '',
    daysBefore: '0',
    recipientLocal: false,
  };
}

/** The weekday (RRULE code) and its place in the month of a YYYY-MM-DD date: 2026-12-08 → 2TU. */
export function nthWeekdayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${Math.ceil(d.getUTCDate() / 7)}${DAY_CODES[d.getUTCDay()]}`;
}

export function ruleOf(c: RepeatChoice, startDate: string): string {
  if (c.custom.trim()) return c.custom.trim();
  const parts = [`FREQ=${c.freq}`];
  if (c.interval.trim() && c.interval.trim() !== '1') parts.push(`INTERVAL=${c.interval.trim()}`);
  if (c.freq === 'WEEKLY')
    parts.push(
      `BYDAY=${(c.weekdays.length ? c.weekdays : [DAY_CODES[new Date(`${startDate}T00:00:00Z`).getUTCDay()]]).join(',')}`,
    );
  if (c.freq === 'MONTHLY' && c.monthly === 'nth') parts.push(`BYDAY=${nthWeekdayOf(startDate)}`);
  if (c.freq === 'MONTHLY' && c.monthly === 'last') parts.push('BYMONTHDAY=-1');
  if (c.end === 'count') parts.push(`COUNT=${c.count.trim()}`);
  if (c.end === 'until' && c.until) parts.push(`UNTIL=${c.until.replace(/-/g, '')}`);
  return parts.join(';');
}

/** The draft's repeat (or dateField: a birthday series checking every day from `date` at `time`), or nothing for a one-time campaign. */
export function repeatOf(
  c: RepeatChoice,
  date: string,
  time: string,
): { repeat?: RepeatInput; dateField?: DateFieldRepeat } {
  if (c.freq === 'DATE')
    return {
      dateField: {
        fieldKey: c.fieldKey,
        daysBefore: Number(c.daysBefore || '0'),
        time,
        recipientLocal: c.recipientLocal,
        startDate: date,
      },
    };
  if (c.freq === 'none' && !c.custom.trim()) return {};
  const skip = Number(c.skipRecentDays);
  return {
    repeat: {
      rule: ruleOf(c, date),
      start: `${date}T${time}`,
      ...(c.skipRecentDays.trim() && Number.isInteger(skip) && skip > 0 ? { skipRecentDays: skip } : {}),
    },
  };
}
