import type { CalendarEntry } from '../../../../shared/ipc/channels/series';
import type { Tone } from '../campaigns/format';

export type { CalendarEntry };

/** An entry's day and time as the business zone reads them (the core sends ISO with that zone's offset). */
export const entryDay = (e: CalendarEntry) => e.at.slice(0, 10);
export const entryTime = (e: CalendarEntry) => e.at.slice(11, 16);

export const ENTRY_TONE: Record<string, Tone> = {
  planned: 'info',
  scheduled: 'info',
  draft: 'neutral',
  sending: 'warn',
  paused: 'warn',
  completed: 'good',
  cancelled: 'neutral',
  missed: 'bad',
  skipped: 'neutral',
};

export const ENTRY_LABEL: Record<string, string> = {
  planned: 'Planned',
  scheduled: 'Scheduled',
  draft: 'Draft',
  sending: 'Sending',
  paused: 'Paused',
  completed: 'Sent',
  cancelled: 'Cancelled',
  missed: 'Missed',
  skipped: 'Skipped',
};

export function byDay(entries: CalendarEntry[]): Map<string, CalendarEntry[]> {
  const m = new Map<string, CalendarEntry[]>();
  for (const e of entries) m.set(entryDay(e), [...(m.get(entryDay(e)) ?? []), e]);
  return m;
}

/** One-time campaigns not yet started can be moved; a series' dates are changed on its page. */
export const canMove = (e: CalendarEntry, today: string) =>
  e.kind === 'once' && (e.status === 'scheduled' || e.status === 'draft') && entryDay(e) >= today;
