import type { HealthStatus, ProviderName } from '../../../../shared/ipc/channels/monitoring';
import { shortDateTimeWithZone } from '../../time';

export const PROVIDER_LABEL: Record<ProviderName, string> = { sandbox: 'Sandbox', quo: 'Quo', twilio: 'Twilio' };

/** "850 ms", "3.2 s", "4 min", "2.5 h", "3 days". */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * 3_600_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

/** "2 min ago" from an ISO time and the time the data was read. */
export function ago(iso: string | null, nowIso: string): string {
  if (!iso) return 'never';
  const ms = Date.parse(nowIso) - Date.parse(iso);
  return ms < 30_000 ? 'just now' : `${duration(ms)} ago`;
}

export function when(iso: string | null): string {
  return shortDateTimeWithZone(iso);
}

export const HEALTH_TONE: Record<HealthStatus | 'skipped', 'good' | 'warn' | 'bad' | 'neutral'> = {
  green: 'good',
  yellow: 'warn',
  red: 'bad',
  skipped: 'neutral',
};
export const HEALTH_WORD: Record<HealthStatus | 'skipped', string> = {
  green: 'Healthy',
  yellow: 'Needs attention',
  red: 'Not working',
  skipped: 'Not checked',
};

/** A run's verdict in words: "Healthy" only when at least one check ran; with nothing to check it says so. */
export function verdict(h: { status: HealthStatus; checksRan: number }): {
  word: string;
  tone: 'good' | 'warn' | 'bad' | 'neutral';
  kind: HealthStatus | 'skipped';
} {
  if (h.checksRan === 0) return { word: 'Nothing to check', tone: 'neutral', kind: 'skipped' };
  return { word: HEALTH_WORD[h.status], tone: HEALTH_TONE[h.status], kind: h.status };
}

/** Outbox states in the order a message moves through them, with words an owner reads. */
export const OUTBOX_STATES = [
  { state: 'queued', label: 'Queued', tone: 'info' },
  { state: 'retry_wait', label: 'Retrying', tone: 'warn' },
  { state: 'held', label: 'Held (A/B)', tone: 'neutral' },
  { state: 'sending', label: 'Sending', tone: 'info' },
  { state: 'sent', label: 'Sent', tone: 'accent' },
  { state: 'delivered', label: 'Delivered', tone: 'good' },
  { state: 'undelivered', label: 'Undelivered', tone: 'bad' },
  { state: 'failed', label: 'Failed', tone: 'bad' },
  { state: 'unknown', label: 'Unknown outcome', tone: 'warn' },
  { state: 'skipped', label: 'Skipped', tone: 'neutral' },
] as const;

/** `<input type="datetime-local">` value for a Date, in local time. */
export function toLocalInput(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): Date | null {
  if (!value) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
