import type { SqliteDb } from '../db/connection';
import type { EngagementBand } from '../../shared/analytics/engagement';
import type { ContactSort } from '../../shared/ipc/channels/contacts';
import type { Channel } from '../../shared/types/domain';
import { audienceWhere } from './filter';
import { planSearch, type SearchPlan } from './search';
import { indexAllQueuedContacts, indexedThrough, queuedForSearch } from './search-index';
import { tagIdByName } from './queries-tags';
import { matchIds, prefixIds, type IdSource, type Narrowing, type Params } from './search-sql';

/** What the list is narrowed by (paging and order aside). */
export interface ListFilters {
  search?: string;
  tag?: string;
  optedOut?: boolean;
  textable?: boolean;
  segmentId?: number;
  /** Engagement band (migration 0014). */
  band?: EngagementBand;
  /** Leave out high opt-out risk (predictions, migration 0015). */
  optOutRisk?: 'exclude-high';
  /** Only contacts this channel can reach (reachableOn). */
  reachableBy?: Channel;
}

/** A page of the contact list: its filters, where it starts, and the order asked for. */
export interface ContactQuery extends ListFilters {
  limit: number;
  offset: number;
  afterId?: number;
  sort?: ContactSort;
  after?: string;
}

export interface ListConditionOptions {
  defaultCountry: string;
  now: Date;
  /** Whether a search may first index the few contacts waiting for the search index (a write). */
  indexQueued?: boolean;
}

/** The filters read: a tag's id, the search's plan, and the status/segment conditions over `contacts c`. */
export interface ListConditions {
  tagId: number | null;
  plan: SearchPlan | null;
  status: { sql: string; params: Params } | null;
}

/** Waiting contacts indexed before a search rather than searched directly: about 100 ms of work at most. */
export const INLINE_INDEX_MAX = 10_000;

/** Status and segment conditions as SQL over `contacts c`, with named parameters; null when there are none. */
function statusWhere(db: SqliteDb, q: ListFilters, now: Date): { sql: string; params: Params } | null {
  if (
    q.optedOut === undefined &&
    q.textable === undefined &&
    q.segmentId === undefined &&
    q.band === undefined &&
    q.optOutRisk === undefined &&
    q.reachableBy === undefined
  )
    return null;
  const where = audienceWhere(
    db,
    {
      optedOut: q.optedOut,
      textable: q.textable,
      segmentId: q.segmentId,
      band: q.band,
      optOutRisk: q.optOutRisk,
      reachableBy: q.reachableBy,
      tagMode: 'any',
    },
    now,
  );
  let i = 0;
  // audienceWhere writes `?` placeholders only; they become named so they mix with the rest of the query.
  const sql = where.sql.replace(/\?/g, () => `@f${i++}`);
  return { sql, params: Object.fromEntries(where.params.map((p, k) => [`f${k}`, p as string | number | null])) };
}

/** The filters as conditions; null when a tag is named that does not exist (nothing matches). */
export function listConditions(db: SqliteDb, q: ListFilters, options: ListConditionOptions): ListConditions | null {
  let tagId: number | null = null;
  if (q.tag) {
    tagId = tagIdByName(db, q.tag) ?? null;
    if (tagId === null) return null;
  }
  return {
    tagId,
    plan: q.search ? planSearch(q.search, options.defaultCountry) : null,
    status: statusWhere(db, q, options.now),
  };
}

/** The tag condition on a contact id column, or '' without a tag. */
export function tagCondition(tagId: number | null, idColumn: string): string {
  return tagId === null
    ? ''
    : ` AND EXISTS (SELECT 1 FROM contact_tags ct WHERE ct.contact_id = ${idColumn} AND ct.tag_id = @tag)`;
}

/** Ids of the contacts a search matches (with the tag and status conditions), newest first, below @before. */
export function searchSource(
  db: SqliteDb,
  plan: SearchPlan,
  c: ListConditions,
  options: ListConditionOptions,
): IdSource {
  const narrow: Narrowing = {
    sql:
      tagCondition(c.tagId, 'x.id') +
      (c.status ? ` AND EXISTS (SELECT 1 FROM contacts c WHERE c.id = x.id AND (${c.status.sql}))` : ''),
    params: { ...(c.tagId === null ? {} : { tag: c.tagId }), ...c.status?.params },
  };
  let pending = queuedForSearch(db, INLINE_INDEX_MAX + 1);
  if (pending > 0 && pending <= INLINE_INDEX_MAX && options.indexQueued !== false) {
    indexAllQueuedContacts(db);
    pending = 0;
  }
  const waitingAbove = pending > 0 ? indexedThrough(db) : null;
  return plan.kind === 'match' ? matchIds(plan, narrow, waitingAbove) : prefixIds(plan.prefix, narrow, waitingAbove);
}

/** Ids of every contact the filters match, newest first, below @before: what a list page and a bulk action read. */
export function matchingSource(db: SqliteDb, c: ListConditions, options: ListConditionOptions): IdSource {
  const tag: Params = c.tagId === null ? {} : { tag: c.tagId };
  if (c.plan) return searchSource(db, c.plan, c, options);
  if (c.status) {
    // Conditions written straight on the contacts table, so the partial indexes (opted out, not textable) apply.
    return {
      ids: `SELECT c.id FROM contacts c WHERE c.id < @before AND (${c.status.sql})${tagCondition(c.tagId, 'c.id')} ORDER BY c.id DESC`,
      params: { ...c.status.params, ...tag },
    };
  }
  if (c.tagId !== null) {
    return {
      ids: 'SELECT ct.contact_id AS id FROM contact_tags ct WHERE ct.tag_id = @tag AND ct.contact_id < @before ORDER BY ct.contact_id DESC',
      params: tag,
    };
  }
  return { ids: 'SELECT c.id FROM contacts c WHERE c.id < @before ORDER BY c.id DESC', params: {} };
}
