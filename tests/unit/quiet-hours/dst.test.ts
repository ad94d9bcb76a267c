import { describe, expect, it } from 'vitest';
import { sendWindowCheck } from '../../../electron/campaigns/quiet-hours/quietHours';

const NY = '+12125550123';
const PHOENIX = '+16025550123';
const DENVER = '+13035550123';
const NAVAJO_NATION = '+19285550123';
const LOS_ANGELES = '+13105550123';

function check(phone: string, iso: string) {
  return sendWindowCheck({
    phone,
    at: new Date(iso),
    policy: { start: '08:00', end: '21:00' },
    businessZone: 'America/New_York',
  });
}

const next = (phone: string, iso: string) => check(phone, iso).nextAllowedAt?.toISOString();

describe('spring forward in New York, Sunday 2026-03-08 (02:00 EST → 03:00 EDT at 07:00 UTC)', () => {
  it('opens at 08:00 EDT (12:00 UTC), not at 08:00 on yesterday’s offset', () => {
    expect(next(NY, '2026-03-08T02:00:00Z')).toBe('2026-03-08T12:00:00.000Z'); // from 21:00 EST Saturday
    expect(next(NY, '2026-03-08T06:30:00Z')).toBe('2026-03-08T12:00:00.000Z'); // from 01:30 EST
    expect(check(NY, '2026-03-08T11:59:00Z').allowed).toBe(false); // 07:59 EDT
    expect(check(NY, '2026-03-08T12:00:00Z').allowed).toBe(true); // 08:00 EDT
  });

  it('still opens at 08:00 EST (13:00 UTC) the day before', () => {
    expect(check(NY, '2026-03-07T12:59:00Z').allowed).toBe(false);
    expect(check(NY, '2026-03-07T13:00:00Z').allowed).toBe(true);
  });

  it('blocks the skipped hour, which is night anyway', () => {
    const r = check(NY, '2026-03-08T07:00:00Z'); // the instant the clocks jump: 03:00 EDT
    expect(r.allowed).toBe(false);
    expect(r.reason).toBe('03:00 in America/New_York is before 08:00 (federal quiet hours 08:00–21:00)');
  });

  it('closes at 21:00 EDT (01:00 UTC) that evening', () => {
    expect(check(NY, '2026-03-09T00:59:00Z').allowed).toBe(true);
    expect(check(NY, '2026-03-09T01:00:00Z').allowed).toBe(false);
    expect(next(NY, '2026-03-09T01:00:00Z')).toBe('2026-03-09T12:00:00.000Z');
  });
});

describe('fall back in New York, Sunday 2026-11-01 (02:00 EDT → 01:00 EST at 06:00 UTC)', () => {
  it('opens at 08:00 EST (13:00 UTC)', () => {
    expect(next(NY, '2026-11-01T01:00:00Z')).toBe('2026-11-01T13:00:00.000Z'); // from 21:00 EDT Saturday
    expect(check(NY, '2026-11-01T12:30:00Z').allowed).toBe(false); // 07:30 EST, would be 08:30 on the old offset
    expect(check(NY, '2026-11-01T13:00:00Z').allowed).toBe(true);
  });

  it('blocks both passes through the repeated 01:30 and sends both to the same morning', () => {
    for (const iso of ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z']) {
      const r = check(NY, iso);
      expect(r.reason).toBe('01:30 in America/New_York is before 08:00 (federal quiet hours 08:00–21:00)');
      expect(r.nextAllowedAt?.toISOString()).toBe('2026-11-01T13:00:00.000Z');
    }
  });

  it('closes at 21:00 EST (02:00 UTC) that evening', () => {
    expect(check(NY, '2026-11-02T01:59:00Z').allowed).toBe(true);
    expect(check(NY, '2026-11-02T02:00:00Z').allowed).toBe(false);
  });
});

describe('Arizona keeps Mountain Standard Time all year', () => {
  it('in summer: 20:30 in Phoenix while Denver is already at 21:30', () => {
    expect(check(PHOENIX, '2026-07-16T03:30:00Z').allowed).toBe(true);
    const denver = check(DENVER, '2026-07-16T03:30:00Z');
    expect(denver.allowed).toBe(false);
    expect(denver.reason).toBe('21:30 in America/Denver is after 21:00 (federal quiet hours 08:00–21:00)');
  });

  it('in winter: Phoenix and Denver read the same', () => {
    expect(check(PHOENIX, '2026-01-16T03:30:00Z').allowed).toBe(true);
    expect(check(DENVER, '2026-01-16T03:30:00Z').allowed).toBe(true);
    expect(check(DENVER, '2026-01-16T04:00:00Z').allowed).toBe(false);
  });

  it('opens at 15:00 UTC all year, while Los Angeles moves from 16:00 in winter to 15:00 in summer', () => {
    expect(next(PHOENIX, '2026-07-15T14:00:00Z')).toBe('2026-07-15T15:00:00.000Z');
    expect(next(PHOENIX, '2026-01-15T14:00:00Z')).toBe('2026-01-15T15:00:00.000Z');
    expect(next(LOS_ANGELES, '2026-07-15T14:00:00Z')).toBe('2026-07-15T15:00:00.000Z');
    expect(next(LOS_ANGELES, '2026-01-15T14:00:00Z')).toBe('2026-01-15T16:00:00.000Z');
  });

  it('treats 928 as possibly on the Navajo Nation, which does observe DST', () => {
    const r = check(NAVAJO_NATION, '2026-07-16T03:30:00Z');
    expect(r.zones).toEqual(['America/Phoenix', 'America/Denver']);
    expect(r.allowed).toBe(false);
    expect(r.reason).toContain('America/Denver');
    expect(r.reason).not.toContain('America/Phoenix');
    expect(check(NAVAJO_NATION, '2026-01-16T03:30:00Z').allowed).toBe(true);
  });
});

describe('a two-zone number across a DST change', () => {
  it('850 on spring-forward day opens at 08:00 CDT = 13:00 UTC', () => {
    const r = check('+18505550123', '2026-03-08T02:30:00Z');
    expect(r.nextAllowedAt?.toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });
});
