import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { sendWindowCheck } from '../../../electron/campaigns/quiet-hours/quietHours';
import type { SendPolicy } from '../../../electron/campaigns/quiet-hours/policy';

const FEDERAL: SendPolicy = { start: '08:00', end: '21:00' };
const NY = '+12125550123';
const MIAMI = '+13055550123';
const PENSACOLA = '+18505550123';
const DALLAS = '+12145550123';

function check(phone: string, iso: string, policy: SendPolicy = FEDERAL, businessZone = 'America/New_York') {
  return sendWindowCheck({ phone, at: new Date(iso), policy, businessZone });
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isAppError(e) ? e.code : 'not an AppError';
  }
  return undefined;
}

describe('federal window at the recipient (New York, 212, EDT = UTC-4 on Wednesday 2026-06-10)', () => {
  it('blocks 07:59 and says when it opens', () => {
    const r = check(NY, '2026-06-10T11:59:00Z');
    expect(r.allowed).toBe(false);
    expect(r.reason).toBe('07:59 in America/New_York is before 08:00 (federal quiet hours 08:00–21:00)');
    expect(r.nextAllowedAt?.toISOString()).toBe('2026-06-10T12:00:00.000Z');
    expect(r.zones).toEqual(['America/New_York']);
    expect(r.stateRules).toEqual([]);
    expect(r.maxPerSubjectPer24h).toBeUndefined();
  });

  it('allows exactly 08:00 and 20:59', () => {
    const opening = check(NY, '2026-06-10T12:00:00Z');
    expect(opening.allowed).toBe(true);
    expect(opening.reason).toBeUndefined();
    expect(opening.nextAllowedAt?.toISOString()).toBe('2026-06-10T12:00:00.000Z');
    expect(check(NY, '2026-06-11T00:59:00Z').allowed).toBe(true);
    expect(check(NY, '2026-06-11T00:59:59.999Z').allowed).toBe(true);
  });

  it('blocks exactly 21:00 and waits for 08:00 the next morning', () => {
    const r = check(NY, '2026-06-11T01:00:00Z');
    expect(r.allowed).toBe(false);
    expect(r.reason).toContain('21:00 in America/New_York is the 21:00 cut-off');
    expect(r.nextAllowedAt?.toISOString()).toBe('2026-06-11T12:00:00.000Z');
  });

  it('judges the recipient’s clock, not the business’s', () => {
    // 09:30 in New York is 06:30 in Los Angeles.
    const r = check('+13105550123', '2026-06-10T13:30:00Z');
    expect(r.allowed).toBe(false);
    expect(r.reason).toContain('06:30 in America/Los_Angeles');
    expect(r.nextAllowedAt?.toISOString()).toBe('2026-06-10T15:00:00.000Z');
  });
});

describe('state rules', () => {
  it('blocks a Florida number at 20:30 and reports the same-subject cap', () => {
    const r = check(MIAMI, '2026-06-11T00:30:00Z');
    expect(r.allowed).toBe(false);
    expect(r.reason).toBe('20:30 in America/New_York is after 20:00 (Florida rule 08:00–20:00)');
    expect(r.nextAllowedAt?.toISOString()).toBe('2026-06-11T12:00:00.000Z');
    expect(r.stateRules).toEqual(['Florida']);
    expect(r.regions).toEqual(['US-FL']);
    expect(r.maxPerSubjectPer24h).toBe(3);
  });

  it('blocks 850 when Central is inside the window but Eastern is not, naming only the closed zone', () => {
    // 20:30 EDT = 19:30 CDT: fine in Pensacola, too late in Tallahassee under Florida's 20:00 limit.
    const r = check(PENSACOLA, '2026-06-11T00:30:00Z');
    expect(r.zones).toEqual(['America/Chicago', 'America/New_York']);
    expect(r.allowed).toBe(false);
    expect(r.reason).toBe('20:30 in America/New_York is after 20:00 (Florida rule 08:00–20:00)');
    // Next morning it must be 08:00 in Pensacola, which is 09:00 in Tallahassee.
    expect(r.nextAllowedAt?.toISOString()).toBe('2026-06-11T13:00:00.000Z');
  });

  it('blocks 850 in the morning when Eastern is open but Central is not', () => {
    const r = check(PENSACOLA, '2026-06-10T12:30:00Z');
    expect(r.allowed).toBe(false);
    expect(r.reason).toBe('07:30 in America/Chicago is before 08:00 (federal quiet hours 08:00–21:00)');
    expect(r.nextAllowedAt?.toISOString()).toBe('2026-06-10T13:00:00.000Z');
  });

  it('applies Texas’ Sunday noon start, but 09:00 on Saturday', () => {
    const sunday = check(DALLAS, '2026-06-14T15:00:00Z');
    expect(sunday.allowed).toBe(false);
    expect(sunday.reason).toBe(
      '10:00 in America/Chicago is before 12:00 (unverified Texas rule 12:00–21:00 on Sundays)',
    );
    expect(sunday.nextAllowedAt?.toISOString()).toBe('2026-06-14T17:00:00.000Z');
    expect(check(DALLAS, '2026-06-13T15:00:00Z').allowed).toBe(true);
    const saturdayEarly = check(DALLAS, '2026-06-13T13:30:00Z');
    expect(saturdayEarly.reason).toContain('before 09:00 (unverified Texas rule 09:00–21:00 on Saturdays)');
  });

  it('applies Rhode Island’s shorter weekend hours', () => {
    // Saturday 17:30 EDT: past the 17:00 weekend limit; Sunday opens at 10:00. Weekdays run to 18:00.
    const r = check('+14015550123', '2026-06-13T21:30:00Z');
    expect(r.allowed).toBe(false);
    expect(r.nextAllowedAt?.toISOString()).toBe('2026-06-14T14:00:00.000Z');
    expect(check('+14015550123', '2026-06-15T21:30:00Z').allowed).toBe(true);
  });
});

describe('the business’s own window', () => {
  const narrow: SendPolicy = { start: '10:00', end: '18:00' };

  it('narrows the window to 10:00–18:00', () => {
    const early = check(NY, '2026-06-10T13:30:00Z', narrow);
    expect(early.reason).toBe('09:30 in America/New_York is before 10:00 (your sending window 10:00–18:00)');
    expect(early.nextAllowedAt?.toISOString()).toBe('2026-06-10T14:00:00.000Z');
    expect(check(NY, '2026-06-10T14:00:00Z', narrow).allowed).toBe(true);
    const late = check(NY, '2026-06-10T22:00:00Z', narrow);
    expect(late.allowed).toBe(false);
    expect(late.nextAllowedAt?.toISOString()).toBe('2026-06-11T14:00:00.000Z');
  });

  it('never widens the legal window: 07:00–22:00 is clamped to 08:00–21:00 and Florida’s 20:00 still holds', () => {
    const wide: SendPolicy = { start: '07:00', end: '22:00' };
    expect(check(NY, '2026-06-10T11:30:00Z', wide).reason).toContain('before 08:00 (federal quiet hours');
    expect(check(NY, '2026-06-11T01:30:00Z', wide).allowed).toBe(false);
    expect(check(MIAMI, '2026-06-11T00:30:00Z', wide).reason).toContain('Florida rule');
  });

  it('skips excluded weekend days and resumes on Monday at the window start', () => {
    const weekdaysOnly: SendPolicy = { start: '10:00', end: '18:00', excludedDays: [0, 6] };
    const saturday = check(NY, '2026-06-13T15:00:00Z', weekdaysOnly);
    expect(saturday.allowed).toBe(false);
    expect(saturday.reason).toBe('Saturday 11:00 in America/New_York: Saturday is not one of your sending days');
    expect(saturday.nextAllowedAt?.toISOString()).toBe('2026-06-15T14:00:00.000Z');
    // Friday after hours also waits for Monday.
    expect(check(NY, '2026-06-12T23:00:00Z', weekdaysOnly).nextAllowedAt?.toISOString()).toBe(
      '2026-06-15T14:00:00.000Z',
    );
  });

  it('says so when nothing within 14 days fits every zone', () => {
    // 08:00–09:00 in Pensacola is 09:00–10:00 in Tallahassee: the two one-hour windows never overlap.
    const r = check(PENSACOLA, '2026-06-10T15:00:00Z', { start: '08:00', end: '09:00' });
    expect(r.allowed).toBe(false);
    expect(r.nextAllowedAt).toBeUndefined();
    expect(r.reason).toContain('No time in the next 14 days');
    const everyDayExcluded = check(NY, '2026-06-10T15:00:00Z', { ...FEDERAL, excludedDays: [0, 1, 2, 3, 4, 5, 6] });
    expect(everyDayExcluded.nextAllowedAt).toBeUndefined();
  });
});

describe('numbers outside the area-code table', () => {
  it('places a UK mobile by country', () => {
    const r = check('+442079460018', '2026-06-14T06:30:00Z');
    expect(r.zones).toEqual(['Europe/London']);
    expect(r.zoneUncertain).toBe(false);
    expect(r.placedBy).toBe('country');
    expect(r.reason).toBe('07:30 in Europe/London is before 08:00 (federal quiet hours 08:00–21:00)');
    expect(r.nextAllowedAt?.toISOString()).toBe('2026-06-14T07:00:00.000Z');
  });

  it('requires every zone of a multi-zone country: Australia in January opens 00:00–10:00 UTC', () => {
    // 08:00 in Perth (UTC+8) is the latest start; 21:00 in Sydney and Lord Howe (UTC+11) the earliest end.
    const r = check('+61412345678', '2026-01-15T10:30:00Z');
    expect(r.allowed).toBe(false);
    expect(r.nextAllowedAt?.toISOString()).toBe('2026-01-16T00:00:00.000Z');
    expect(check('+61412345678', '2026-01-16T09:59:00Z').allowed).toBe(true);
  });

  it('falls back to the business’s zone for a country we do not list, and flags it', () => {
    const r = check('+263771234567', '2026-06-10T13:30:00Z', FEDERAL, 'America/Denver');
    expect(r.zones).toEqual(['America/Denver']);
    expect(r.zoneUncertain).toBe(true);
    expect(r.placedBy).toBe('business-zone');
    expect(r.reason).toContain('07:30 in America/Denver');
  });

  it('covers the fifty states and every state rule for a US code we cannot place (toll-free)', () => {
    // Any state's rule may apply in any zone: Connecticut's 09:00 start in Honolulu (19:00 UTC) and Rhode Island's
    // 18:00 weekday end in New York (22:00 UTC) leave 15:00–18:00 Eastern.
    const r = check('+18005550123', '2026-06-10T19:00:00Z');
    expect(r.placedBy).toBe('country');
    expect(r.zones).toContain('Pacific/Honolulu');
    expect(r.zones).toContain('America/New_York');
    expect(r.stateRules).toContain('Florida');
    expect(r.maxPerSubjectPer24h).toBe(3);
    expect(r.allowed).toBe(true);
    expect(check('+18005550123', '2026-06-10T18:59:00Z').nextAllowedAt?.toISOString()).toBe('2026-06-10T19:00:00.000Z');
    expect(check('+18005550123', '2026-06-10T22:00:00Z').allowed).toBe(false);
  });

  it('places an area code libphonenumber knows but we cannot, across every Canadian zone', () => {
    const r = check('+12735550123', '2026-06-10T18:00:00Z');
    expect(r.placedBy).toBe('country');
    expect(r.zones).toContain('America/St_Johns');
    expect(r.zones).toContain('America/Vancouver');
  });
});

describe('bad input is refused with a message, not guessed at', () => {
  it.each([
    ['a number without a country code', () => check('2125550123', '2026-06-10T15:00:00Z')],
    ['a NANP number with too few digits', () => check('+1212555012', '2026-06-10T15:00:00Z')],
    ['an unknown business zone', () => check(NY, '2026-06-10T15:00:00Z', FEDERAL, 'Mars/Olympus')],
    ['an invalid date', () => check(NY, 'not a date')],
    ['a malformed time', () => check(NY, '2026-06-10T15:00:00Z', { start: '8:00', end: '21:00' })],
    ['an overnight window', () => check(NY, '2026-06-10T15:00:00Z', { start: '22:00', end: '07:00' })],
    ['an impossible weekday', () => check(NY, '2026-06-10T15:00:00Z', { ...FEDERAL, excludedDays: [7] })],
  ])('%s', (_label, fn) => {
    expect(errorCode(fn)).toBe('invalid_input');
  });
});
