import { isInside, whyOutside, type WeekWindows } from './week-windows';
import { DAY, MINUTE, instantsShowing, offsetChanges, readLocal } from './zone-clock';

/** How far ahead we look for an open window before telling the user none exists. */
export const SEARCH_DAYS = 14;

/** Whether instant `ms` is inside the window in every zone. */
export function isOpenEverywhere(ms: number, zones: readonly string[], week: WeekWindows): boolean {
  return zones.every((zone) => {
    const local = readLocal(zone, ms);
    return isInside(week[local.weekday], local.minute);
  });
}

/** Why instant `ms` is closed, zone by zone, in plain words; undefined when it is open everywhere. */
export function whyClosed(ms: number, zones: readonly string[], week: WeekWindows): string | undefined {
  const reasons = zones.flatMap((zone) => {
    const local = readLocal(zone, ms);
    const window = week[local.weekday];
    return isInside(window, local.minute) ? [] : [whyOutside(window, zone, local.weekday, local.minute)];
  });
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/**
 * The earliest instant ≥ `from` that is open in every zone at once, or undefined if there is none within
 * SEARCH_DAYS.
 *
 * Each zone's open time is a set of intervals closed on the left, so the first open instant after a closed one
 * is where some zone's interval begins: the instant its clock reads the day's window start, or an instant where its
 * offset changes (a DST jump can land the clock inside the window). We test those candidates in time order, a day
 * at a time so the usual answer (today or tomorrow) is found without looking two weeks ahead; no instant between
 * candidates can be the answer.
 */
export function firstOpenInstant(from: number, zones: readonly string[], week: WeekWindows): number | undefined {
  if (isOpenEverywhere(from, zones, week)) return from;
  const until = from + SEARCH_DAYS * DAY;
  const startsByZoneDay = new Map<string, number[]>();
  const windowStarts = (zone: string, day: number): number[] => {
    const key = `${zone} ${day}`;
    let found = startsByZoneDay.get(key);
    if (!found) {
      const window = week[new Date(day).getUTCDay()];
      found = window.open ? instantsShowing(zone, day + window.start.minute * MINUTE) : [];
      startsByZoneDay.set(key, found);
    }
    return found;
  };
  for (let chunkStart = from; chunkStart < until; chunkStart += DAY) {
    const chunkEnd = Math.min(chunkStart + DAY, until);
    const candidates: number[] = [];
    for (const zone of zones) {
      candidates.push(...offsetChanges(zone, chunkStart, chunkEnd));
      // A day earlier too: a fall-back change can take the clock back across midnight.
      const lastDay = readLocal(zone, chunkEnd).dayStart;
      for (let day = readLocal(zone, chunkStart).dayStart - DAY; day <= lastDay; day += DAY) {
        candidates.push(...windowStarts(zone, day));
      }
    }
    const inChunk = [...new Set(candidates)].filter((ms) => ms > chunkStart && ms <= chunkEnd).sort((a, b) => a - b);
    const open = inChunk.find((ms) => isOpenEverywhere(ms, zones, week));
    if (open !== undefined) return open;
  }
  return undefined;
}
