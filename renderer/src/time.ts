/**
 * One way to write times, app-wide: the computer's own locale (Intl), always with the time zone, so "8:00" is
 * never ambiguous. `zone` is an IANA name; without it, the computer's zone.
 */
const zoneOf = (zone?: string) => (zone ? { timeZone: zone } : {});

function valid(iso: string | null): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "Dec 7, 2026, 4:26 AM EST" */
export function dateTimeWithZone(iso: string | null, zone?: string): string {
  const d = valid(iso);
  if (!d) return '—';
  return new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...zoneOf(zone),
  }).format(d);
}

/** "Dec 7, 4:26 AM EST": for tables, where the year goes without saying. */
export function shortDateTimeWithZone(iso: string | null, zone?: string): string {
  const d = valid(iso);
  if (!d) return '—';
  return new Intl.DateTimeFormat(undefined, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...zoneOf(zone),
  }).format(d);
}

/** "8:00 AM EST" */
export function clockWithZone(iso: string, zone?: string): string {
  const d = valid(iso);
  if (!d) return '—';
  return new Intl.DateTimeFormat(undefined, {
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...zoneOf(zone),
  }).format(d);
}

/** "8:00 AM": the wall clock in `zone`, when the zone is said in words beside it ("in their time zone"). */
export function wallClock(iso: string, zone: string): string {
  const d = valid(iso);
  if (!d) return '—';
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: zone }).format(d);
}

/** "Thu" when `iso` falls on another calendar day than `now` in `zone`, else "". */
export function otherDay(iso: string, zone: string, now: Date): string {
  const d = valid(iso);
  if (!d) return '';
  const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone });
  return day.format(d) === day.format(now)
    ? ''
    : new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: zone }).format(d);
}
