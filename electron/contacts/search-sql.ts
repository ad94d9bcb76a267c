import { likeEscape, type SearchPlan } from './search';

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
}

export const NO_BOUND = Number.MAX_SAFE_INTEGER;

/** A full-text query, and the same test written on a contacts row `c` for contacts not yet indexed. */
interface IndexQuery {
  table: 'contact_search' | 'contact_starts';
  match: string;
  direct: string;
  params: Params;
  /** a further condition on `x.id`, appended as ` AND …` */
  filter?: string;
}

/**
 * Ids matching a query on one of the full-text indexes. `waitingAbove`: when contacts wait to be indexed, the
 * highest indexed id; the waiting ones (new above it, or edited) are then tested directly, and the old index
 * entries of edited ones ignored.
 */
// hot path: FTS5 trigram MATCH over a million contacts, with the waiting ones tested directly
function indexedIds(q: IndexQuery, narrow: Narrowing, waitingAbove: number | null): IdSource {
  const filter = `${q.filter ?? ''}${narrow.sql}`;
  if (waitingAbove === null) {
    return {
      ids: `SELECT x.id FROM (SELECT rowid AS id FROM ${q.table} WHERE ${q.table} MATCH @match) x WHERE x.id < @before${filter} ORDER BY x.id DESC`,
      params: { match: q.match, ...q.params, ...narrow.params },
    };
  }
  return {
    ids: `SELECT x.id FROM (
            SELECT rowid AS id FROM ${q.table} WHERE ${q.table} MATCH @match AND rowid NOT IN (SELECT contact_id FROM contact_search_queue)
            UNION ALL
            SELECT c.id FROM contacts c WHERE c.id > @through AND ${q.direct}
            UNION ALL
            SELECT c.id FROM contact_search_queue q JOIN contacts c ON c.id = q.contact_id WHERE ${q.direct}
          ) x WHERE x.id < @before${filter} ORDER BY x.id DESC`,
    params: { match: q.match, through: waitingAbove, ...q.params, ...narrow.params },
  };
}

/** Ids matching a search of three characters or more (migration 0006's index). */
export function matchIds(
  plan: Extract<SearchPlan, { kind: 'match' }>,
  narrow: Narrowing,
  waitingAbove: number | null,
): IdSource {
  const text =
    plan.like.column === 'phone'
      ? "replace(c.phone, '+', '')"
      : "(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') || ' ' || coalesce(c.email, ''))";
  return indexedIds(
    {
      table: 'contact_search',
      match: plan.match,
      direct: plan.like.patterns.map((_, i) => `${text} LIKE @like${i} ESCAPE '\\'`).join(' AND '),
      params: {
        ...Object.fromEntries(plan.like.patterns.map((p, i) => [`like${i}`, p])),
        ...(plan.email === undefined ? {} : { email: plan.email }),
      },
      filter:
        plan.email === undefined
          ? ''
          : " AND (SELECT c.email FROM contacts c WHERE c.id = x.id) LIKE @email ESCAPE '\\'",
    },
    narrow,
    waitingAbove,
  );
}

/**
 * Ids of contacts whose first name, last name or email starts with one or two characters (migration 0009's
 * index: "^^a" is a value starting with "a", "^an" one starting with "an").
 */
export function prefixIds(prefix: string, narrow: Narrowing, waitingAbove: number | null): IdSource {
  const chars = [...prefix];
  const trigram = chars.length === 1 ? `^^${prefix}` : `^${prefix}`;
  return indexedIds(
    {
      table: 'contact_starts',
      match: `"${trigram.replace(/"/g, '""')}"`,
      direct: `(${['first_name', 'last_name', 'email'].map((col) => `c.${col} LIKE @start ESCAPE '\\'`).join(' OR ')})`,
      params: { start: `${likeEscape(prefix)}%` },
    },
    narrow,
    waitingAbove,
  );
}
