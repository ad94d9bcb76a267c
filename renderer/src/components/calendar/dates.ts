/** Calendar days as YYYY-MM-DD strings, worked out in UTC so no local zone of this computer creeps in. */

const DAY = 86_400_000;
const parse = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (d: string, n: number) => iso(parse(d) + n * DAY);
/** 0 = Sunday. */
export const weekdayOf = (d: string) => new Date(parse(d)).getUTCDay();
export const startOfWeek = (d: string) => addDays(d, -weekdayOf(d));
export const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
export function addMonths(d: string, n: number): string {
  const y = +d.slice(0, 4);
  const m = +d.slice(5, 7) - 1 + n;
  return iso(Date.UTC(y + Math.floor(m / 12), ((m % 12) + 12) % 12, 1));
}
/** The 6 weeks a month view shows (Sunday first, as US calendars do). */
export function monthGrid(d: string): string[] {
  const first = startOfWeek(monthStart(d));
  return Array.from({ length: 42 }, (_, i) => addDays(first, i));
}
export const weekDays = (d: string) => Array.from({ length: 7 }, (_, i) => addDays(startOfWeek(d), i));

export function dayLabel(d: string, opts: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(undefined, { ...opts, timeZone: 'UTC' }).format(parse(d));
}

/** Today in the business's zone. */
export function todayIn(zone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );
}

/** An instant for the start of a business-zone day, close enough for asking the core for a range (a day of slack either side). */
export const rangeInstant = (d: string, slackDays: number) => new Date(parse(d) + slackDays * DAY).toISOString();
