/**
 * The periods a report covers. Roll-ups are kept per UTC calendar day, so a period is whole UTC days: a week runs
 * Monday 00:00 to the next Monday 00:00 (UTC), a month from its 1st to the next 1st. `to` is exclusive.
 */
export type ReportPeriodKind = 'week' | 'month';

export interface ReportPeriod {
  kind: ReportPeriodKind;
  /** ISO instants, `from` inclusive, `to` exclusive. */
  from: string;
  to: string;
  /** "Week of 30 Nov 2026" / "November 2026". */
  label: string;
  /** For file names: "2026-W49" / "2026-11". */
  slug: string;
}

const DAY = 86_400_000;

function utcMidnight(at: Date): number {
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
}

const dayLabel = (ms: number) =>
  new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** ISO 8601 week number of the week starting on the Monday `monday` (UTC ms). */
function isoWeek(monday: number): { year: number; week: number } {
  const thursday = new Date(monday + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return { year, week };
}

function weekStarting(monday: number): ReportPeriod {
  const { year, week } = isoWeek(monday);
  const sunday = monday + 6 * DAY;
  const sameYear = new Date(monday).getUTCFullYear() === new Date(sunday).getUTCFullYear();
  const firstDay = new Date(monday).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  });
  return {
    kind: 'week',
    from: new Date(monday).toISOString(),
    to: new Date(monday + 7 * DAY).toISOString(),
    label: `Week ${week}: ${firstDay} – ${dayLabel(sunday)}`,
    slug: `${year}-W${String(week).padStart(2, '0')}`,
  };
}

function monthStarting(year: number, month: number): ReportPeriod {
  const start = Date.UTC(year, month, 1);
  return {
    kind: 'month',
    from: new Date(start).toISOString(),
    to: new Date(Date.UTC(year, month + 1, 1)).toISOString(),
    label: new Date(start).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    slug: `${new Date(start).getUTCFullYear()}-${String(new Date(start).getUTCMonth() + 1).padStart(2, '0')}`,
  };
}

/** The latest period of that kind that has fully ended at `now`: last week (Monday to Sunday), last month. */
export function lastCompletePeriod(kind: ReportPeriodKind, now: Date): ReportPeriod {
  if (kind === 'month') return monthStarting(now.getUTCFullYear(), now.getUTCMonth() - 1);
  const today = utcMidnight(now);
  const sinceMonday = (new Date(today).getUTCDay() + 6) % 7;
  return weekStarting(today - sinceMonday * DAY - 7 * DAY);
}

/** The kinds a `reports.schedule` value asks for. */
export function scheduledKinds(schedule: 'none' | 'weekly' | 'monthly' | 'both'): ReportPeriodKind[] {
  return schedule === 'both'
    ? ['week', 'month']
    : schedule === 'weekly'
      ? ['week']
      : schedule === 'monthly'
        ? ['month']
        : [];
}
