import { DateTime } from 'luxon';

export interface BusinessInstant {
  /** ISO-8601 with the zone's offset for that date, e.g. 2026-03-08T10:00:00-04:00. */
  iso: string;
  /** The wall time actually used: differs from the one asked for when it does not exist (clocks go forward). */
  time: string;
  shifted: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A date and wall-clock time in the business's time zone as one instant. The offset is the zone's on that date
 * (daylight saving included), not the computer's; null when the date, time or zone is not valid.
 */
export function businessInstant(date: string, time: string, zone: string): BusinessInstant | null {
  if (!DATE.test(date) || !TIME.test(time)) return null;
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const dt = DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi }, { zone });
  if (!dt.isValid) return null;
  const used = dt.toFormat('HH:mm');
  return { iso: dt.toISO({ suppressMilliseconds: true }), time: used, shifted: used !== time };
}

/** The inverse: an instant as the business's date and time, to edit a saved schedule. */
export function businessParts(iso: string, zone: string): { date: string; time: string } {
  const dt = DateTime.fromISO(iso, { setZone: false }).setZone(zone);
  return { date: dt.toFormat('yyyy-MM-dd'), time: dt.toFormat('HH:mm') };
}

/** "Tue, 3 Mar 2026, 10:00 EST" — the instant as the business reads it. */
export function inBusinessWords(iso: string, zone: string): string {
  const dt = DateTime.fromISO(iso).setZone(zone);
  return dt.isValid ? dt.toFormat('ccc d LLL yyyy, HH:mm ZZZZ') : iso;
}

/** Today in the business's zone (the earliest date a schedule can use), as YYYY-MM-DD. */
export function businessToday(zone: string, now: Date): string {
  return DateTime.fromJSDate(now).setZone(zone).toFormat('yyyy-MM-dd');
}

export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}
