import type { CampaignStatus, OutboxState } from '../../../../shared/types/domain';
import { dateTimeWithZone, shortDateTimeWithZone } from '../../time';

export type Tone = 'neutral' | 'good' | 'warn' | 'bad' | 'info';

export const STATUS_LABEL: Record<CampaignStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  sending: 'Sending',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const STATUS_TONE: Record<CampaignStatus, Tone> = {
  draft: 'neutral',
  scheduled: 'info',
  sending: 'info',
  paused: 'warn',
  completed: 'good',
  cancelled: 'bad',
};

/** Outbox states in the order a message moves through them, with the words the owner sees. */
export const STATE_LABEL: Record<OutboxState, string> = {
  queued: 'Waiting',
  retry_wait: 'Retrying',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  undelivered: 'Undelivered',
  failed: 'Failed',
  unknown: 'Unknown',
  skipped: 'Skipped',
  held: 'Held for the winner',
};

export const STATE_TONE: Record<OutboxState, Tone> = {
  queued: 'neutral',
  retry_wait: 'warn',
  sending: 'info',
  sent: 'info',
  delivered: 'good',
  undelivered: 'bad',
  failed: 'bad',
  unknown: 'warn',
  skipped: 'neutral',
  held: 'neutral',
};

export const OUTBOX_STATES = Object.keys(STATE_LABEL) as OutboxState[];

export const UNKNOWN_EXPLAINED = 'May or may not have reached the provider — reconciliation will check.';

type Counts = Partial<Record<string, number>>;
const n = (c: Counts, k: string) => c[k] ?? 0;

/** The owner's three outcome numbers: failed includes carrier "undelivered". */
export function outcomeCounts(counts: Counts): { delivered: number; failed: number; unknown: number } {
  return {
    delivered: n(counts, 'delivered'),
    failed: n(counts, 'failed') + n(counts, 'undelivered'),
    unknown: n(counts, 'unknown'),
  };
}

/** Messages whose sending is over, one way or another (still waiting: queued, retrying, sending, held). */
export function finishedCount(counts: Counts): number {
  return ['sent', 'delivered', 'undelivered', 'failed', 'unknown', 'skipped'].reduce((sum, k) => sum + n(counts, k), 0);
}

/** Messages handed to the provider (or tried): what a send rate counts. Skipped ones never left. */
export function handedOverCount(counts: Counts): number {
  return ['sent', 'delivered', 'undelivered', 'failed', 'unknown'].reduce((sum, k) => sum + n(counts, k), 0);
}

export function percent(part: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((part / total) * 100));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** "a, b or c" / "a, b and c". */
export function listInWords(items: string[], conjunction: 'or' | 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function formatMoney(dollars: number): string {
  // Sub-cent totals are real (a few sandbox-priced texts); show them rather than "$0.00".
  // Up to four decimals there, but no padding zeros: a total rounded to the cent reads "$0.03", not "$0.0300".
  const digits = dollars > 0 && dollars < 0.1 ? 4 : 2;
  return dollars.toLocaleString(undefined, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: digits,
  });
}

/** The app-wide format (the computer's locale, with the zone). */
export function formatTime(iso: string | null, zone?: string): string {
  return dateTimeWithZone(iso, zone);
}

/** Short for tables: the time alone today, the day and time otherwise. */
export function formatShort(iso: string | null, now = new Date()): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay
    ? d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short' })
    : shortDateTimeWithZone(iso);
}

/** "3 hours 5 minutes" from milliseconds, coarse on purpose. */
export function durationInWords(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return rest ? `${plural(hours, 'hour')} ${plural(rest, 'minute')}` : plural(hours, 'hour');
  return plural(Math.round(hours / 24), 'day');
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const WEEKDAYS_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export const PROVIDER_LABEL = {
  sandbox: 'Sandbox (simulated — nothing leaves this computer)',
  quo: 'Quo (OpenPhone)',
  twilio: 'Twilio',
} as const;
