/**
 * US federal holidays (5 U.S.C. 6103), computed: fixed dates and nth-weekday rules, with the observed day when a
 * fixed date falls on a weekend (Saturday → the Friday before, Sunday → the Monday after). Juneteenth from 2021.
 */

export interface Holiday {
  /** YYYY-MM-DD the day off is observed. */
  date: string;
  name: string;
  /** The calendar date when the observed day differs from it. */
  actual?: string;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** The nth (1-based; -1 = last) weekday (0 = Sunday) of a month. */
function nthWeekday(y: number, m: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
    return iso(y, m, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
  }
  const lastDay = new Date(Date.UTC(y, m, 0));
  return iso(y, m, lastDay.getUTCDate() - ((lastDay.getUTCDay() - weekday + 7) % 7));
}

function fixed(y: number, m: number, d: number, name: string): Holiday {
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const shift = weekday === 6 ? -1 : weekday === 0 ? 1 : 0;
  const date = iso(y, m, d + shift);
  return shift ? { date, name, actual: iso(y, m, d) } : { date, name };
}

/** The holidays observed in year `y` (New Year's Day of y + 1 observed on 31 December included). */
export function federalHolidays(y: number): Holiday[] {
  const list: Holiday[] = [
    fixed(y, 1, 1, "New Year's Day"),
    { date: nthWeekday(y, 1, 1, 3), name: 'Martin Luther King Jr. Day' },
    { date: nthWeekday(y, 2, 1, 3), name: "Washington's Birthday" },
    { date: nthWeekday(y, 5, 1, -1), name: 'Memorial Day' },
    ...(y >= 2021 ? [fixed(y, 6, 19, 'Juneteenth')] : []),
    fixed(y, 7, 4, 'Independence Day'),
    { date: nthWeekday(y, 9, 1, 1), name: 'Labor Day' },
    { date: nthWeekday(y, 10, 1, 2), name: 'Columbus Day' },
    fixed(y, 11, 11, 'Veterans Day'),
    { date: nthWeekday(y, 11, 4, 4), name: 'Thanksgiving Day' },
    fixed(y, 12, 25, 'Christmas Day'),
    fixed(y + 1, 1, 1, "New Year's Day"),
  ];
  return list.filter((h) => h.date.startsWith(String(y)));
}

/** Holidays by observed date, for the years a range touches. */
export function holidaysBetween(from: string, to: string): Map<string, Holiday> {
  const out = new Map<string, Holiday>();
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const h of federalHolidays(y)) if (h.date >= from && h.date <= to) out.set(h.date, h);
  }
  return out;
}
