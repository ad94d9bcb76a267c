import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../electron/campaigns/quiet-hours/policy';
import {
  STATE_RULES,
  maxPerSubjectPer24h,
  stateRulesFor,
  type StateRule,
} from '../../../electron/campaigns/quiet-hours/state-rules';
import { weekWindows } from '../../../electron/campaigns/quiet-hours/week-windows';

const rule = (region: string) => STATE_RULES.find((r) => r.region === region)!;
const federal = parsePolicy({ start: '08:00', end: '21:00' });

describe('state rule table', () => {
  it('has Florida, Oklahoma and Washington at 08:00–20:00, verified, with the cap only for Florida and Oklahoma', () => {
    for (const region of ['US-FL', 'US-OK', 'US-WA']) {
      expect(rule(region).verified).toBe(true);
      expect(new Set(rule(region).hours.map((h) => `${h?.start}–${h?.end}`))).toEqual(new Set(['08:00–20:00']));
    }
    expect(rule('US-FL').maxPerSubjectPer24h).toBe(3);
    expect(rule('US-OK').maxPerSubjectPer24h).toBe(3);
    expect(rule('US-WA').maxPerSubjectPer24h).toBeUndefined();
  });

  it('marks the reported rules unverified and still carries them', () => {
    const unverified = STATE_RULES.filter((r) => !r.verified).map((r) => r.region);
    expect(unverified.sort()).toEqual(['US-CT', 'US-MD', 'US-MS', 'US-NJ', 'US-RI', 'US-TX']);
    expect(rule('US-CT').hours[3]).toEqual({ start: '09:00', end: '20:00' });
  });

  it('differs by weekday for Texas and Rhode Island', () => {
    expect(rule('US-TX').hours[0]).toEqual({ start: '12:00', end: '21:00' });
    for (const day of [1, 2, 3, 4, 5, 6]) expect(rule('US-TX').hours[day]).toEqual({ start: '09:00', end: '21:00' });
    for (const day of [0, 6]) expect(rule('US-RI').hours[day]).toEqual({ start: '10:00', end: '17:00' });
    for (const day of [1, 2, 3, 4, 5]) expect(rule('US-RI').hours[day]).toEqual({ start: '09:00', end: '18:00' });
  });

  it('is well-formed: one rule per region, times as HH:MM, each day starting before it ends', () => {
    expect(new Set(STATE_RULES.map((r) => r.region)).size).toBe(STATE_RULES.length);
    for (const r of STATE_RULES) {
      expect(r.hours).toHaveLength(7);
      for (const h of r.hours) {
        if (h === null) continue;
        expect(h.start).toMatch(/^\d\d:\d\d$/);
        expect(h.end).toMatch(/^\d\d:\d\d$/);
        expect(h.start < h.end).toBe(true);
      }
    }
  });
});

describe('stateRulesFor', () => {
  it('applies the rules of the regions the area code serves', () => {
    expect(stateRulesFor({ country: 'US', regions: ['US-FL'] }).map((r) => r.name)).toEqual(['Florida']);
    expect(stateRulesFor({ country: 'US', regions: ['US-NY'] })).toEqual([]);
    expect(stateRulesFor({ country: 'CA', regions: ['CA-ON'] })).toEqual([]);
  });

  it('applies every US state rule when the US number cannot be placed in a state', () => {
    expect(stateRulesFor({ country: 'US', regions: [] })).toHaveLength(STATE_RULES.length);
    expect(stateRulesFor({ country: 'GB', regions: [] })).toEqual([]);
  });

  it('takes the tightest same-subject cap', () => {
    expect(maxPerSubjectPer24h([rule('US-WA')])).toBeUndefined();
    expect(maxPerSubjectPer24h([rule('US-WA'), rule('US-FL')])).toBe(3);
    expect(maxPerSubjectPer24h([{ ...rule('US-FL'), maxPerSubjectPer24h: 2 }, rule('US-OK')])).toBe(2);
  });
});

describe('weekWindows', () => {
  it('intersects federal, state and policy limits per weekday, naming who set each edge', () => {
    const week = weekWindows(parsePolicy({ start: '07:00', end: '20:30', excludedDays: [6] }), [rule('US-TX')]);
    expect(week[0]).toEqual({
      open: true,
      start: { minute: 12 * 60, by: 'unverified Texas rule 12:00–21:00 on Sundays' },
      end: { minute: 20 * 60 + 30, by: 'your sending window 07:00–20:30' },
    });
    expect(week[1]).toMatchObject({ open: true, start: { minute: 9 * 60 }, end: { minute: 20 * 60 + 30 } });
    expect(week[6]).toEqual({ open: false, why: 'Saturday is not one of your sending days' });
  });

  it('names the law rather than the policy when they set the same edge', () => {
    const week = weekWindows(federal, [rule('US-FL')]);
    expect(week[2]).toMatchObject({
      start: { by: 'federal quiet hours 08:00–21:00' },
      end: { by: 'Florida rule 08:00–20:00' },
    });
  });

  it('closes a day a rule forbids, so the table can grow to states with no-Sunday rules', () => {
    const noSundays: StateRule = {
      ...rule('US-WA'),
      name: 'Example',
      hours: [null, ...rule('US-WA').hours.slice(1)] as unknown as StateRule['hours'],
    };
    expect(weekWindows(federal, [noSundays])[0]).toEqual({
      open: false,
      why: 'the Example rule allows no marketing texts on Sundays',
    });
    expect(weekWindows(federal, [noSundays])[1].open).toBe(true);
  });

  it('closes a day whose limits leave no time', () => {
    const week = weekWindows(parsePolicy({ start: '17:30', end: '21:00' }), [rule('US-RI')]);
    expect(week[0]).toEqual({
      open: false,
      why: 'on Sundays the window is empty: your sending window 17:30–21:00 and unverified Rhode Island rule 10:00–17:00 on Sundays do not overlap',
    });
    expect(week[1].open).toBe(true);
  });
});
