import type { SqliteDb } from '../db/connection';
import { allRows, firstRow, qb, runQuery } from '../db/sync-query';
import { transaction } from '../db/transaction';

/** The small reads and the clean-up around the roll-up rebuild (the rebuild itself is set-based SQL in rebuild.ts). */

export function campaignIdsInOrder(db: SqliteDb): number[] {
  return allRows(db, qb.selectFrom('campaigns').select('id').orderBy('id')).map((r) => r.id);
}

/** Drops the roll-up rows of campaigns that no longer exist. */
export function deleteOrphanRollups(db: SqliteDb): void {
  runQuery(db, qb.deleteFrom('campaign_daily').where('campaign_id', 'not in', qb.selectFrom('campaigns').select('id')));
}

export function rollupDayCount(db: SqliteDb): number {
  return (
    firstRow(
      db,
      qb.selectFrom('campaign_daily').select((eb) => eb.fn.countAll<number>().as('n')),
    )?.n ?? 0
  );
}

/** The highest contact id (0 with no contacts). */
export function lastContactId(db: SqliteDb): number {
  return (
    firstRow(
      db,
      qb.selectFrom('contacts').select((eb) => eb.fn.max('id').as('id')),
    )?.id ?? 0
  );
}

/** How far the opt-out audit has been ingested into the roll-ups. */
export function optOutCursor(db: SqliteDb): number {
  return (
    firstRow(db, qb.selectFrom('analytics_cursors').select('last_id').where('source', '=', 'optouts'))?.last_id ?? 0
  );
}

/** Recomputes the attributed conversions per UTC day and source (migration 0025) from the conversions. */
export function rebuildConversionSources(db: SqliteDb): void {
  transaction(
    db,
    () => {
      runQuery(db, qb.deleteFrom('conversion_source_daily'));
      runQuery(
        db,
        qb
          .insertInto('conversion_source_daily')
          .columns(['day', 'source', 'conversions', 'revenue_minor'])
          .expression(
            qb
              .selectFrom('conversions')
              .select((eb) => [
                eb.fn<string>('substr', ['at', eb.lit(1), eb.lit(10)]).as('day'),
                'source',
                eb.fn.countAll<number>().as('conversions'),
                eb.fn.sum<number>('amount_minor').as('revenue_minor'),
              ])
              .where('campaign_id', 'is not', null)
              .groupBy(['day', 'source']),
          ),
      );
    },
    { immediate: true },
  );
}
