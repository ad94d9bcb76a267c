import type { SqliteDb } from '../db/connection';
import type { ProviderEvent } from './events';

export interface StoredEvent {
  id: number;
  event: ProviderEvent;
  attempts: number;
}

/**
 * Stores an event durably before anyone acknowledges it. Unique by (provider, event id): a redelivery is
 * acknowledged and ignored. Returns the row id, or null for a duplicate.
 */
const inserts = new WeakMap<SqliteDb, import('better-sqlite3').Statement<unknown[]>>();

export function storeEvent(db: SqliteDb, event: ProviderEvent, receivedAt: string, raw?: unknown): number | null {
  let insert = inserts.get(db);
  if (!insert) {
    insert = db.prepare(
      `INSERT INTO webhook_events (provider, event_id, type, payload, received_at, state, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (provider, event_id) DO NOTHING`,
    );
    inserts.set(db, insert);
  }
  const info = insert.run(event.provider, event.eventId, event.kind, JSON.stringify({ event, raw: raw ?? null }), receivedAt, receivedAt);
  return info.changes ? Number(info.lastInsertRowid) : null;
}

export function duePendingEvents(db: SqliteDb, nowIso: string, limit = 200): StoredEvent[] {
  const rows = db
    .prepare(
      `SELECT id, payload, attempts FROM webhook_events
       WHERE state IN ('pending', 'failed') AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
       ORDER BY id LIMIT ?`,
    )
    .all(nowIso, limit) as Array<{ id: number; payload: string; attempts: number }>;
  return rows.map((r) => ({ id: r.id, event: (JSON.parse(r.payload) as { event: ProviderEvent }).event, attempts: r.attempts }));
}
