import { describe, expect, it } from 'vitest';
import {
  firstInstantAtOrAfter,
  instantsShowing,
  offsetChanges,
  readLocal,
} from '../../../electron/campaigns/quiet-hours/zone-clock';

const NY = 'America/New_York';
const wall = (y: number, mo: number, d: number, h: number, mi: number) => Date.UTC(y, mo - 1, d, h, mi);
const utc = (s: string) => Date.parse(s);
const isoList = (ms: number[]) => ms.map((m) => new Date(m).toISOString());

describe('zone clock', () => {
  it('finds one instant for an ordinary local time', () => {
    expect(isoList(instantsShowing(NY, wall(2026, 6, 10, 8, 0)))).toEqual(['2026-06-10T12:00:00.000Z']);
  });

  it('finds none for a time skipped by spring-forward, and the jump as the first instant at or after it', () => {
    expect(instantsShowing(NY, wall(2026, 3, 8, 2, 30))).toEqual([]);
    expect(new Date(firstInstantAtOrAfter(NY, wall(2026, 3, 8, 2, 30))).toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('finds both instants for a time repeated by fall-back, earliest first', () => {
    expect(isoList(instantsShowing(NY, wall(2026, 11, 1, 1, 30)))).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T06:30:00.000Z',
    ]);
    expect(new Date(firstInstantAtOrAfter(NY, wall(2026, 11, 1, 1, 30))).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('finds the exact offset changes in a range', () => {
    expect(isoList(offsetChanges(NY, utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z')))).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-11-01T06:00:00.000Z',
    ]);
    expect(offsetChanges('America/Phoenix', utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'))).toEqual([]);
    // Lord Howe Island moves by half an hour.
    expect(
      isoList(offsetChanges('Australia/Lord_Howe', utc('2026-03-30T00:00:00Z'), utc('2026-04-10T00:00:00Z'))),
    ).toEqual(['2026-04-04T15:00:00.000Z']);
  });

  it('reads the local weekday and minute, after the change', () => {
    expect(readLocal(NY, utc('2026-03-08T07:00:00Z'))).toMatchObject({ weekday: 0, minute: 3 * 60 });
    expect(readLocal(NY, utc('2026-03-08T06:59:59Z'))).toMatchObject({ weekday: 0, minute: 60 + 59 });
    expect(readLocal('Pacific/Chatham', utc('2026-06-10T12:00:00Z'))).toMatchObject({ weekday: 4, minute: 45 });
  });
});
