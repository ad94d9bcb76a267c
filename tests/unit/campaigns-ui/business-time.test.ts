import { describe, expect, it } from 'vitest';
import {
  businessInstant,
  businessParts,
  businessToday,
  inBusinessWords,
} from '../../../renderer/src/components/campaigns/business-time';

describe('businessInstant: a date and time in the business zone as one instant', () => {
  it('uses the zone offset of that date, summer and winter', () => {
    expect(businessInstant('2026-07-04', '10:00', 'America/New_York')).toEqual({
      iso: '2026-07-04T10:00:00-04:00',
      time: '10:00',
      shifted: false,
    });
    expect(businessInstant('2026-01-15', '10:00', 'America/New_York')?.iso).toBe('2026-01-15T10:00:00-05:00');
    expect(new Date(businessInstant('2026-01-15', '10:00', 'America/New_York')!.iso).toISOString()).toBe(
      '2026-01-15T15:00:00.000Z',
    );
    expect(businessInstant('2026-01-15', '10:00', 'Asia/Kolkata')?.iso).toBe('2026-01-15T10:00:00+05:30');
  });

  it('is independent of the computer’s own zone: the same wall time in two zones is two instants', () => {
    const ny = Date.parse(businessInstant('2026-05-01', '09:30', 'America/New_York')!.iso);
    const la = Date.parse(businessInstant('2026-05-01', '09:30', 'America/Los_Angeles')!.iso);
    expect(la - ny).toBe(3 * 3_600_000);
  });

  it('says when a time does not exist because the clocks go forward, and which time is used', () => {
    expect(businessInstant('2026-03-08', '02:30', 'America/New_York')).toEqual({
      iso: '2026-03-08T03:30:00-04:00',
      time: '03:30',
      shifted: true,
    });
  });

  it('refuses impossible dates, malformed times and unknown zones', () => {
    expect(businessInstant('2026-02-30', '10:00', 'America/New_York')).toBeNull();
    expect(businessInstant('2026-02-10', '25:00', 'America/New_York')).toBeNull();
    expect(businessInstant('2026-02-10', '9:00', 'America/New_York')).toBeNull();
    expect(businessInstant('', '10:00', 'America/New_York')).toBeNull();
    expect(businessInstant('2026-02-10', '10:00', 'Mars/Olympus_Mons')).toBeNull();
  });

  it('reads a saved instant back as the business’s date and time', () => {
    expect(businessParts('2026-07-04T14:00:00Z', 'America/New_York')).toEqual({ date: '2026-07-04', time: '10:00' });
    expect(businessParts('2026-01-01T02:00:00Z', 'America/Los_Angeles')).toEqual({ date: '2025-12-31', time: '18:00' });
    const round = businessInstant('2026-11-01', '01:30', 'America/New_York')!;
    expect(businessParts(round.iso, 'America/New_York')).toEqual({ date: '2026-11-01', time: '01:30' });
  });

  it('knows today in the business zone, which may not be today in UTC', () => {
    const lateEvening = new Date('2026-06-02T02:30:00Z'); // 22:30 on 1 June in New York
    expect(businessToday('America/New_York', lateEvening)).toBe('2026-06-01');
    expect(businessToday('Asia/Tokyo', lateEvening)).toBe('2026-06-02');
  });

  it('writes an instant in words with the zone abbreviation', () => {
    expect(inBusinessWords('2026-07-04T14:00:00Z', 'America/New_York')).toBe('Sat 4 Jul 2026, 10:00 EDT');
  });
});
