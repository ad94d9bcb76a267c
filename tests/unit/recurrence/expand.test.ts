import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expand } from '../../../electron/campaigns/recurrence/expand';
import { formatRule, parseRule } from '../../../electron/campaigns/recurrence/rule';
import { checkRepeat } from '../../../electron/campaigns/recurrence/validate';
import type { RecurrenceRule } from '../../../shared/recurrence';
import { oracleExpand } from './oracle';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const SYDNEY = 'Australia/Sydney';
const iso = (ms: number, zone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' }).format(ms);
const local = (rule: string, start: string, zone: string, limit = 10) =>
  expand(parseRule(rule, zone), start, zone, { limit }).map((o) => iso(o.at, zone));
const utc = (rule: string, start: string, zone: string, limit = 10) =>
  expand(parseRule(rule, zone), start, zone, { limit }).map((o) => new Date(o.at).toISOString());

describe('recurrence across DST', () => {
  it('keeps 10:00 at 10:00 local through spring-forward and fall-back (New York, Berlin, Sydney)', () => {
    expect(utc('FREQ=DAILY', '2026-03-07T10:00', NY, 3)).toEqual([
      '2026-03-07T15:00:00.000Z',
      '2026-03-08T14:00:00.000Z',
      '2026-03-09T14:00:00.000Z',
    ]);
    expect(utc('FREQ=DAILY', '2026-10-24T10:00', BERLIN, 3)).toEqual([
      '2026-10-24T08:00:00.000Z',
      '2026-10-25T09:00:00.000Z',
      '2026-10-26T09:00:00.000Z',
    ]);
    // Sydney moves forward on the first Sunday of October and back on the first Sunday of April.
    expect(utc('FREQ=WEEKLY;BYDAY=SU', '2026-09-27T10:00', SYDNEY, 2)).toEqual([
      '2026-09-27T00:00:00.000Z',
      '2026-10-03T23:00:00.000Z',
    ]);
    expect(utc('FREQ=WEEKLY;BYDAY=SU', '2026-03-29T10:00', SYDNEY, 2)).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-04-05T00:00:00.000Z',
    ]);
  });

  it('moves a time the spring-forward change skips to the first valid minute, not an hour on', () => {
    // New York skips 02:00–02:59 on 8 March 2026: 02:30 becomes 03:00 that day only.
    expect(local('FREQ=DAILY', '2026-03-07T02:30', NY, 3)).toEqual([
      '2026-03-07 02:30',
      '2026-03-08 03:00',
      '2026-03-09 02:30',
    ]);
    expect(local('FREQ=DAILY', '2026-03-28T02:15', BERLIN, 3)).toEqual([
      '2026-03-28 02:15',
      '2026-03-29 03:00',
      '2026-03-30 02:15',
    ]);
    expect(local('FREQ=DAILY', '2026-10-03T02:45', SYDNEY, 3)).toEqual([
      '2026-10-03 02:45',
      '2026-10-04 03:00',
      '2026-10-05 02:45',
    ]);
  });

  it('fires a time the fall-back change repeats once, at its first showing', () => {
    // 01:30 happens twice in New York on 1 November 2026 (EDT, then EST): one occurrence, at 05:30Z.
    expect(utc('FREQ=DAILY', '2026-10-31T01:30', NY, 3)).toEqual([
      '2026-10-31T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
    expect(utc('FREQ=DAILY', '2026-10-25T02:30', BERLIN, 2)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
    expect(utc('FREQ=DAILY', '2026-04-05T02:30', SYDNEY, 2)).toEqual([
      '2026-04-04T15:30:00.000Z',
      '2026-04-05T16:30:00.000Z',
    ]);
  });
});

describe('month ends and numbered weekdays', () => {
  it('the 31st is skipped in shorter months; -1 is every last day; 2TU is the second Tuesday', () => {
    expect(local('FREQ=MONTHLY;BYMONTHDAY=31', '2027-01-15T09:00', NY, 4)).toEqual([
      '2027-01-31 09:00',
      '2027-03-31 09:00',
      '2027-05-31 09:00',
      '2027-07-31 09:00',
    ]);
    expect(local('FREQ=MONTHLY;BYMONTHDAY=-1', '2028-01-15T09:00', NY, 3)).toEqual([
      '2028-01-31 09:00',
      '2028-02-29 09:00',
      '2028-03-31 09:00',
    ]);
    expect(local('FREQ=MONTHLY;BYDAY=2TU', '2026-12-01T10:00', NY, 3)).toEqual([
      '2026-12-08 10:00',
      '2027-01-12 10:00',
      '2027-02-09 10:00',
    ]);
    expect(local('FREQ=MONTHLY;BYDAY=-1FR', '2026-12-01T10:00', NY, 2)).toEqual([
      '2026-12-25 10:00',
      '2027-01-29 10:00',
    ]);
    expect(local('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2026-01-01T10:00', NY, 2)).toEqual([
      '2028-02-29 10:00',
      '2032-02-29 10:00',
    ]);
  });

  it('every 2 weeks on Tuesday, ending after a count or on a date', () => {
    expect(local('FREQ=WEEKLY;BYDAY=TU;INTERVAL=2;COUNT=3', '2026-12-08T10:00', NY)).toEqual([
      '2026-12-08 10:00',
      '2026-12-22 10:00',
      '2027-01-05 10:00',
    ]);
    expect(local('FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261217', '2026-12-08T10:00', NY)).toEqual([
      '2026-12-08 10:00',
      '2026-12-10 10:00',
      '2026-12-15 10:00',
      '2026-12-17 10:00',
    ]);
  });

  it('refuses, by name, rules that never fire, counts of 0, ends before starts and unknown zones', () => {
    expect(() => checkRepeat('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', '2026-12-08T10:00', NY)).toThrow(/never fires/);
    expect(() => checkRepeat('FREQ=DAILY;COUNT=0', '2026-12-08T10:00', NY)).toThrow(/COUNT must be between 1/);
    expect(() => checkRepeat('FREQ=DAILY;UNTIL=20261201', '2026-12-08T10:00', NY)).toThrow(/ends .* before it starts/);
    expect(() => checkRepeat('FREQ=DAILY', '2026-12-08T10:00', 'Mars/Olympus')).toThrow(/not a time zone name/);
    expect(() => checkRepeat('FREQ=HOURLY', '2026-12-08T10:00', NY)).toThrow(/FREQ must be/);
    expect(() => checkRepeat('FREQ=WEEKLY;BYDAY=2TU', '2026-12-08T10:00', NY)).toThrow(/needs FREQ=MONTHLY/);
    expect(() => checkRepeat('FREQ=DAILY;BYSETPOS=1', '2026-12-08T10:00', NY)).toThrow(/BYSETPOS is not supported/);
  });
});

const weekday = fc.integer({ min: 1, max: 7 });
const ruleArb: fc.Arbitrary<RecurrenceRule> = fc
  .record({
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.integer({ min: 1, max: 3 }),
    plainDays: fc.uniqueArray(weekday, { maxLength: 3 }),
    nthDays: fc.uniqueArray(fc.record({ weekday, nth: fc.constantFrom(1, 2, 3, 4, -1, -2) }), {
      maxLength: 2,
      selector: (d) => `${d.nth}${d.weekday}`,
    }),
    byMonthDay: fc.uniqueArray(fc.constantFrom(1, 15, 28, 29, 30, 31, -1, -2), { maxLength: 2 }),
    byMonth: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
    count: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
  })
  .map((r) => {
    const monthly = r.freq === 'MONTHLY' || r.freq === 'YEARLY';
    return {
      freq: r.freq,
      interval: r.interval,
      byDay: [...r.plainDays.map((w) => ({ weekday: w, nth: null })), ...(monthly ? r.nthDays : [])],
      byMonthDay: r.freq === 'WEEKLY' ? [] : r.byMonthDay,
      byMonth: r.byMonth,
      count: r.count,
      until: null,
    };
  });
const DST_TIMES = ['00:30', '01:30', '02:00', '02:30', '02:59', '03:00', '09:15', '10:00', '23:45'];
const startArb = fc
  .record({
    y: fc.integer({ min: 2025, max: 2028 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    t: fc.constantFrom(...DST_TIMES),
  })
  .map(({ y, m, d, t }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T${t}`);

describe('recurrence, property: the same as a day-by-day expansion', () => {
  it('for random rules in New York, Berlin and Sydney over six years', () => {
    fc.assert(
      fc.property(ruleArb, startArb, fc.constantFrom(NY, BERLIN, SYDNEY), (rule, start, zone) => {
        const through = Date.parse(`${Number(start.slice(0, 4)) + 6}-01-01T00:00:00Z`);
        const expected = oracleExpand(rule, start, zone, through);
        const got = expand(rule, start, zone, { limit: 10_000, through }).map((o) => o.at);
        expect(got.map((t) => new Date(t).toISOString())).toEqual(expected.map((t) => new Date(t).toISOString()));
        // and the rule survives a round trip through its RRULE text
        expect(parseRule(formatRule(rule), zone)).toEqual(rule);
      }),
      { numRuns: 150 },
    );
  });
});
