import { describe, expect, it } from 'vitest';
import { federalHolidays, holidaysBetween } from '../../../shared/holidays';

describe('US federal holidays', () => {
  it('2026: nth-weekday rules and observed dates (Independence Day on a Saturday is observed Friday 3 July)', () => {
    expect(federalHolidays(2026).map((h) => `${h.date} ${h.name}${h.actual ? ` (${h.actual})` : ''}`)).toEqual([
      "2026-01-01 New Year's Day",
      '2026-01-19 Martin Luther King Jr. Day',
      "2026-02-16 Washington's Birthday",
      '2026-05-25 Memorial Day',
      '2026-06-19 Juneteenth',
      '2026-07-03 Independence Day (2026-07-04)',
      '2026-09-07 Labor Day',
      '2026-10-12 Columbus Day',
      '2026-11-11 Veterans Day',
      '2026-11-26 Thanksgiving Day',
      '2026-12-25 Christmas Day',
    ]);
  });

  it("New Year's Day 2028 (a Saturday) is observed on Friday 31 December 2027; Christmas 2022 (a Sunday) on Monday the 26th", () => {
    expect(federalHolidays(2027).at(-1)).toEqual({ date: '2027-12-31', name: "New Year's Day", actual: '2028-01-01' });
    expect(federalHolidays(2028).some((h) => h.name === "New Year's Day")).toBe(false);
    expect(federalHolidays(2022).find((h) => h.name === 'Christmas Day')).toEqual({
      date: '2022-12-26',
      name: 'Christmas Day',
      actual: '2022-12-25',
    });
    expect(federalHolidays(2020).some((h) => h.name === 'Juneteenth')).toBe(false);
    expect([...holidaysBetween('2026-11-01', '2026-12-31').keys()]).toEqual(['2026-11-11', '2026-11-26', '2026-12-25']);
  });
});
