import { DateTime } from 'luxon';
import { dateFieldRepeatSchema, type DateFieldRepeat } from '../../../shared/recurrence';
import type { AudienceFilter } from '../../../shared/audience';
import { expand, type Occurrence } from '../recurrence/expand';
import { parseRule } from '../recurrence/rule';
import type { SeriesRow } from './store';

/** The zone where a recipient-local date-field campaign first reaches its time (UTC+14), as scheduledInstant does. */
export const EARLIEST_ZONE = 'Etc/GMT-14';

export function dateFieldOf(s: Pick<SeriesRow, 'date_field_json'>): DateFieldRepeat | null {
  return s.date_field_json ? dateFieldRepeatSchema.parse(JSON.parse(s.date_field_json)) : null;
}

/** Planned occurrences of a series after an instant (ms), at most `limit`, none past `through`. */
export function planned(s: SeriesRow, opts: { after?: number; limit: number; through?: number }): Occurrence[] {
  return expand(parseRule(s.rule, s.zone), s.start_local, s.zone, opts);
}

/** The instant as ISO with the series zone's offset (what the CLI and the calendar show). */
export function zonedIso(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Who a date-field occurrence on local date `date` is for: contacts whose date falls `daysBefore` days later
 * (29 February counts as 28 February in a common year), each once per year.
 */
export function dateFieldAudience(
  field: DateFieldRepeat,
  date: string,
): NonNullable<AudienceFilter['occurrenceOf']>['dateField'] {
  const target = DateTime.fromISO(date, { zone: 'utc' }).plus({ days: field.daysBefore });
  const monthDays = [target.toFormat('MM-dd')];
  if (target.month === 2 && target.day === 28 && !isLeap(target.year)) monthDays.push('02-29');
  return { key: field.fieldKey, monthDays, year: target.year };
}
