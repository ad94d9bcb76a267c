import type { ProviderEvent } from '../events';

/**
 * What a verified webhook body means to the desk: events to store, something we deliberately do not use
 * (acknowledged so the provider stops retrying), or a body we cannot read (the provider should hear about it).
 */
export type ParseOutcome =
  | { kind: 'events'; events: ProviderEvent[] }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string };

export const events = (list: ProviderEvent[]): ParseOutcome => ({ kind: 'events', events: list });
export const ignored = (reason: string): ParseOutcome => ({ kind: 'ignored', reason });
export const invalid = (reason: string): ParseOutcome => ({ kind: 'invalid', reason });

/** A provider's time as ISO 8601, or `fallback` when it is missing or unreadable. */
export function isoOr(value: unknown, fallback: Date): string {
  if (typeof value === 'string' || typeof value === 'number') {
    const ms = typeof value === 'number' ? value : Date.parse(value);
    if (Number.isFinite(ms)) return new Date(ms).toISOString();
  }
  return fallback.toISOString();
}

export function text(value: unknown): string | null {
  if (typeof value === 'string' && value.length) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
