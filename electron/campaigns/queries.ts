import type { Selectable, Updateable } from 'kysely';
import type { SqliteDb } from '../db/connection';
import type { DB } from '../db/schema';
import { allRows, firstRow, insertedId, qb, runQuery } from '../db/sync-query';

/** Reads and writes of campaign rows (and the template a campaign sends), typed by the schema. */

export type CampaignRow = Selectable<DB['campaigns']>;

/** The columns a draft sets. */
export type CampaignDraftColumns = Required<
  Pick<
    Updateable<DB['campaigns']>,
    | 'name'
    | 'template_id'
    | 'body'
    | 'audience_json'
    | 'provider'
    | 'from_number'
    | 'schedule_json'
    | 'scheduled_at'
    | 'quiet_hours_json'
    | 'ab_json'
    | 'notes'
    | 'track_links'
    | 'channels_json'
    | 'every_channel'
    | 'email_json'
    | 'voice_json'
  >
>;

export function campaignRow(db: SqliteDb, id: number): CampaignRow | undefined {
  return firstRow(db, qb.selectFrom('campaigns').selectAll().where('id', '=', id));
}

/** The campaign's name (for a notification); empty when it no longer exists. */
export function campaignName(db: SqliteDb, id: number): string {
  return firstRow(db, qb.selectFrom('campaigns').select('name').where('id', '=', id))?.name ?? '';
}

/** A template's text, undefined when there is no such template. */
export function templateBody(db: SqliteDb, id: number): string | undefined {
  return firstRow(db, qb.selectFrom('templates').select('body').where('id', '=', id))?.body;
}

/** An e-mail template's subject and body, undefined when there is no such template. */
export function emailTemplate(db: SqliteDb, id: number) {
  return firstRow(db, qb.selectFrom('templates').select(['channel', 'subject', 'body']).where('id', '=', id));
}

/** A new draft; answers its id. */
export function insertDraft(db: SqliteDb, draft: CampaignDraftColumns, nowIso: string): number {
  return insertedId(
    db,
    qb
      .insertInto('campaigns')
      .values({ ...draft, status: 'draft', created_at: nowIso, updated_at: nowIso })
      .returning('id'),
  );
}

/** An edited draft over a campaign row, left in `status`; a missed schedule is forgotten (it has a new one). */
export function updateDraft(
  db: SqliteDb,
  id: number,
  draft: CampaignDraftColumns,
  status: string,
  nowIso: string,
): void {
  runQuery(
    db,
    qb
      .updateTable('campaigns')
      .set({ ...draft, status, schedule_missed_at: null, updated_at: nowIso })
      .where('id', '=', id),
  );
}

/** A draft copy of a campaign's message, audience and settings, to be sent now unless rescheduled; answers its id. */
export function insertCopy(db: SqliteDb, id: number, nowIso: string): number {
  const copy = qb
    .insertInto('campaigns')
    .columns([
      'name',
      'status',
      'template_id',
      'body',
      'audience_json',
      'provider',
      'from_number',
      'schedule_json',
      'scheduled_at',
      'quiet_hours_json',
      'ab_json',
      'notes',
      'track_links',
      'channels_json',
      'every_channel',
      'email_json',
      'voice_json',
      'created_at',
      'updated_at',
    ])
    .expression((eb) =>
      eb
        .selectFrom('campaigns')
        .select((s) => [
          s('name', '||', ' (copy)').as('name'),
          s.val('draft').as('status'),
          'template_id',
          'body',
          'audience_json',
          'provider',
          'from_number',
          s.val('{"mode":"now"}').as('schedule_json'),
          s.val(null).as('scheduled_at'),
          'quiet_hours_json',
          'ab_json',
          'notes',
          'track_links',
          'channels_json',
          'every_channel',
          'email_json',
          'voice_json',
          s.val(nowIso).as('created_at'),
          s.val(nowIso).as('updated_at'),
        ])
        .where('id', '=', id),
    );
  return insertedId(db, copy.returning('id'));
}

export function setArchived(db: SqliteDb, id: number, archivedAt: string | null, nowIso: string): void {
  runQuery(db, qb.updateTable('campaigns').set({ archived_at: archivedAt, updated_at: nowIso }).where('id', '=', id));
}

/** A send could not be attempted: a sending campaign is paused with the reason. True when it was sending. */
export function pauseForSendError(db: SqliteDb, id: number, message: string, nowIso: string): boolean {
  return (
    runQuery(
      db,
      qb
        .updateTable('campaigns')
        .set({ status: 'paused', last_error: message, updated_at: nowIso })
        .where('id', '=', id)
        .where('status', '=', 'sending'),
    ).changes > 0
  );
}

/** Moves a campaign to `status` (scheduled, paused, sending…); `lastError` clears or sets the row's error. */
export function setCampaignStatus(
  db: SqliteDb,
  id: number,
  status: string,
  nowIso: string,
  change: { lastError?: string | null } = {},
): void {
  const lastError = change.lastError === undefined ? {} : { last_error: change.lastError };
  runQuery(
    db,
    qb
      .updateTable('campaigns')
      .set({ status, ...lastError, updated_at: nowIso })
      .where('id', '=', id),
  );
}

/** A schedule that passed while the app was closed: it waits for the owner, marked with when that was first seen. */
export function markScheduleMissed(db: SqliteDb, id: number, nowIso: string): void {
  runQuery(
    db,
    qb
      .updateTable('campaigns')
      .set((eb) => ({
        status: 'scheduled',
        schedule_missed_at: eb.fn.coalesce('schedule_missed_at', eb.val(nowIso)),
        updated_at: nowIso,
      }))
      .where('id', '=', id),
  );
}

/** Cancels a campaign and skips what it has not handed to a provider (call inside a transaction). */
export function cancelWithUnsent(db: SqliteDb, id: number, nowIso: string): void {
  runQuery(
    db,
    qb
      .updateTable('campaigns')
      .set({ status: 'cancelled', completed_at: nowIso, updated_at: nowIso })
      .where('id', '=', id),
  );
  runQuery(
    db,
    qb
      .updateTable('outbox_messages')
      .set({
        state: 'skipped',
        error_code: 'cancelled',
        error_message: 'Campaign cancelled before this message was sent',
        updated_at: nowIso,
      })
      .where('campaign_id', '=', id)
      .where('state', 'in', ['queued', 'retry_wait', 'held']),
  );
}

/** One-time campaigns whose schedule is due and not missed (a series' own row shows its next occurrence: not those). */
export function dueScheduledCampaigns(db: SqliteDb, nowIso: string): number[] {
  const due = qb
    .selectFrom('campaigns')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('schedule_missed_at', 'is', null)
    .where('scheduled_at', '<=', nowIso)
    .where('id', 'not in', qb.selectFrom('campaign_series').select('campaign_id'));
  return allRows(db, due).map((r) => r.id);
}

/** A note on the campaign row, shown where its errors are. */
export function setLastError(db: SqliteDb, id: number, message: string, nowIso: string): void {
  runQuery(db, qb.updateTable('campaigns').set({ last_error: message, updated_at: nowIso }).where('id', '=', id));
}

/** The launch: the campaign is sending while its snapshot runs (first launch time kept when resumed). */
export function startSnapshot(db: SqliteDb, id: number, nowIso: string): void {
  runQuery(
    db,
    qb
      .updateTable('campaigns')
      .set((eb) => ({
        status: 'sending',
        snapshot_state: 'running',
        launched_at: eb.fn.coalesce('launched_at', eb.val(nowIso)),
        schedule_missed_at: null,
        updated_at: nowIso,
      }))
      .where('id', '=', id),
  );
}

/** Every message is in the outbox: the dispatcher may send them. */
export function finishSnapshot(db: SqliteDb, id: number, nowIso: string): void {
  runQuery(
    db,
    qb.updateTable('campaigns').set({ snapshot_state: 'complete', updated_at: nowIso }).where('id', '=', id),
  );
}

export function markTemplateUsed(db: SqliteDb, templateId: number, nowIso: string): void {
  runQuery(db, qb.updateTable('templates').set({ last_used_at: nowIso }).where('id', '=', templateId));
}

/** Campaigns whose snapshot a crash interrupted. */
export function interruptedSnapshots(db: SqliteDb): number[] {
  return allRows(
    db,
    qb.selectFrom('campaigns').select('id').where('status', '=', 'sending').where('snapshot_state', '=', 'running'),
  ).map((r) => r.id);
}
