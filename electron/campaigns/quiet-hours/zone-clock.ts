import { IANAZone } from 'luxon';

/**
 * Wall-clock arithmetic in IANA zones. A "wall" value is the local date and time read as if it were UTC, in
 * milliseconds: local midnights are then exact multiples of a day apart and local times compare as plain numbers,
 * while luxon supplies each zone's UTC offset, DST included.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const zones = new Map<string, IANAZone>();

function zoneNamed(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = IANAZone.create(name);
    zones.set(name, zone);
  }
  return zone;
}

const validity = new Map<string, boolean>();

/** Remembered per name: luxon builds an Intl.DateTimeFormat to tell, and the dispatcher asks for every message. */
export function isValidZone(name: string): boolean {
  let valid = validity.get(name);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(name);
    // A handful of zones in practice; the bound only guards against a caller inventing names forever.
    if (validity.size < 1000) validity.set(name, valid);
  }
  return valid;
}

const recentOffsets = new Map<string, Map<number, number>>();

/**
 * UTC offset in minutes at instant `ms`. luxon asks Intl for it every time (several microseconds); the dispatcher
 * checks a whole batch of recipients at the same instant, so the last few hundred answers per zone are kept.
 */
export function offsetAt(zone: string, ms: number): number {
  let recent = recentOffsets.get(zone);
  if (!recent) recentOffsets.set(zone, (recent = new Map<number, number>()));
  let offset = recent.get(ms);
  if (offset === undefined) {
    offset = zoneNamed(zone).offset(ms);
    if (recent.size >= 512) recent.clear();
    recent.set(ms, offset);
  }
  return offset;
}

/** The zone's wall clock at instant `ms`. */
export function wallAt(zone: string, ms: number): number {
  return ms + offsetAt(zone, ms) * MINUTE;
}

export interface LocalReading {
  /** Wall value of the local midnight that starts this day. */
  dayStart: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Whole minutes since local midnight. */
  minute: number;
}

export function readLocal(zone: string, ms: number): LocalReading {
  const wall = wallAt(zone, ms);
  const dayStart = Math.floor(wall / DAY) * DAY;
  return { dayStart, weekday: new Date(dayStart).getUTCDay(), minute: Math.floor((wall - dayStart) / MINUTE) };
}

/** The offsets the zone uses within a day either side of `wall` (one, or two around a DST change). */
function nearbyOffsets(zone: string, wall: number): number[] {
  return [...new Set([offsetAt(zone, wall - DAY), offsetAt(zone, wall), offsetAt(zone, wall + DAY)])];
}

/**
 * Every instant at which the zone's clock shows `wall`, earliest first: none when the time is skipped by a
 * spring-forward change, two when a fall-back change repeats it.
 */
export function instantsShowing(zone: string, wall: number): number[] {
  const found = nearbyOffsets(zone, wall)
    .map((offset) => wall - offset * MINUTE)
    .filter((ms) => wallAt(zone, ms) === wall);
  return [...new Set(found)].sort((a, b) => a - b);
}

/**
 * The first instant at which the zone's clock shows `wall` or later. For a time skipped by a spring-forward
 * change that is the moment the clocks jump, not the skipped time shifted by an hour.
 */
export function firstInstantAtOrAfter(zone: string, wall: number): number {
  const exact = instantsShowing(zone, wall);
  if (exact.length > 0) return exact[0];
  const offsets = nearbyOffsets(zone, wall);
  // With the larger offset the clock is still short of `wall`; with the smaller one it is already past it.
  let before = wall - Math.max(...offsets) * MINUTE;
  let after = wall - Math.min(...offsets) * MINUTE;
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (wallAt(zone, mid) >= wall) after = mid;
    else before = mid;
  }
  return after;
}

/** Instants in (from, to] at which the zone's UTC offset changes. */
export function offsetChanges(zone: string, from: number, to: number): number[] {
  // No zone changes its offset twice within six hours, so sampling at that step finds every change.
  const step = 6 * HOUR;
  const changes: number[] = [];
  let prev = from;
  let prevOffset = offsetAt(zone, from);
  while (prev < to) {
    const next = Math.min(prev + step, to);
    const nextOffset = offsetAt(zone, next);
    if (nextOffset !== prevOffset) {
      let lo = prev;
      let hi = next;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(zone, mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      changes.push(hi);
    }
    prev = next;
    prevOffset = nextOffset;
  }
  return changes;
}
