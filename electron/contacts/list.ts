import { CONTACT_COUNT_CAP, type ContactListPage } from '../../shared/ipc/channels/contacts';
import type { SqliteDb } from '../db/connection';
import { contactRows } from './contact-row';
import {
  listConditions,
  matchingSource,
  type ContactQuery,
  type ListConditionOptions,
  type ListFilters,
} from './list-where';
import { listSorted } from './list-sorted';
import { contactTotal } from './queries-tags';
import { NO_BOUND } from './search-sql';
import { cursorOf, readCursor } from './sort';

export type { ContactQuery };
export type ListOptions = ListConditionOptions;

const EMPTY: ContactListPage = { rows: [], total: 0, totalIsExact: true, nextAfterId: null, nextCursor: null };

// hot path: the contact list over a million contacts (≤ 150 ms target); its id sources are SQL written for the indexes
/**
 * One page of contacts found by search, tag, status (opted out, textable) and/or saved segment: newest first, or in
 * the order asked for (list-sorted.ts). The total is exact for the whole list and for a tag (indexed counts);
 * otherwise it is counted up to CONTACT_COUNT_CAP and reported as "at least" beyond.
 */
export function listContacts(db: SqliteDb, q: ContactQuery, options: ListOptions): ContactListPage {
  const conditions = listConditions(db, q, options);
  if (!conditions) return EMPTY;
  if (q.sort && !(q.sort.by === 'added' && q.sort.direction === 'desc'))
    return listSorted(db, q, q.sort, conditions, options);
  const { plan, status, tagId } = conditions;
  const source = matchingSource(db, conditions, options);
  const before = q.afterId ?? (q.after === undefined ? NO_BOUND : readCursor(q.after).id);
  let pageIds: number[];
  let total: number;
  let exact = true;
  if (!plan && !status) {
    pageIds = db
      .prepare(`${source.ids} LIMIT @limit OFFSET @offset`)
      .pluck()
      .all({ ...source.params, before, limit: q.limit, offset: q.offset }) as number[];
    total = contactTotal(db, tagId);
  } else {
    // One pass over the matches, newest first and up to the cap, gives the total and (nearly always) the page.
    const ids = db
      .prepare(`${source.ids} LIMIT ${CONTACT_COUNT_CAP + 1}`)
      .pluck()
      .all({ ...source.params, before: NO_BOUND }) as number[];
    exact = ids.length <= CONTACT_COUNT_CAP;
    total = exact ? ids.length : CONTACT_COUNT_CAP;
    const first = before === NO_BOUND ? 0 : ids.findIndex((id) => id < before);
    pageIds = first === -1 ? [] : ids.slice(first + q.offset, first + q.offset + q.limit);
    // Scrolled past the counted matches: ask for this page directly.
    if (!exact && pageIds.length < q.limit && (first === -1 || first + q.offset + q.limit > ids.length)) {
      pageIds = db
        .prepare(`${source.ids} LIMIT @limit OFFSET @offset`)
        .pluck()
        .all({ ...source.params, before, limit: q.limit, offset: q.offset }) as number[];
    }
  }
  const rows = contactRows(db, pageIds);
  const last = rows.length === q.limit ? rows[rows.length - 1] : null;
  return {
    rows,
    total,
    totalIsExact: exact,
    nextAfterId: last ? last.id : null,
    nextCursor: last ? cursorOf(last.id, last.id) : null,
  };
}

/** Every contact id the filters match, newest first (a bulk action's "everyone the list shows"). */
export function matchingContactIds(db: SqliteDb, q: ListFilters, options: ListOptions): number[] {
  const conditions = listConditions(db, q, options);
  if (!conditions) return [];
  const source = matchingSource(db, conditions, options);
  return db
    .prepare(source.ids)
    .pluck()
    .all({ ...source.params, before: NO_BOUND }) as number[];
}
