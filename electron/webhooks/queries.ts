import type { SqliteDb } from '../db/connection';
import { allRows, firstRow, qb, runQuery } from '../db/sync-query';

/** The newest stored events, newest first. */
export function newestEvents(db: SqliteDb, limit: number) {
  return allRows(
    db,
    qb
      .selectFrom('webhook_events')
      .select([
        'id',
        'provider',
        'event_id as eventId',
        'type',
        'state',
        'received_at as receivedAt',
        'processed_at as processedAt',
        'attempts',
        'last_error as lastError',
        'payload',
      ])
      .orderBy('id', 'desc')
      .limit(limit),
  );
}

export function eventState(
  db: SqliteDb,
  provider: string,
  eventId: string,
): { state: string; lastError: string | null } | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('webhook_events')
      .select(['state', 'last_error as lastError'])
      .where('provider', '=', provider)
      .where('event_id', '=', eventId),
  );
}

/** A call's answering-machine verdict and length, from its status callbacks (kept when a later one lacks them). */
export function setCallOutcome(
  db: SqliteDb,
  outboxId: number,
  call: { answeredBy: string | null; durationS: number | null },
  nowIso: string,
): void {
  runQuery(
    db,
    qb
      .updateTable('outbox_messages')
      .set((eb) => ({
        call_answered_by: eb.fn.coalesce(eb.val(call.answeredBy), 'call_answered_by'),
        call_duration_s: eb.fn.coalesce(eb.val(call.durationS), 'call_duration_s'),
        updated_at: nowIso,
      }))
      .where('id', '=', outboxId),
  );
}
