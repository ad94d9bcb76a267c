import type { RecurrenceRule } from '../../../shared/recurrence';

/**
 * An independent expansion for the property tests: walks the calendar one day at a time and asks of each day
 * whether the rule names it, from first principles (no period arithmetic), and finds each instant by reading the
 * zone's wall clock through Intl, not luxon.
 */

const DAY = 86_400_000;
const MIN = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function wall(zone: string, ms: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
}

/** The first minute at which the zone's clock reads `target` or later (skipped times: the jump; repeated: the first). */
export function oracleInstant(zone: string, target: number): number {
  let t = target - 15 * 3_600_000;
  while (wall(zone, t) < target) t += 15 * MIN;
  while (wall(zone, t - MIN) >= target) t -= MIN;
  return t;
}

function names(rule: RecurrenceRule, day: number, start: number): boolean {
  const d = new Date(day * DAY);
  const s = new Date(start * DAY);
  const [y, m, dom] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const len = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const wd = ((d.getUTCDay() + 6) % 7) + 1;
  const monthDayOk = () => rule.byMonthDay.some((md) => md === dom || md === dom - len - 1);
  // nth weekday within the month / year, counted forwards and backwards
  const inMonth = { fwd: Math.ceil(dom / 7), back: -(Math.floor((len - dom) / 7) + 1) };
  const doy = (day * DAY - Date.UTC(y, 0, 1)) / DAY + 1;
  const ylen = (Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)) / DAY;
  const inYear = { fwd: Math.ceil(doy / 7), back: -(Math.floor((ylen - doy) / 7) + 1) };
  const dayOk = (pos: { fwd: number; back: number }) =>
    rule.byDay.some((b) => b.weekday === wd && (b.nth === null || b.nth === pos.fwd || b.nth === pos.back));
  if (rule.byMonth.length && !rule.byMonth.includes(m)) return false;
  const sWd = ((s.getUTCDay() + 6) % 7) + 1;
  switch (rule.freq) {
    case 'DAILY':
      return (
        (day - start) % rule.interval === 0 &&
        (!rule.byDay.length || dayOk(inMonth)) &&
        (!rule.byMonthDay.length || monthDayOk())
      );
    case 'WEEKLY': {
      const weeks = Math.round((day - wd - (start - sWd)) / 7);
      return weeks % rule.interval === 0 && (rule.byDay.length ? dayOk(inMonth) : wd === sWd);
    }
    case 'MONTHLY': {
      const months = (y - s.getUTCFullYear()) * 12 + m - 1 - s.getUTCMonth();
      if (months % rule.interval !== 0) return false;
      if (!rule.byDay.length && !rule.byMonthDay.length) return dom === s.getUTCDate();
      return (!rule.byDay.length || dayOk(inMonth)) && (!rule.byMonthDay.length || monthDayOk());
    }
    case 'YEARLY': {
      if ((y - s.getUTCFullYear()) % rule.interval !== 0) return false;
      if (!rule.byDay.length && !rule.byMonthDay.length)
        return (rule.byMonth.length ? true : m === s.getUTCMonth() + 1) && dom === s.getUTCDate();
      const pos = rule.byMonth.length ? inMonth : inYear;
      return (!rule.byDay.length || dayOk(pos)) && (!rule.byMonthDay.length || monthDayOk());
    }
  }
}

/** Occurrences (ms) from `start` (YYYY-MM-DDTHH:MM) up to `through`. */
export function oracleExpand(rule: RecurrenceRule, start: string, zone: string, through: number): number[] {
  const [date, time] = start.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const first = Date.UTC(y, m - 1, d) / DAY;
  const out: number[] = [];
  const until = rule.until ? Date.parse(rule.until) : Infinity;
  for (let day = first; day * DAY <= through + DAY; day++) {
    if (rule.count !== null && out.length >= rule.count) break;
    if (!names(rule, day, first)) continue;
    const at = oracleInstant(zone, day * DAY + (h * 60 + mi) * MIN);
    if (at > through || at > until) break;
    out.push(at);
  }
  return out;
}
