import type { Insertable, Selectable, Updateable } from 'kysely';
import { allRows, runQuery } from '../../db/sync-query';
import type { SqliteDb } from '../../db/connection';
import type { Kdb } from '../../db/kysely';
import type { DB } from '../../db/schema';

/**
 * The series tables, written with Kysely and run on the synchronous connection, so a series and its campaign row
 * are written in one better-sqlite3 transaction (nothing half-saved when a check fails).
 */

export type SeriesRow = Selectable<DB['campaign_series']>;
export type OccurrenceRow = Selectable<DB['series_occurrences']>;

export interface SeriesStore {
  get(campaignId: number): SeriesRow | undefined;
  insert(row: Insertable<DB['campaign_series']>): void;
  update(campaignId: number, change: Updateable<DB['campaign_series']>): void;
  /** Active series whose next occurrence is due. */
  due(nowIso: string): SeriesRow[];
  all(): SeriesRow[];
  occurrences(seriesId: number): OccurrenceRow[];
  recordOccurrence(row: Insertable<DB['series_occurrences']>): boolean;
  /** Occurrence campaigns of a series, with their status. */
  runs(seriesId: number): { id: number; occurrence_at: string | null; status: string }[];
  rememberYearlySends(seriesId: number, campaignId: number, year: number): void;
  /** The series' campaign row shows its next occurrence as its scheduled time. */
  showNext(seriesId: number, nextAt: string | null, nowIso: string): void;
  /** A note on the series' campaign row (missed occurrences), shown where its errors are. */
  note(seriesId: number, text: string | null): void;
  /** Moves the series' campaign row from one of `from` to `status`; false when it was in none of them. */
  setStatus(seriesId: number, status: string, from: string[], nowIso: string): boolean;
  /** A contact field's type (text or date), undefined when there is no such field. */
  fieldType(key: string): 'text' | 'date' | undefined;
  /** Campaigns for the calendar: those scheduled or launched in [from, to], with their series' kind. */
  calendarCampaigns(
    from: string,
    to: string,
  ): {
    id: number;
    name: string;
    status: string;
    at: string | null;
    series_id: number | null;
    kind: 'recurring' | 'birthday' | null;
    channels_json: string | null;
  }[];
  /** A one-time campaign moved to another instant. */
  reschedule(campaignId: number, scheduleJson: string, at: string, nowIso: string): void;
  /** Files a campaign under its series as the run of the occurrence at `at`. */
  fileRun(seriesId: number, at: string, campaignId: number): void;
  /** An occurrence whose launch was refused: skipped with the reason; its campaign removed if nothing was written. */
  skipRun(seriesId: number, at: string, campaignId: number, reason: string): void;
}

export function seriesStore(db: SqliteDb, kdb: Kdb): SeriesStore {
  return {
    get: (campaignId) =>
      allRows(db, kdb.selectFrom('campaign_series').selectAll().where('campaign_id', '=', campaignId))[0],
    insert: (row) => runQuery(db, kdb.insertInto('campaign_series').values(row)),
    update: (campaignId, change) =>
      runQuery(db, kdb.updateTable('campaign_series').set(change).where('campaign_id', '=', campaignId)),
    due: (nowIso) =>
      allRows(
        db,
        kdb
          .selectFrom('campaign_series')
          .innerJoin('campaigns', 'campaigns.id', 'campaign_series.campaign_id')
          .selectAll('campaign_series')
          .where('campaigns.status', '=', 'scheduled')
          .where('campaign_series.next_at', '<=', nowIso)
          .orderBy('campaign_series.next_at'),
      ),
    all: () => allRows(db, kdb.selectFrom('campaign_series').selectAll()),
    occurrences: (seriesId) =>
      allRows(db, kdb.selectFrom('series_occurrences').selectAll().where('series_id', '=', seriesId).orderBy('at')),
    recordOccurrence(row) {
      const q = kdb
        .insertInto('series_occurrences')
        .values(row)
        .onConflict((oc) => oc.doNothing());
      return runQuery(db, q).changes > 0;
    },
    runs: (seriesId) =>
      allRows(
        db,
        kdb
          .selectFrom('campaigns')
          .select(['id', 'occurrence_at', 'status'])
          .where('series_id', '=', seriesId)
          .orderBy('occurrence_at'),
      ),
    showNext: (seriesId, nextAt, nowIso) =>
      runQuery(
        db,
        kdb.updateTable('campaigns').set({ scheduled_at: nextAt, updated_at: nowIso }).where('id', '=', seriesId),
      ),
    note: (seriesId, text) =>
      runQuery(db, kdb.updateTable('campaigns').set({ last_error: text }).where('id', '=', seriesId)),
    setStatus(seriesId, status, from, nowIso) {
      const ended = status === 'completed' || status === 'cancelled';
      const q = kdb
        .updateTable('campaigns')
        .set({
          status,
          updated_at: nowIso,
          ...(ended ? { completed_at: nowIso } : {}),
          ...(status === 'scheduled' && from.includes('draft') ? { launched_at: nowIso } : {}),
        })
        .where('id', '=', seriesId)
        .where('status', 'in', from);
      return runQuery(db, q).changes > 0;
    },
    fieldType: (key) => allRows(db, kdb.selectFrom('custom_fields').select('type').where('key', '=', key))[0]?.type,
    calendarCampaigns: (from, to) =>
      allRows(
        db,
        kdb
          .selectFrom('campaigns as c')
          .leftJoin('campaign_series as s', 's.campaign_id', 'c.series_id')
          .select((eb) => [
            'c.id',
            'c.name',
            'c.status',
            eb.fn.coalesce('c.occurrence_at', 'c.scheduled_at', 'c.launched_at').as('at'),
            'c.series_id',
            's.kind',
            'c.channels_json',
          ])
          .where('c.archived_at', 'is', null)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb.selectFrom('campaign_series as p').select('p.campaign_id').whereRef('p.campaign_id', '=', 'c.id'),
              ),
            ),
          )
          .where((eb) => eb.fn.coalesce('c.occurrence_at', 'c.scheduled_at', 'c.launched_at'), '>=', from)
          .where((eb) => eb.fn.coalesce('c.occurrence_at', 'c.scheduled_at', 'c.launched_at'), '<=', to),
      ),
    reschedule: (campaignId, scheduleJson, at, nowIso) =>
      runQuery(
        db,
        kdb
          .updateTable('campaigns')
          .set({ schedule_json: scheduleJson, scheduled_at: at, schedule_missed_at: null, updated_at: nowIso })
          .where('id', '=', campaignId),
      ),
    fileRun(seriesId, at, campaignId) {
      runQuery(
        db,
        kdb.updateTable('campaigns').set({ series_id: seriesId, occurrence_at: at }).where('id', '=', campaignId),
      );
      runQuery(
        db,
        kdb
          .updateTable('series_occurrences')
          .set({ campaign_id: campaignId })
          .where('series_id', '=', seriesId)
          .where('at', '=', at),
      );
    },
    skipRun(seriesId, at, campaignId, reason) {
      runQuery(
        db,
        kdb
          .updateTable('series_occurrences')
          .set({ status: 'skipped', reason, campaign_id: null })
          .where('series_id', '=', seriesId)
          .where('at', '=', at),
      );
      runQuery(db, kdb.deleteFrom('campaigns').where('id', '=', campaignId).where('snapshot_state', '=', 'none'));
    },
    rememberYearlySends(seriesId, campaignId, year) {
      const q = kdb
        .insertInto('series_yearly_sends')
        .columns(['series_id', 'contact_id', 'year'])
        .expression((eb) =>
          eb
            .selectFrom('outbox_messages')
            .select((s) => [s.val(seriesId).as('series_id'), 'contact_id', s.val(year).as('year')])
            .where('campaign_id', '=', campaignId)
            .where('contact_id', 'is not', null)
            .where('kind', '=', 'campaign'),
        )
        .onConflict((oc) => oc.doNothing());
      runQuery(db, q);
    },
  };
}
