import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { localSendTime } from '../../../electron/campaigns/quiet-hours/quietHours';

const NY = '+12125550123';
const PENSACOLA = '+18505550123';
const BUSINESS = 'America/New_York';

const iso = (d: Date | undefined) => d?.toISOString();

describe('localSendTime: the same local time for each recipient', () => {
  it('is 10:00 on the recipient’s clock', () => {
    const r = localSendTime(NY, '10:00', '2026-06-10', BUSINESS);
    expect(iso(r.target)).toBe('2026-06-10T14:00:00.000Z');
    expect(iso(r.sendAt)).toBe('2026-06-10T14:00:00.000Z');
    expect(r.check.allowed).toBe(true);
    expect(iso(localSendTime('+13105550123', '10:00', '2026-06-10', BUSINESS).target)).toBe('2026-06-10T17:00:00.000Z');
  });

  it('takes the latest of the zones for a multi-zone number, so it is not early anywhere', () => {
    // 10:00 CDT (15:00 UTC) comes after 10:00 EDT (14:00 UTC).
    const r = localSendTime(PENSACOLA, '10:00', '2026-06-10', BUSINESS);
    expect(iso(r.target)).toBe('2026-06-10T15:00:00.000Z');
    expect(r.check.allowed).toBe(true);
  });

  it('waits when the latest instant is closed in another zone', () => {
    // 19:30 CDT is 20:30 EDT, past Florida's 20:00: wait for 08:00 CDT next morning.
    const r = localSendTime(PENSACOLA, '19:30', '2026-06-10', BUSINESS);
    expect(iso(r.target)).toBe('2026-06-11T00:30:00.000Z');
    expect(r.check.allowed).toBe(false);
    expect(iso(r.sendAt)).toBe('2026-06-11T13:00:00.000Z');
  });

  it('passes through the business’s policy', () => {
    const r = localSendTime(NY, '09:00', '2026-06-10', BUSINESS, { start: '10:00', end: '18:00' });
    expect(r.check.reason).toContain('your sending window 10:00–18:00');
    expect(iso(r.sendAt)).toBe('2026-06-10T14:00:00.000Z');
  });

  it('counts a time skipped by spring-forward from the moment the clocks jump', () => {
    const r = localSendTime(NY, '02:30', '2026-03-08', BUSINESS);
    expect(iso(r.target)).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(r.sendAt)).toBe('2026-03-08T12:00:00.000Z');
  });

  it('uses the first pass through a time repeated by fall-back', () => {
    expect(iso(localSendTime(NY, '01:30', '2026-11-01', BUSINESS).target)).toBe('2026-11-01T05:30:00.000Z');
  });

  it('follows each recipient’s DST: Phoenix keeps 16:00 UTC for 09:00, Denver moves', () => {
    expect(iso(localSendTime('+16025550123', '09:00', '2026-07-15', BUSINESS).target)).toBe('2026-07-15T16:00:00.000Z');
    expect(iso(localSendTime('+16025550123', '09:00', '2026-01-15', BUSINESS).target)).toBe('2026-01-15T16:00:00.000Z');
    expect(iso(localSendTime('+13035550123', '09:00', '2026-07-15', BUSINESS).target)).toBe('2026-07-15T15:00:00.000Z');
    expect(iso(localSendTime('+13035550123', '09:00', '2026-01-15', BUSINESS).target)).toBe('2026-01-15T16:00:00.000Z');
  });

  it('reads a Date as its calendar date in the business zone', () => {
    const instant = new Date('2026-06-11T04:30:00Z'); // 00:30 on the 11th in New York, 21:30 on the 10th in Los Angeles
    expect(iso(localSendTime(NY, '10:00', instant, 'America/New_York').target)).toBe('2026-06-11T14:00:00.000Z');
    expect(iso(localSendTime(NY, '10:00', instant, 'America/Los_Angeles').target)).toBe('2026-06-10T14:00:00.000Z');
  });

  it.each([
    ['a malformed time', () => localSendTime(NY, '9am', '2026-06-10', BUSINESS)],
    ['an impossible date', () => localSendTime(NY, '10:00', '2026-02-30', BUSINESS)],
    ['a malformed date', () => localSendTime(NY, '10:00', '06/10/2026', BUSINESS)],
    ['an unknown zone', () => localSendTime(NY, '10:00', '2026-06-10', 'Eastern')],
  ])('refuses %s', (_label, fn) => {
    let caught: unknown;
    try {
      fn();
    } catch (e) {
      caught = e;
    }
    expect(isAppError(caught) && caught.code).toBe('invalid_input');
  });
});
