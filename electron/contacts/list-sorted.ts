import { CONTACT_COUNT_CAP, type ContactListPage, type ContactSort } from '../../shared/ipc/channels/contacts';
import type { SqliteDb } from '../db/connection';
import { contactRows } from './contact-row';
import {
  searchSource,
  tagCondition,
  type ContactQuery,
  type ListConditionOptions,
  type ListConditions,
} from './list-where';
import { contactTotal } from './queries-tags';
import { NO_BOUND } from './search-sql';
import { cursorOf, predictionSort, readCursor, SORT_KEYS } from './sort';

/**
 * One page of contacts in a column's order, ties broken by id in the same direction, paged by keyset (the sort
 * value and id of the page before). Raw SQL: the sort keys are index expressions that must appear verbatim for
 * SQLite to walk those indexes over a million contacts, which a query builder cannot promise.
 * With a search, the matches are found by the search index and sorted (a search rarely matches more than a few
 * thousand); otherwise the page is read from the sort's index, the filters checked on the way (a prediction sort from
 * the predictions' index, joined to the contacts).
 */
// hot path: a sorted page is an index seek only when the sort key is spelled exactly as the index expression
export function listSorted(
  db: SqliteDb,
  q: ContactQuery,
  sort: ContactSort,
  c: ListConditions,
  options: ListConditionOptions,
): ContactListPage {
  const key = SORT_KEYS[sort.by];
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  const predicted = predictionSort(sort.by);
  const from = predicted ? 'contact_predictions p JOIN contacts c ON c.id = p.contact_id' : 'contacts c';
  const parts: string[] = predicted ? [`${predicted} IS NOT NULL`] : [];
  const params: Record<string, string | number | null> = {};
  if (c.status) {
    parts.push(`(${c.status.sql})`);
    Object.assign(params, c.status.params);
  }
  if (c.tagId !== null) {
    parts.push(tagCondition(c.tagId, 'c.id').replace(/^ AND /, ''));
    params.tag = c.tagId;
  }
  if (c.plan) {
    const source = searchSource(db, c.plan, { ...c, status: null, tagId: null }, options);
    parts.push(`c.id IN (SELECT id FROM (${source.ids}))`);
    Object.assign(params, source.params, { before: NO_BOUND });
  }
  const filtered = parts.length > 0;
  if (q.after !== undefined) {
    const cursor = readCursor(q.after);
    const [past, from] = dir === 'ASC' ? ['>', '>='] : ['<', '<='];
    // Spelled out rather than as a row value `(key, id) > (…)`, which SQLite does not seek an expression index by.
    parts.push(`${key} ${from} @afterKey AND (${key} ${past} @afterKey OR c.id ${past} @afterId)`);
    Object.assign(params, { afterKey: cursor.key, afterId: cursor.id });
  }
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  const page = db
    .prepare(
      `SELECT c.id, ${key} AS k FROM ${from} ${where} ORDER BY ${key} ${dir}, c.id ${dir} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.limit, offset: q.offset }) as { id: number; k: string | number }[];
  let total: number;
  let exact = true;
  if (!filtered) total = contactTotal(db, null);
  else if (!predicted && !c.plan && !c.status) total = contactTotal(db, c.tagId);
  else {
    const countParts = parts.filter((p) => !p.includes('@afterKey'));
    const counted = db
      .prepare(
        `SELECT count(*) FROM (SELECT 1 FROM ${from} WHERE ${countParts.join(' AND ')} LIMIT ${CONTACT_COUNT_CAP + 1})`,
      )
      .pluck()
      .get(Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'afterKey' && k !== 'afterId'))) as number;
    exact = counted <= CONTACT_COUNT_CAP;
    total = Math.min(counted, CONTACT_COUNT_CAP);
  }
  const last = page.length === q.limit ? page[page.length - 1] : null;
  return {
    rows: contactRows(
      db,
      page.map((r) => r.id),
    ),
    total,
    totalIsExact: exact,
    nextAfterId: null,
    nextCursor: last ? cursorOf(last.k, last.id) : null,
  };
}
