import { DateTime } from 'luxon';
import type { RepeatInput } from '../../../shared/recurrence';
import { checkZone } from '../../campaigns';
import { UsageError } from '../framework';

/** The options `campaigns create` takes for a recurring campaign. */
export const repeatCreateOptions = {
  repeat: { type: 'string' },
  until: { type: 'string' },
  count: { type: 'string' },
  'skip-recent-days': { type: 'string' },
} as const;

export const repeatCreateUsage = '[--repeat RRULE [--until ISO | --count N] [--skip-recent-days N]]';

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** --at as a local date-time in `zone`: read as local there when it has no offset, converted when it has one. */
export function localAt(text: string, zone: string): DateTime {
  const at = OFFSET.test(text)
    ? DateTime.fromISO(text, { setZone: true }).setZone(zone)
    : DateTime.fromISO(text, { zone });
  if (!at.isValid)
    throw new UsageError(
      `--at must be an ISO date-time such as 2026-12-08T10:00 (in ${zone}) or 2026-12-08T10:00:00-05:00, got "${text}"`,
    );
  return at;
}

/** UNTIL for the rule from --until: a date is the end of that day; a time without offset is local in `zone`. */
function untilPart(text: string, zone: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    if (!DateTime.fromISO(text).isValid) throw new UsageError(`--until ${text} is not a real date`);
    return `UNTIL=${text.replace(/-/g, '')}`;
  }
  const at = OFFSET.test(text) ? DateTime.fromISO(text, { setZone: true }) : DateTime.fromISO(text, { zone });
  if (!at.isValid) throw new UsageError(`--until must be an ISO date or date-time such as 2027-06-30, got "${text}"`);
  return `UNTIL=${at.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
}

/** The draft's repeat from the command line, or nothing when --repeat is not given. */
export function repeatFromOptions(values: Record<string, unknown>, zone: string): { repeat?: RepeatInput } {
  const rule = values.repeat as string | undefined;
  if (rule === undefined) {
    const stray = ['until', 'count', 'skip-recent-days'].filter((o) => values[o] !== undefined);
    if (stray.length) throw new UsageError(`${stray.map((o) => `--${o}`).join(', ')} only apply with --repeat RRULE`);
    return {};
  }
  if (!values.at)
    throw new UsageError("--repeat needs --at: the first occurrence's local date and time, such as 2026-12-08T10:00");
  if (values.until !== undefined && values.count !== undefined)
    throw new UsageError('give --until or --count, not both');
  checkZone(zone);
  const parts = [rule.trim().replace(/;+$/, '')];
  if (values.count !== undefined) {
    const n = String(values.count).trim();
    if (!/^\d+$/.test(n) || Number(n) < 1)
      throw new UsageError(`--count must be a whole number of sends, 1 or more, got "${n}"`);
    parts.push(`COUNT=${n}`);
  }
  if (values.until !== undefined) parts.push(untilPart(String(values.until), zone));
  const skip = values['skip-recent-days'];
  if (skip !== undefined && !/^\d+$/.test(String(skip)))
    throw new UsageError(`--skip-recent-days must be a whole number of days, got "${String(skip)}"`);
  const start = localAt(String(values.at), zone).toFormat("yyyy-MM-dd'T'HH:mm");
  return {
    repeat: { rule: parts.join(';'), start, zone, ...(skip !== undefined ? { skipRecentDays: Number(skip) } : {}) },
  };
}
