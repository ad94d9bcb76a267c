import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lastCompletePeriod } from '../../../electron/reports/period';

describe('report periods', () => {
  it('last week is Monday to Monday (UTC) before the current week, whatever the day', () => {
    expect(lastCompletePeriod('week', new Date('2026-12-07T00:00:00Z'))).toMatchObject({
      from: '2026-11-30T00:00:00.000Z',
      to: '2026-12-07T00:00:00.000Z',
      slug: '2026-W49',
      label: 'Week 49: 30 Nov – 6 Dec 2026',
    });
    expect(lastCompletePeriod('week', new Date('2026-12-13T23:59:59Z'))).toMatchObject({
      from: '2026-11-30T00:00:00.000Z',
    });
    expect(lastCompletePeriod('week', new Date('2027-01-06T12:00:00Z'))).toMatchObject({
      from: '2026-12-28T00:00:00.000Z',
      slug: '2026-W53',
      label: 'Week 53: 28 Dec 2026 – 3 Jan 2027',
    });
  });

  it('last month is the calendar month before, across a year', () => {
    expect(lastCompletePeriod('month', new Date('2026-12-01T00:00:00Z'))).toMatchObject({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      slug: '2026-11',
      label: 'November 2026',
    });
    expect(lastCompletePeriod('month', new Date('2027-01-31T18:00:00Z'))).toMatchObject({
      from: '2026-12-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
      slug: '2026-12',
    });
  });

  it('a period has always ended before now and is the latest such one', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.constantFrom('week' as const, 'month' as const),
        (now, kind) => {
          const p = lastCompletePeriod(kind, now);
          const to = Date.parse(p.to);
          expect(to).toBeLessThanOrEqual(now.getTime());
          // The next period has not ended yet.
          const next = lastCompletePeriod(kind, new Date(to));
          expect(next.from).toBe(p.from);
          if (kind === 'week') expect(to - Date.parse(p.from)).toBe(7 * 86_400_000);
          if (kind === 'week') expect(new Date(p.from).getUTCDay()).toBe(1);
          else expect(new Date(p.from).getUTCDate()).toBe(1);
        },
      ),
    );
  });
});
