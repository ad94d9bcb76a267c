import type { Selectable } from 'kysely';
import type { ProviderName, ReconciliationRun } from '../../shared/ipc/channels/monitoring';
import type { SqliteDb } from '../db/connection';
import type { DB } from '../db/schema';
import { greater } from '../db/sql-fns';
import { allRows, firstRow, insertedId, qb, runQuery } from '../db/sync-query';

export type RunRow = Selectable<DB['reconciliation_runs']>;

export function insertRun(
  db: SqliteDb,
  run: {
    provider: ProviderName;
    trigger: ReconciliationRun['trigger'];
    since: string;
    until: string;
    startedAt: string;
  },
): number {
  return insertedId(
    db,
    qb
      .insertInto('reconciliation_runs')
      .values({
        provider: run.provider,
        trigger: run.trigger,
        range_since: run.since,
        range_until: run.until,
        started_at: run.startedAt,
        status: 'running',
      })
      .returning('id'),
  );
}

export function updateRunEnd(
  db: SqliteDb,
  id: number,
  end: {
    status: 'ok' | 'partial' | 'failed';
    finishedAt: string;
    listing: string | null;
    diffJson: string | null;
    error: string | null;
  },
): void {
  runQuery(
    db,
    qb
      .updateTable('reconciliation_runs')
      .set({
        status: end.status,
        finished_at: end.finishedAt,
        listing: end.listing,
        diff_json: end.diffJson,
        error: end.error,
      })
      .where('id', '=', id),
  );
}

export function runRow(db: SqliteDb, id: number): RunRow | undefined {
  return firstRow(db, qb.selectFrom('reconciliation_runs').selectAll().where('id', '=', id));
}

export function latestRunRows(db: SqliteDb, limit: number): RunRow[] {
  return allRows(
    db,
    qb.selectFrom('reconciliation_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit),
  );
}

export function lastFinishedRunRow(db: SqliteDb): RunRow | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('reconciliation_runs')
      .selectAll()
      .where('finished_at', 'is not', null)
      .where('status', '<>', 'interrupted')
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1),
  );
}

export function lastOkUntil(db: SqliteDb, provider: ProviderName): string | null {
  return (
    firstRow(
      db,
      qb
        .selectFrom('reconciliation_runs')
        .select((eb) => eb.fn.max('range_until').as('until'))
        .where('provider', '=', provider)
        .where('status', '=', 'ok'),
    )?.until ?? null
  );
}

export function markRunningInterrupted(db: SqliteDb, nowIso: string): number {
  return runQuery(
    db,
    qb
      .updateTable('reconciliation_runs')
      .set({ status: 'interrupted', finished_at: nowIso, error: 'The app stopped before this run finished.' })
      .where('status', '=', 'running'),
  ).changes;
}

/** Providers that sent since then, or hold a message whose fate is unknown. */
export function providersUsedSince(db: SqliteDb, sinceIso: string): string[] {
  return allRows(
    db,
    qb
      .selectFrom('outbox_messages')
      .select('provider')
      .distinct()
      .where((eb) =>
        eb.or([eb('state', '=', 'unknown'), eb('sent_at', '>=', sinceIso), eb('sending_at', '>=', sinceIso)]),
      ),
  ).map((r) => r.provider);
}

/** Numbers we texted (or tried to) between the bounds or whose message is unknown, and numbers we heard from. */
export function participantPhones(
  db: SqliteDb,
  provider: string,
  sent: { from: string; until: string },
  received: { from: string; until: string },
): string[] {
  const outgoing = qb
    .selectFrom('outbox_messages')
    .select('to_phone as phone')
    .where('provider', '=', provider)
    .where((eb) =>
      eb.or([
        eb('state', '=', 'unknown'),
        eb.between(eb.fn.coalesce('sending_at', 'sent_at', 'created_at'), sent.from, sent.until),
      ]),
    );
  const incoming = qb
    .selectFrom('inbound_messages')
    .select('from_phone as phone')
    .where('provider', '=', provider)
    .where((eb) => eb.between('received_at', received.from, received.until));
  return allRows(db, outgoing.union(incoming).orderBy('phone')).map((r) => r.phone);
}

export function outboxByProviderId(
  db: SqliteDb,
  provider: string,
  providerMessageId: string,
): { id: number; state: string; to_phone: string } | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('outbox_messages')
      .select(['id', 'state', 'to_phone'])
      .where('provider', '=', provider)
      .where('provider_message_id', '=', providerMessageId),
  );
}

export function inboxHolds(db: SqliteDb, provider: string, providerMessageId: string): boolean {
  return (
    firstRow(
      db,
      qb
        .selectFrom('inbound_messages')
        .select('id')
        .where('provider', '=', provider)
        .where('provider_message_id', '=', providerMessageId)
        .limit(1),
    ) !== undefined
  );
}

/** The provider's messages whose fate is unknown, oldest attempt first, with their campaign's status. */
export function unknownMessages(db: SqliteDb, provider: string) {
  return allRows(
    db,
    qb
      .selectFrom('outbox_messages as m')
      .leftJoin('campaigns as k', 'k.id', 'm.campaign_id')
      .select((eb) => [
        'm.id',
        'm.to_phone',
        'm.body',
        'm.provider_message_id',
        'm.campaign_id',
        'k.status as campaign_status',
        eb.fn.coalesce('m.sending_at', 'm.updated_at').as('t'),
      ])
      .where('m.provider', '=', provider)
      .where('m.state', '=', 'unknown')
      .orderBy('t')
      .orderBy('m.id'),
  );
}

/** Gives an unknown message the provider's id it was found under; answers whether it did. */
export function attachProviderId(
  db: SqliteDb,
  outboxId: number,
  providerMessageId: string,
  sentAt: string,
  nowIso: string,
): boolean {
  return (
    runQuery(
      db,
      qb
        .updateTable('outbox_messages')
        .set((eb) => ({
          provider_message_id: providerMessageId,
          sent_at: eb.fn.coalesce('sent_at', eb.val(sentAt)),
          error_code: null,
          error_message: null,
          updated_at: nowIso,
        }))
        .where('id', '=', outboxId)
        .where('state', '=', 'unknown')
        .where('provider_message_id', 'is', null),
    ).changes === 1
  );
}

/** The contact of a campaign message or reply was last contacted no earlier than `at`. */
export function touchContactOf(db: SqliteDb, outboxId: number, at: string): void {
  runQuery(
    db,
    qb
      .updateTable('contacts')
      .set((eb) => ({ last_contacted_at: greater(eb.fn.coalesce('last_contacted_at', eb.val('')), eb.val(at)) }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('outbox_messages')
          .select('contact_id')
          .where('id', '=', outboxId)
          .where('kind', 'in', ['campaign', 'reply']),
      ),
  );
}

/** An unknown message the provider never received goes back to the queue; answers whether it did. */
export function requeueAbsent(db: SqliteDb, outboxId: number, reason: string, nowIso: string): boolean {
  const q = qb
    .updateTable('outbox_messages')
    .set({
      state: 'queued',
      next_attempt_at: nowIso,
      sending_at: null,
      error_code: 'reconciled_absent',
      error_message: reason,
      updated_at: nowIso,
    })
    .where('id', '=', outboxId)
    .where('state', '=', 'unknown')
    .where('provider_message_id', 'is', null);
  return runQuery(db, q).changes === 1;
}

/** An unknown message of a cancelled campaign the provider never received is skipped; answers whether it was. */
export function skipAbsent(db: SqliteDb, outboxId: number, nowIso: string): boolean {
  const q = qb
    .updateTable('outbox_messages')
    .set({
      state: 'skipped',
      error_code: 'cancelled',
      error_message: 'Never received by the provider, and its campaign was cancelled',
      updated_at: nowIso,
    })
    .where('id', '=', outboxId)
    .where('state', '=', 'unknown')
    .where('provider_message_id', 'is', null);
  return runQuery(db, q).changes === 1;
}

/** A campaign counted as finished is sending again. */
export function reopenCampaign(db: SqliteDb, campaignId: number, nowIso: string): void {
  runQuery(
    db,
    qb
      .updateTable('campaigns')
      .set({ status: 'sending', completed_at: null, updated_at: nowIso })
      .where('id', '=', campaignId)
      .where('status', '=', 'completed'),
  );
}

export function outboxStateOf(
  db: SqliteDb,
  outboxId: number,
): { state: string; error_code: string | null } | undefined {
  return firstRow(db, qb.selectFrom('outbox_messages').select(['state', 'error_code']).where('id', '=', outboxId));
}

export function inboundByProviderId(
  db: SqliteDb,
  provider: string,
  providerMessageId: string,
): { id: number; keyword: string | null } | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('inbound_messages')
      .select(['id', 'keyword'])
      .where('provider', '=', provider)
      .where('provider_message_id', '=', providerMessageId),
  );
}

/** Whether that inbound message opted its sender out. */
export function optedOutBy(db: SqliteDb, inboundMessageId: number): boolean {
  return (
    firstRow(
      db,
      qb
        .selectFrom('optout_audit')
        .select('id')
        .where('inbound_message_id', '=', inboundMessageId)
        .where('channel', '=', 'sms')
        .where('new_state', '=', 'opted_out')
        .limit(1),
    ) !== undefined
  );
}

/** A stored event that has not been processed (yet), or undefined. */
export function unprocessedEvent(
  db: SqliteDb,
  provider: string,
  eventId: string,
): { state: string; last_error: string | null } | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('webhook_events')
      .select(['state', 'last_error'])
      .where('provider', '=', provider)
      .where('event_id', '=', eventId)
      .where('state', '<>', 'processed'),
  );
}
