import { CONTACT_COUNT_CAP, type ContactListPage } from '../../shared/ipc/channels/contacts';
import type { SqliteDb } from '../db/connection';
import { CONTACT_ROW_COLUMNS, toContactRow, type ContactRowSql } from './contact-row';
import { audienceWhere } from './filter';
import { planSearch } from './search';
import { indexAllQueuedContacts, indexedThrough, queuedForSearch } from './search-index';
import { matchIds, NO_BOUND, prefixIds, type IdSource, type Narrowing, type Params } from './search-sql';

export interface ContactQuery {
  search?: string;
  tag?: string;
  limit: number;
  offset: number;
  afterId?: number;
  optedOut?: boolean;
  textable?: boolean;
  segmentId?: number;
}

export interface ListOptions {
  /** Reads phone numbers typed without a country code. */
  defaultCountry: string;
  /** For segments that look at dates ("not texted in 30 days"). */
  now: Date;
  /**
   * Whether a search may first index the few contacts waiting for the search index (a write). False while an
   * import is writing: the search then looks at the waiting contacts directly, slower but complete.
   */
  indexQueued?: boolean;
}

/** Waiting contacts indexed before a search rather than searched directly: about 100 ms of work at most. */
export const INLINE_INDEX_MAX = 10_000;

/** Status and segment conditions as SQL over `contacts c`, with named parameters; null when there are none. */
function statusWhere(db: SqliteDb, q: ContactQuery, now: Date): { sql: string; params: Params } | null {
  if (q.optedOut === undefined && q.textable === undefined && q.segmentId === undefined) return null;
  const where = audienceWhere(db, { optedOut: q.optedOut, textable: q.textable, segmentId: q.segmentId, tagMode: 'any' }, now);
  let i = 0;
  // audienceWhere writes `?` placeholders only; they become named so they mix with the rest of the query.
  const sql = where.sql.replace(/\?/g, () => `@f${i++}`);
  return { sql, params: Object.fromEntries(where.params.map((p, k) => [`f${k}`, p as string | number | null])) };
}

/**
 * One page of contacts, newest first, found by search, tag, status (opted out, textable) and/or saved segment.
 * The total is exact for the whole list and for a tag (indexed counts); otherwise it is counted up to
 * CONTACT_COUNT_CAP and reported as "at least" beyond.
 */
export function listContacts(db: SqliteDb, q: ContactQuery, options: ListOptions): ContactListPage {
  let tagId: number | null = null;
  if (q.tag) {
    tagId = (db.prepare('SELECT id FROM tags WHERE name = ?').pluck().get(q.tag) as number | undefined) ?? null;
    if (tagId === null) return { rows: [], total: 0, totalIsExact: true, nextAfterId: null };
  }
  const plan = q.search ? planSearch(q.search, options.defaultCountry) : null;
  const status = statusWhere(db, q, options.now);
  const tag: Params = tagId === null ? {} : { tag: tagId };
  const before = q.afterId ?? NO_BOUND;
  let pageIds: number[];
  let total: number;
  let exact = true;
  if (!plan && !status) {
    const source = tagId === null
      ? 'SELECT c.id FROM contacts c WHERE c.id < @before ORDER BY c.id DESC'
      : 'SELECT ct.contact_id AS id FROM contact_tags ct WHERE ct.tag_id = @tag AND ct.contact_id < @before ORDER BY ct.contact_id DESC';
    pageIds = db.prepare(`${source} LIMIT @limit OFFSET @offset`).pluck().all({ ...tag, before, limit: q.limit, offset: q.offset }) as number[];
    total = tagId === null
      ? (db.prepare('SELECT count(*) FROM contacts').pluck().get() as number)
      : (db.prepare('SELECT count(*) FROM contact_tags WHERE tag_id = ?').pluck().get(tagId) as number);
  } else {
    let source: IdSource;
    if (!plan) {
      // Conditions written straight on the contacts table, so the partial indexes (opted out, not textable) apply.
      const tagSql = tagId === null ? '' : ' AND EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = c.id AND ct.tag_id = @tag)';
      source = { ids: `SELECT c.id FROM contacts c WHERE c.id < @before AND (${status!.sql})${tagSql} ORDER BY c.id DESC`, params: { ...status!.params, ...tag } };
    } else {
      const narrow: Narrowing = {
        sql:
          (tagId === null ? '' : ' AND EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = x.id AND ct.tag_id = @tag)') +
          (status ? ` AND EXISTS (SELECT 1 FROM contacts c WHERE c.id = x.id AND (${status.sql}))` : ''),
        params: { ...tag, ...status?.params },
      };
      let pending = queuedForSearch(db, INLINE_INDEX_MAX + 1);
      if (pending > 0 && pending <= INLINE_INDEX_MAX && options.indexQueued !== false) {
        indexAllQueuedContacts(db);
        pending = 0;
      }
      const waitingAbove = pending > 0 ? indexedThrough(db) : null;
      source = plan.kind === 'match' ? matchIds(plan, narrow, waitingAbove) : prefixIds(plan.prefix, narrow, waitingAbove);
    }
    // One pass over the matches, newest first and up to the cap, gives the total and (nearly always) the page.
    const ids = db.prepare(`${source.ids} LIMIT ${CONTACT_COUNT_CAP + 1}`).pluck().all({ ...source.params, before: NO_BOUND }) as number[];
    exact = ids.length <= CONTACT_COUNT_CAP;
    total = exact ? ids.length : CONTACT_COUNT_CAP;
    const first = before === NO_BOUND ? 0 : ids.findIndex((id) => id < before);
    pageIds = first === -1 ? [] : ids.slice(first + q.offset, first + q.offset + q.limit);
    // Scrolled past the counted matches: ask for this page directly.
    if (!exact && pageIds.length < q.limit && (first === -1 || first + q.offset + q.limit > ids.length)) {
      pageIds = db.prepare(`${source.ids} LIMIT @limit OFFSET @offset`).pluck().all({ ...source.params, before, limit: q.limit, offset: q.offset }) as number[];
    }
  }
  const rows = pageIds.length
    ? (db.prepare(`SELECT ${CONTACT_ROW_COLUMNS} FROM contacts c WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id DESC`).all(JSON.stringify(pageIds)) as ContactRowSql[])
    : [];
  return {
    rows: rows.map(toContactRow),
    total,
    totalIsExact: exact,
    nextAfterId: rows.length === q.limit ? rows[rows.length - 1].id : null,
  };
}
