import { bestHourOn, bestTimeCells } from '../../../shared/analytics/insights/best-time';
import type { SqliteDb } from '../../db/connection';
import { parseHHMM } from '../../campaigns';
import { bestTimeCounts } from './best-time';

/**
 * The wall-clock time a "best hour" campaign goes out at in each recipient's zone on `date` (YYYY-MM-DD): the hour
 * the best-time analysis recommends for that weekday (else for the week), among the hours whose start is inside the
 * sending window; `fallback` (the time the owner chose) when the data supports no hour.
 */
export function bestLocalTime(
  db: SqliteDb,
  businessZone: string,
  date: string,
  window: { start: string; end: string },
  fallback: string,
): string {
  const start = parseHHMM(window.start, 'The start of the sending window');
  const end = parseHHMM(window.end, 'The end of the sending window');
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const cells = bestTimeCells(bestTimeCounts(db, businessZone));
  const hour = bestHourOn(cells, weekday, (h) => h * 60 >= start && h * 60 < end);
  return hour === null ? fallback : `${String(hour).padStart(2, '0')}:00`;
}
