import type { Db } from '../db/db';
import { idList } from '../db/sql-fns';
import { preparedQuery } from '../db/prepared-query';
import { allRows, firstRow, qb, runQuery } from '../db/sync-query';

/**
 * The search index's bookkeeping: which contacts wait to be indexed (new ones above `indexed_through`, edited ones
 * queued by a trigger). The FTS5 statements that fill the indexes stay raw in search-index.ts (its hot path).
 */

// Both read before every contact search and inbox search: compiled once (preparedQuery).
const stateRow = preparedQuery(() => qb.selectFrom('contact_search_state').select('indexed_through'));
const waitingCounts = preparedQuery((v: { cap: number }) => {
  const fresh = qb
    .selectFrom('contacts')
    .select('id')
    .where('id', '>', qb.selectFrom('contact_search_state').select('indexed_through'))
    .limit(v.cap);
  const edited = qb.selectFrom('contact_search_queue').select('contact_id').limit(v.cap);
  return qb.selectNoFrom((eb) => [
    eb.selectFrom(fresh.as('fresh')).select(eb.fn.countAll<number>().as('n')).as('fresh'),
    eb.selectFrom(edited.as('edited')).select(eb.fn.countAll<number>().as('n')).as('edited'),
  ]);
});

/** The highest contact id the index holds: every contact above it is waiting to be indexed. */
export function indexedThrough(db: Db): number {
  return stateRow.get(db, {})?.indexed_through ?? 0;
}

/** How many contacts wait to be indexed (new or edited), counting at most `cap` of each. */
export function queuedForSearch(db: Db, cap: number): number {
  const count = waitingCounts.get(db, { cap });
  return (count?.fresh ?? 0) + (count?.edited ?? 0);
}

/** Up to `max` new contacts (ids above `through`), in id order. */
export function contactIdsAbove(db: Db, through: number, max: number): number[] {
  return allRows(db, qb.selectFrom('contacts').select('id').where('id', '>', through).orderBy('id').limit(max)).map(
    (r) => r.id,
  );
}

/** The id of the `n`th contact above `through` (1 = the next one), or undefined when there are fewer. */
export function nthContactIdAbove(db: Db, through: number, n: number): number | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('contacts')
      .select('id')
      .where('id', '>', through)
      .orderBy('id')
      .limit(1)
      .offset(n - 1),
  )?.id;
}

/** The highest contact id, or null when there are no contacts. */
export function lastContactId(db: Db): number | null {
  return (
    firstRow(
      db,
      qb.selectFrom('contacts').select((eb) => eb.fn.max('id').as('id')),
    )?.id ?? null
  );
}

/** Up to `max` edited contacts waiting to be indexed again, in id order. */
export function editedContactIds(db: Db, max: number): number[] {
  return allRows(db, qb.selectFrom('contact_search_queue').select('contact_id').orderBy('contact_id').limit(max)).map(
    (r) => r.contact_id,
  );
}

/** Takes the edited contacts' old entries out of both indexes and out of the queue. */
export function dropEditedEntries(db: Db, ids: readonly number[]): void {
  runQuery(db, qb.deleteFrom('contact_search').where('rowid', 'in', idList(ids)));
  runQuery(db, qb.deleteFrom('contact_starts').where('rowid', 'in', idList(ids)));
  runQuery(db, qb.deleteFrom('contact_search_queue').where('contact_id', 'in', idList(ids)));
}

/** Records that every contact up to `id` is indexed. */
export function markIndexedThrough(db: Db, id: number): void {
  runQuery(db, qb.updateTable('contact_search_state').set({ indexed_through: id }));
}
