import type { Selectable } from 'kysely';
import type { HealthCheckResult } from '../../shared/ipc/channels/monitoring';
import type { SqliteDb } from '../db/connection';
import type { DB } from '../db/schema';
import { jsonText } from '../db/sql-fns';
import { allRows, firstRow, insertedId, qb, runQuery } from '../db/sync-query';

const RECONCILIATION_EVENTS = 'recon:%';

/** Outbox messages by state, counted over the outbox itself. */
export function outboxCountsByState(db: SqliteDb): Record<string, number> {
  const rows = allRows(
    db,
    qb
      .selectFrom('outbox_messages')
      .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
      .groupBy('state'),
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** The outbox by state from the counts the triggers keep (migration 0008); states with none are left out. */
export function queuedCountsByState(db: SqliteDb): Record<string, number> {
  const rows = allRows(
    db,
    qb
      .selectFrom('outbox_state_counts')
      .select((eb) => ['state', eb.fn.sum<number>('n').as('n')])
      .groupBy('state')
      .having((eb) => eb(eb.fn.sum('n'), '>', 0)),
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

export function webhookEventCountsByState(
  db: SqliteDb,
): Array<{ state: Selectable<DB['webhook_events']>['state']; n: number }> {
  return allRows(
    db,
    qb
      .selectFrom('webhook_events')
      .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
      .groupBy('state'),
  );
}

export function deadLetterCount(db: SqliteDb): number {
  return (
    firstRow(
      db,
      qb
        .selectFrom('webhook_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'dead'),
    )?.n ?? 0
  );
}

/** When the last provider event was stored: any at all, or (with a provider) the last real webhook of that provider. */
export function lastEventReceivedAt(db: SqliteDb, provider?: string): string | null {
  const q = qb.selectFrom('webhook_events').select((eb) => eb.fn.max('received_at').as('at'));
  const scoped =
    provider === undefined
      ? q
      : q.where('provider', '=', provider).where('event_id', 'not like', RECONCILIATION_EVENTS);
  return firstRow(db, scoped)?.at ?? null;
}

export function lastSentAt(db: SqliteDb): string | null {
  return (
    firstRow(
      db,
      qb.selectFrom('outbox_messages').select((eb) => eb.fn.max('sent_at').as('at')),
    )?.at ?? null
  );
}

/** Send times after `afterIso` up to `untilIso`. */
export function sendTimes(db: SqliteDb, afterIso: string, untilIso: string): string[] {
  const rows = allRows(
    db,
    qb.selectFrom('outbox_messages').select('sent_at').where('sent_at', '>', afterIso).where('sent_at', '<=', untilIso),
  );
  return rows.flatMap((r) => (r.sent_at === null ? [] : [r.sent_at]));
}

/** The provider's sends after both bounds and up to `untilIso`: how many, and the first. */
export function sendsSince(
  db: SqliteDb,
  provider: string,
  bounds: { windowStart: string; lastWebhook: string; until: string },
): { n: number; first: string | null } {
  const row = firstRow(
    db,
    qb
      .selectFrom('outbox_messages')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('sent_at').as('first')])
      .where('provider', '=', provider)
      .where('sent_at', '>', bounds.windowStart)
      .where('sent_at', '>', bounds.lastWebhook)
      .where('sent_at', '<=', bounds.until),
  );
  return { n: row?.n ?? 0, first: row?.first ?? null };
}

/** A provider's real webhooks stored after `sinceIso` (newest first, at most 2000): when stored, and the event's own time. */
export function webhookTimings(
  db: SqliteDb,
  provider: string,
  sinceIso: string,
): Array<{ receivedAt: string; eventAt: string | null }> {
  return allRows(
    db,
    qb
      .selectFrom('webhook_events')
      .select((eb) => ['received_at as receivedAt', jsonText(eb.ref('payload'), ['event', 'at']).as('eventAt')])
      .where('provider', '=', provider)
      .where('provider', '<>', 'sandbox')
      .where('received_at', '>', sinceIso)
      .where('event_id', 'not like', RECONCILIATION_EVENTS)
      .orderBy('received_at', 'desc')
      .limit(2000),
  );
}

/** Failed and undelivered messages by error code, the most frequent first (at most 12), each with an example. */
export function failureCodes(db: SqliteDb): Array<{ code: string; count: number; example: string | null }> {
  return allRows(
    db,
    qb
      .selectFrom('outbox_messages')
      .select((eb) => [
        eb.fn.coalesce('error_code', eb.val('no code')).as('code'),
        eb.fn.countAll<number>().as('count'),
        eb.fn.max('error_message').as('example'),
      ])
      .where('state', 'in', ['failed', 'undelivered'])
      .groupBy((eb) => eb.fn.coalesce('error_code', eb.val('no code')))
      .orderBy('count', 'desc')
      .orderBy('code')
      .limit(12),
  );
}

export type HealthRow = Selectable<DB['health_checks']>;

export function insertHealthCheck(
  db: SqliteDb,
  check: {
    at: string;
    status: HealthRow['status'];
    reason: string;
    checks: HealthCheckResult[];
    trigger: HealthRow['trigger'];
  },
): number {
  return insertedId(
    db,
    qb
      .insertInto('health_checks')
      .values({
        at: check.at,
        status: check.status,
        reason: check.reason,
        checks_json: JSON.stringify(check.checks),
        trigger: check.trigger,
      })
      .returning('id'),
  );
}

/** The latest health checks, newest first. */
export function healthCheckRows(db: SqliteDb, limit: number): HealthRow[] {
  return allRows(
    db,
    qb.selectFrom('health_checks').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit),
  );
}

export type EventRow = Selectable<DB['webhook_events']>;

export function webhookEvent(db: SqliteDb, id: number): EventRow | undefined {
  return firstRow(db, qb.selectFrom('webhook_events').selectAll().where('id', '=', id));
}

type ProblemState = 'dead' | 'failed';

export function countEventsIn(db: SqliteDb, states: ProblemState[]): number {
  return (
    firstRow(
      db,
      qb
        .selectFrom('webhook_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', 'in', states),
    )?.n ?? 0
  );
}

/** Events in those states, dead letters first, then newest first. */
export function eventsIn(db: SqliteDb, states: ProblemState[], page: { limit: number; offset: number }): EventRow[] {
  return allRows(
    db,
    qb
      .selectFrom('webhook_events')
      .selectAll()
      .where('state', 'in', states)
      .orderBy((eb) => eb.case('state').when('dead').then(0).else(1).end())
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset),
  );
}

export function setEventPayload(db: SqliteDb, id: number, payload: string): void {
  runQuery(db, qb.updateTable('webhook_events').set({ payload }).where('id', '=', id));
}

/** Back to pending, due now, with its attempts and error cleared. */
export function resetEventForReplay(db: SqliteDb, id: number, nowIso: string): void {
  runQuery(
    db,
    qb
      .updateTable('webhook_events')
      .set({ state: 'pending', attempts: 0, next_attempt_at: nowIso, last_error: null })
      .where('id', '=', id),
  );
}
