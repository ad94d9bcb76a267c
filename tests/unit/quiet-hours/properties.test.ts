import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { AREA_CODES } from '../../../electron/campaigns/quiet-hours/area-codes';
import type { SendPolicy } from '../../../electron/campaigns/quiet-hours/policy';
import { localSendTime, sendWindowCheck } from '../../../electron/campaigns/quiet-hours/quietHours';
import { STATE_RULES, type StateRule } from '../../../electron/campaigns/quiet-hours/state-rules';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BUSINESS = 'America/New_York';

// --- an independent model of the rule, read straight from compliance.md, using luxon's DateTime ---

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function insideAt(ms: number, zone: string, rules: readonly StateRule[], policy: SendPolicy): boolean {
  const local = DateTime.fromMillis(ms, { zone });
  const minute = local.hour * 60 + local.minute;
  const weekday = local.weekday % 7;
  const within = (start: string, end: string) => minute >= toMinutes(start) && minute < toMinutes(end);
  if (policy.excludedDays?.includes(weekday)) return false;
  if (!within('08:00', '21:00') || !within(policy.start, policy.end)) return false;
  return rules.every((rule) => {
    const hours = rule.hours[weekday];
    return hours !== null && within(hours.start, hours.end);
  });
}

function modelAllows(ms: number, zones: readonly string[], rules: readonly StateRule[], policy: SendPolicy): boolean {
  return zones.every((zone) => insideAt(ms, zone, rules, policy));
}

// --- generators ---

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const nanpNumber = fc
  .tuple(fc.constantFrom(...AREA_CODES.keys()), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }))
  .map(([areaCode, exchange, line]) => ({
    areaCode,
    phone: `+1${areaCode}${exchange}${String(line).padStart(4, '0')}`,
  }));

const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2028, 0, 1);
// Noon UTC on the US and Canadian DST change days in 2026 and 2027; ±36 h reaches every NANP zone's change.
const DST_DAYS = [
  Date.UTC(2026, 2, 8, 12),
  Date.UTC(2026, 10, 1, 12),
  Date.UTC(2027, 2, 14, 12),
  Date.UTC(2027, 10, 7, 12),
];

const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc
    .tuple(fc.constantFrom(...DST_DAYS), fc.integer({ min: -36 * HOUR, max: 36 * HOUR }))
    .map(([day, offset]) => day + offset),
  // Exactly on a minute, often on the hour, to land on window edges (08:00, 20:00, 21:00 local…).
  fc
    .tuple(
      fc.integer({ min: 0, max: (TO - FROM) / DAY - 1 }),
      fc.integer({ min: 0, max: 23 }),
      fc.constantFrom(0, 0, 0, 1, 30, 59),
    )
    .map(([day, hour, minute]) => FROM + day * DAY + hour * HOUR + minute * MINUTE),
);

const window = fc.oneof(
  // Inside the federal window, as the settings screen allows…
  fc
    .integer({ min: 8 * 60, max: 21 * 60 - 1 })
    .chain((start) => fc.integer({ min: start + 1, max: 21 * 60 }).map((end) => [start, end])),
  // …and anything at all, which must be clamped, never widen.
  fc
    .integer({ min: 0, max: 23 * 60 + 58 })
    .chain((start) => fc.integer({ min: start + 1, max: 23 * 60 + 59 }).map((end) => [start, end])),
);

const policy: fc.Arbitrary<SendPolicy> = fc
  .tuple(window, fc.subarray([0, 1, 2, 3, 4, 5, 6], { maxLength: 7 }))
  .map(([[start, end], excludedDays]) => ({ start: hhmm(start), end: hhmm(end), excludedDays }));

describe('sendWindowCheck properties (random NANP numbers, 2026–2027, random policies)', () => {
  it('agrees with the model at `at`, and nextAllowedAt is the first allowed instant, never earlier than `at`', () => {
    fc.assert(
      fc.property(nanpNumber, instant, policy, ({ areaCode, phone }, atMs, pol) => {
        const info = AREA_CODES.get(areaCode)!;
        const rules = STATE_RULES.filter((rule) => info.regions.includes(rule.region));
        const allows = (ms: number) => modelAllows(ms, info.zones, rules, pol);
        const result = sendWindowCheck({ phone, at: new Date(atMs), policy: pol, businessZone: BUSINESS });

        expect(result.zones).toEqual([...info.zones]);
        // (a) allowed only when every zone's local time is inside the federal window, the policy and the state
        // rules — and, the other way round, never blocked when it is.
        expect(result.allowed).toBe(allows(atMs));

        const next = result.nextAllowedAt?.getTime();
        if (result.allowed) expect(next).toBe(atMs);
        if (next === undefined) {
          // Nothing within 14 days: a coarse scan of the fortnight finds nothing either.
          for (let t = atMs; t <= atMs + 14 * DAY; t += 13 * MINUTE) expect(allows(t)).toBe(false);
          return;
        }
        // (c) never earlier than `at`, and within the fortnight searched.
        expect(next).toBeGreaterThanOrEqual(atMs);
        expect(next).toBeLessThanOrEqual(atMs + 14 * DAY);
        // (b) nextAllowedAt is itself allowed…
        expect(allows(next)).toBe(true);
        expect(sendWindowCheck({ phone, at: new Date(next), policy: pol, businessZone: BUSINESS }).allowed).toBe(true);
        // …and nothing before it is: a coarse grid, the minute just before, and the millisecond just before.
        for (let t = atMs + 7 * MINUTE; t < next; t += 7 * MINUTE)
          expect(allows(t), new Date(t).toISOString()).toBe(false);
        if (next - MINUTE > atMs) expect(allows(next - MINUTE)).toBe(false);
        if (next - 1 > atMs) expect(allows(next - 1)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('localSendTime properties', () => {
  const localTime = fc.integer({ min: 0, max: 24 * 60 - 1 }).map(hhmm);
  const date = fc
    .integer({ min: 0, max: (TO - FROM) / DAY - 1 })
    .map((day) => new Date(FROM + day * DAY).toISOString().slice(0, 10));

  it('is never early in any zone, and is the earliest such instant', () => {
    fc.assert(
      fc.property(nanpNumber, localTime, date, ({ areaCode, phone }, time, day) => {
        const zones = AREA_CODES.get(areaCode)!.zones;
        const wanted = `${day}T${time}`;
        const reads = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
        const r = localSendTime(phone, time, day, BUSINESS);
        const target = r.target.getTime();
        for (const zone of zones)
          expect(reads(target, zone) >= wanted, `${zone} reads ${reads(target, zone)}`).toBe(true);
        expect(zones.some((zone) => reads(target - 1, zone) < wanted)).toBe(true);
        expect(r.sendAt?.getTime()).toBe(r.check.nextAllowedAt?.getTime());
        if (r.sendAt) expect(r.sendAt.getTime()).toBeGreaterThanOrEqual(target);
      }),
      { numRuns: 300 },
    );
  });
});
