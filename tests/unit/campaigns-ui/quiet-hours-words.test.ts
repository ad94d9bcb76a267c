import { describe, expect, it } from 'vitest';
import {
  quietHoursWaitInWords,
  sendInstantInWords,
} from '../../../renderer/src/components/campaigns/quiet-hours-words';

const clock = (iso: string, zone: string, zoneName = true) =>
  new Intl.DateTimeFormat(undefined, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: zone,
    ...(zoneName ? { timeZoneName: 'short' as const } : {}),
  }).format(new Date(iso));

describe('a quiet-hours wait in words', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  const wait = {
    waiting: 12,
    groups: [
      { at: '2026-12-02T13:00:00.000Z', count: 7, zone: 'America/New_York', localTime: '08:00' },
      { at: '2026-12-02T16:00:00.000Z', count: 5, zone: 'America/Los_Angeles', localTime: '08:00' },
    ],
  };

  it('says how many wait, for which local time, and the first send in their zone and in UTC', () => {
    expect(quietHoursWaitInWords(wait, 12, now)).toBe(
      `All 12 wait for ${clock('2026-12-02T13:00:00Z', 'America/New_York', false)} in their time zone (first send ${clock('2026-12-02T13:00:00Z', 'America/New_York')}, ${clock('2026-12-02T13:00:00Z', 'UTC')}).`,
    );
  });

  it('says "of" when only some of the waiting messages wait for quiet hours, and names the day when it is not today', () => {
    const text = quietHoursWaitInWords(wait, 20, new Date('2026-12-01T10:00:00Z'))!;
    expect(text.startsWith('12 of 20 waiting wait for')).toBe(true);
    const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'America/New_York' }).format(
      new Date('2026-12-02T13:00:00Z'),
    );
    expect(text).toContain(`first send ${weekday} `);
  });

  it('lists the local times when the groups open at different ones, and says nothing when none wait', () => {
    const mixed = {
      waiting: 2,
      groups: [wait.groups[0], { ...wait.groups[1], at: '2026-12-02T17:00:00.000Z', localTime: '09:00' }],
    };
    expect(quietHoursWaitInWords(mixed, 2, now)).toContain(' or ');
    expect(quietHoursWaitInWords({ waiting: 0, groups: [] }, 0, now)).toBeNull();
    expect(sendInstantInWords('2026-12-02T13:00:00Z', 'UTC', now)).toBe(clock('2026-12-02T13:00:00Z', 'UTC'));
  });
});
