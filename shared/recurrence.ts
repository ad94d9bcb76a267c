import { z } from 'zod';

/** A recurrence in the business's words, parsed from (and written back as) an RFC 5545 RRULE. */
export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

/** A weekday (1 = Monday … 7 = Sunday), optionally the nth of its month or year (2 = second, -1 = last). */
export interface RuleWeekday {
  weekday: number;
  nth: number | null;
}

export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  byDay: RuleWeekday[];
  /** 1–31, or -1 (last day) … -31. */
  byMonthDay: number[];
  byMonth: number[];
  /** Stop after this many occurrences. */
  count: number | null;
  /** Last instant an occurrence may fall on (UTC ISO). */
  until: string | null;
}

export const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'expected a local date and time as YYYY-MM-DDTHH:MM');

/** What the wizard and the CLI send to make a campaign repeat. */
export const repeatSchema = z
  .object({
    /** RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TU;INTERVAL=2 (UNTIL and COUNT may be in it). */
    rule: z.string().trim().min(1, 'give a repeat rule such as FREQ=WEEKLY;BYDAY=TU').max(500),
    /** The first occurrence's local date and time in the series' zone. */
    start: localDateTimeSchema,
    /** IANA zone; the business.timezone setting when left out. */
    zone: z.string().min(1).max(64).optional(),
    /** Skip contacts who got an earlier occurrence of this series in the last N days. */
    skipRecentDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type RepeatInput = z.infer<typeof repeatSchema>;

/** A date-field (birthday, anniversary) campaign: checked daily, sent on the day or N days before. */
export const dateFieldRepeatSchema = z
  .object({
    fieldKey: z.string().min(1).max(64),
    daysBefore: z.number().int().min(0).max(60).default(0),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour)'),
    /** At that time where each recipient is, or in the business's zone. */
    recipientLocal: z.boolean().default(false),
    /** The first day to check (YYYY-MM-DD, business zone). */
    startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
  })
  .strict();
export type DateFieldRepeat = z.infer<typeof dateFieldRepeatSchema>;

export type SeriesKind = 'recurring' | 'birthday';
export type OccurrenceStatus =
  'planned' | 'launched' | 'sending' | 'completed' | 'cancelled' | 'paused' | 'skipped' | 'missed';

export interface OccurrenceView {
  /** ISO with the zone's offset. */
  at: string;
  status: OccurrenceStatus;
  campaignId?: number;
  reason?: string;
}

export interface SeriesView {
  campaignId: number;
  kind: SeriesKind;
  rule: string;
  /** The rule in words ("Every 2 weeks on Tuesday at 10:00"). */
  summary: string;
  zone: string;
  start: string;
  skipRecentDays: number | null;
  dateField: DateFieldRepeat | null;
  nextAt: string | null;
}
