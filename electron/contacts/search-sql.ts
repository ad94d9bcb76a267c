import { CONTACT_COUNT_CAP } from '../../shared/ipc/channels/contacts';
import type { SqliteDb } from '../db/connection';
import { prefixEnd, type SearchPlan } from './search';

export type Params = Record<string, string | number | null>;

/** Conditions on `x.id` that narrow a search (tag, status, segment), appended as ` AND …`. */
export interface Narrowing {
  sql: string;
  params: Params;
}

export interface IdSource {
  /** yields contact ids (column `id`) newest first, below @before (the keyset bound) */
  ids: string;
  params: Params;
  /** the total, when it is cheaper to count another way than by reading `ids` */
  total?: { n: number; exact: boolean };
}

export const NO_BOUND = Number.MAX_SAFE_INTEGER;

/**
 * Ids matching a search through the full-text index. `waitingAbove`: when contacts wait to be indexed, the
 * highest indexed id; the waiting ones (new above it, or edited) are then searched directly, and the old index
 * entries of edited ones ignored.
 */
export function matchIds(plan: Extract<SearchPlan, { kind: 'match' }>, narrow: Narrowing, waitingAbove: number | null): IdSource {
  const email: Params = plan.email === undefined ? {} : { email: plan.email };
  const emailFilter = plan.email === undefined ? '' : " AND (SELECT c.email FROM contacts c WHERE c.id = x.id) LIKE @email ESCAPE '\\'";
  if (waitingAbove === null) {
    return {
      ids: `SELECT x.id FROM (SELECT rowid AS id FROM contact_search WHERE contact_search MATCH @match) x
            WHERE x.id < @before${emailFilter}${narrow.sql} ORDER BY x.id DESC`,
      params: { match: plan.match, ...email, ...narrow.params },
    };
  }
  const text = plan.like.column === 'phone'
    ? "replace(c.phone, '+', '')"
    : "(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') || ' ' || coalesce(c.email, ''))";
  const likes = plan.like.patterns.map((_, i) => `${text} LIKE @like${i} ESCAPE '\\'`).join(' AND ');
  return {
    ids: `SELECT x.id FROM (
            SELECT rowid AS id FROM contact_search WHERE contact_search MATCH @match AND rowid NOT IN (SELECT contact_id FROM contact_search_queue)
            UNION ALL
            SELECT c.id FROM contacts c WHERE c.id > @through AND ${likes}
            UNION ALL
            SELECT c.id FROM contact_search_queue q JOIN contacts c ON c.id = q.contact_id WHERE ${likes}
          ) x WHERE x.id < @before${emailFilter}${narrow.sql} ORDER BY x.id DESC`,
    params: { match: plan.match, through: waitingAbove, ...Object.fromEntries(plan.like.patterns.map((p, i) => [`like${i}`, p])), ...email, ...narrow.params },
  };
}

/** Short prefixes matching more contacts than this are found by walking the newest contacts instead of the indexes. */
const DENSE_PREFIX = 2_000;

/**
 * One or two characters. When few contacts match, the NOCASE indexes on first name, last name and email find
 * them directly; when many do, walking the newest contacts fills a page after a few hundred rows.
 */
export function prefixIds(db: SqliteDb, prefix: string, narrow: Narrowing): IdSource {
  const bounds = { lo: prefix, hi: prefixEnd(prefix) };
  const range = (col: string) => `(${col} >= @lo COLLATE NOCASE AND ${col} < @hi COLLATE NOCASE)`;
  const columns = ['first_name', 'last_name', 'email'];
  const union = columns.map((col) => `SELECT id FROM contacts WHERE ${range(col)}`).join(' UNION ');
  const params = { ...bounds, ...narrow.params };
  // Each index range counted on its own, up to the cap (a UNION would sort every range in full before counting);
  // one range beyond the cap is enough to know the total is too.
  const perColumn = columns.map(
    (col) =>
      db.prepare(`SELECT count(*) FROM (SELECT 1 FROM contacts x WHERE ${range(`x.${col}`)}${narrow.sql} LIMIT ${CONTACT_COUNT_CAP + 1})`).pluck().get(params) as number,
  );
  const byIndex: IdSource = { ids: `SELECT x.id FROM (${union}) x WHERE x.id < @before${narrow.sql} ORDER BY x.id DESC`, params };
  const total = perColumn.some((n) => n > CONTACT_COUNT_CAP)
    ? { n: CONTACT_COUNT_CAP, exact: false }
    : (() => {
        const n = db.prepare(`SELECT count(*) FROM (${byIndex.ids} LIMIT ${CONTACT_COUNT_CAP + 1})`).pluck().get({ ...params, before: NO_BOUND }) as number;
        return n > CONTACT_COUNT_CAP ? { n: CONTACT_COUNT_CAP, exact: false } : { n, exact: true };
      })();
  if (perColumn.reduce((a, b) => a + b, 0) < DENSE_PREFIX) return { ...byIndex, total };
  // Unary + keeps SQLite from using the name indexes here: the walk in id order is what is fast.
  const walk = columns.map((col) => range(`+c.${col}`)).join(' OR ');
  return {
    ids: `SELECT x.id FROM (SELECT c.id FROM contacts c WHERE ${walk}) x WHERE x.id < @before${narrow.sql} ORDER BY x.id DESC`,
    params,
    total,
  };
}
