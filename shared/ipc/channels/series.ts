import { z } from 'zod';
import { channel } from '../define';
import type { Channel } from '../../types/domain';
import { localDateTimeSchema, type OccurrenceView, type SeriesView } from '../../recurrence';

export interface CalendarEntry {
  campaignId: number;
  name: string;
  /** ISO with the business zone's offset. */
  at: string;
  kind: 'once' | 'recurring' | 'birthday';
  /** A campaign's status, or for an occurrence not yet run: planned, paused, missed, skipped. */
  status: string;
  /** The series an occurrence belongs to. */
  seriesId?: number;
  /** The campaign's channels in the owner's order (a text campaign: ["sms"]). */
  channels: Channel[];
}

export interface RepeatPreview {
  summary: string;
  occurrences: string[];
}

const id = z.number().int().positive();

export const seriesChannels = {
  'series:get': channel<SeriesView | null>()(z.object({ id }).strict()),
  'series:occurrences': channel<{ occurrences: OccurrenceView[] }>()(
    z.object({ id, count: z.number().int().min(0).max(500).default(10) }).strict(),
  ),
  /** What a repeat rule would do, for the repeat editor: in words, and its next dates. Throws on a bad rule. */
  'series:preview': channel<RepeatPreview>()(
    z
      .object({
        rule: z.string().min(1).max(500),
        start: localDateTimeSchema,
        zone: z.string().min(1).max(64).optional(),
        count: z.number().int().min(1).max(50).default(5),
      })
      .strict(),
  ),
  /** Moves a future one-time campaign (draft or scheduled) to another instant, keeping its status. */
  'calendar:reschedule': channel<{ id: number; scheduledAt: string }>()(
    z.object({ id, at: z.string().datetime({ offset: true }) }).strict(),
  ),
  'calendar:entries': channel<{ entries: CalendarEntry[]; zone: string }>()(
    z.object({ from: z.string().datetime({ offset: true }), to: z.string().datetime({ offset: true }) }).strict(),
  ),
};
