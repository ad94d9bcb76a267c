import type { SqliteDb } from '../db/connection';
import type { ProviderEvent } from './events';
import { dueEventRows, insertEventOnce } from './queries-hot';

export interface StoredEvent {
  id: number;
  event: ProviderEvent;
  attempts: number;
}

/**
 * Stores an event durably before anyone acknowledges it. Unique by (provider, event id): a redelivery is
 * acknowledged and ignored. Returns the row id, or null for a duplicate.
 */
export function storeEvent(db: SqliteDb, event: ProviderEvent, receivedAt: string, raw?: unknown): number | null {
  return insertEventOnce(db, {
    provider: event.provider,
    eventId: event.eventId,
    type: event.kind,
    payload: JSON.stringify({ event, raw: raw ?? null }),
    receivedAt,
  });
}

export function duePendingEvents(db: SqliteDb, nowIso: string, limit = 200): StoredEvent[] {
  const rows = dueEventRows(db, nowIso, limit);
  return rows.map((r) => ({
    id: r.id,
    event: (JSON.parse(r.payload) as { event: ProviderEvent }).event,
    attempts: r.attempts,
  }));
}
