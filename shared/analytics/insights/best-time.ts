import { wilsonInterval } from '../../abtests/effect';

/**
 * Best time to send (analytics.md, "Planning"): reply and click rates by the recipient's local weekday and hour,
 * and a recommendation only when the data supports one. The rule, stated in the README and on the page:
 *
 * - a weekday-hour counts once it has at least MIN_DELIVERED_PER_CELL delivered texts;
 * - at least MIN_CELLS such weekday-hours are needed, so that "the typical hour" means something;
 * - the best of them (highest reply rate) is recommended only when the lower end of its 95 % Wilson interval is above
 *   the upper end of the median weekday-hour's interval — the two intervals do not overlap, so the difference is not
 *   the luck of a small sample.
 */
export const MIN_DELIVERED_PER_CELL = 50;
export const MIN_CELLS = 3;

/** 0 = Sunday … 6 = Saturday, as the quiet-hours code counts them. */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export interface BestTimeCounts {
  weekday: number;
  hour: number;
  delivered: number;
  replied: number;
  clicked: number;
}

export interface BestTimeCell extends BestTimeCounts {
  /** Reply rate (replied ÷ delivered); null with nothing delivered. */
  rate: number | null;
  clickRate: number | null;
  /** 95 % Wilson interval of the reply rate; null with nothing delivered. */
  low: number | null;
  high: number | null;
}

export interface WeekdayHour {
  weekday: number;
  hour: number;
}

export interface BestTimeVerdict {
  recommendation: WeekdayHour | null;
  /** One sentence: why this hour, or what is still needed. */
  reason: string;
  /** Weekday-hours with enough delivered texts to be judged. */
  judgedCells: number;
}

/** Every weekday × hour (168 cells, Sunday 0:00 first), with rates and intervals, from whatever counts exist. */
export function bestTimeCells(counts: readonly BestTimeCounts[]): BestTimeCell[] {
  const byKey = new Map<number, BestTimeCounts>();
  for (const c of counts) {
    const key = c.weekday * 24 + c.hour;
    const had = byKey.get(key);
    byKey.set(
      key,
      had
        ? {
            ...had,
            delivered: had.delivered + c.delivered,
            replied: had.replied + c.replied,
            clicked: had.clicked + c.clicked,
          }
        : { ...c },
    );
  }
  const cells: BestTimeCell[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const c = byKey.get(weekday * 24 + hour) ?? { weekday, hour, delivered: 0, replied: 0, clicked: 0 };
      cells.push(cellOf(c));
    }
  }
  return cells;
}

function cellOf(c: BestTimeCounts): BestTimeCell {
  if (c.delivered <= 0) return { ...c, rate: null, clickRate: null, low: null, high: null };
  const replied = Math.min(c.replied, c.delivered);
  const w = wilsonInterval(replied, c.delivered);
  return {
    ...c,
    replied,
    rate: w.rate,
    clickRate: Math.min(c.clicked, c.delivered) / c.delivered,
    low: w.low,
    high: w.high,
  };
}

/** "Tuesday 6 PM". */
export function weekdayHourLabel(w: WeekdayHour): string {
  return `${WEEKDAY_NAMES[w.weekday]} ${hourLabel(w.hour)}`;
}

/** 0 → "12 AM", 13 → "1 PM". */
export function hourLabel(hour: number): string {
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h} ${hour < 12 ? 'AM' : 'PM'}`;
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/**
 * The recommendation rule above, over `cells` (any subset: the whole week, or one weekday). `allowedHours`, when
 * given, keeps only the hours a text may be sent (inside quiet hours); the median is still taken over every judged
 * cell, so "typical" does not change with the window.
 */
export function recommendBestTime(
  cells: readonly BestTimeCell[],
  allowedHours?: (hour: number) => boolean,
): BestTimeVerdict {
  const judged = cells.filter((c) => c.delivered >= MIN_DELIVERED_PER_CELL);
  if (judged.length < MIN_CELLS) {
    const fullest = Math.max(0, ...cells.map((c) => c.delivered));
    return {
      recommendation: null,
      judgedCells: judged.length,
      reason:
        `Not enough data yet: a recommendation needs at least ${MIN_CELLS} weekday-hours with ${MIN_DELIVERED_PER_CELL} delivered texts each ` +
        `(${judged.length} have that many so far; the fullest has ${fullest}). Keep sending at different times.`,
    };
  }
  const byRate = [...judged].sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || a.weekday - b.weekday || a.hour - b.hour);
  const median = byRate[Math.floor((byRate.length - 1) / 2)];
  const candidates = byRate.filter((c) => !allowedHours || allowedHours(c.hour));
  const best = candidates[candidates.length - 1];
  if (!best) {
    return {
      recommendation: null,
      judgedCells: judged.length,
      reason: 'No weekday-hour inside your sending hours has enough delivered texts yet.',
    };
  }
  const where = weekdayHourLabel(best);
  if ((best.low ?? 0) > (median.high ?? 1)) {
    return {
      recommendation: { weekday: best.weekday, hour: best.hour },
      judgedCells: judged.length,
      reason:
        `${where} stands out: ${pct(best.rate ?? 0)} replied (at least ${pct(best.low ?? 0)}), against ${pct(median.rate ?? 0)} ` +
        `at a typical hour (at most ${pct(median.high ?? 0)}), over ${best.delivered} delivered texts.`,
    };
  }
  return {
    recommendation: null,
    judgedCells: judged.length,
    reason:
      `No hour stands out yet: the best, ${where} (${pct(best.rate ?? 0)} replied, at least ${pct(best.low ?? 0)}), ` +
      `is not clearly above a typical hour (${pct(median.rate ?? 0)}, up to ${pct(median.high ?? 0)}). More texts will tell.`,
  };
}

/**
 * "Each recipient's best hour" on a given weekday: the recommended hour of that weekday, else the recommended hour
 * of the whole week, both inside the sending window; null when neither is supported (the chosen time is kept).
 */
export function bestHourOn(
  cells: readonly BestTimeCell[],
  weekday: number,
  allowedHours: (hour: number) => boolean,
): number | null {
  const thatDay = recommendBestTime(
    cells.filter((c) => c.weekday === weekday),
    allowedHours,
  ).recommendation;
  if (thatDay) return thatDay.hour;
  return recommendBestTime(cells, allowedHours).recommendation?.hour ?? null;
}
