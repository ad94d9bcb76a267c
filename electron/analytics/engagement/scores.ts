import { engagementScore, type EngagementInputs, type EngagementScore } from '../../../shared/analytics/engagement';
import type { Statement } from 'better-sqlite3';
import type { SqliteDb } from '../../db/connection';
import { allRows, qb, runQuery } from '../../db/sync-query';
import { HISTORY_SQL } from './history';

type Statements = { clear: Statement; score: Statement };
const prepared = new WeakMap<SqliteDb, Statements>();

/**
 * The score of shared/analytics/engagement as SQL functions, so a range is scored in one INSERT … SELECT. The score
 * and the band of a row are asked for one after the other with the same inputs: the second answer is the first one
 * kept (half the JavaScript work of a full recompute).
 */
function registerScoreFunctions(db: SqliteDb): void {
  let lastInputs: unknown[] = [];
  let lastScore: EngagementScore | null = null;
  const scoreOnce = (a: unknown[]): EngagementScore => {
    if (lastScore && a.length === lastInputs.length && a.every((v, k) => v === lastInputs[k])) return lastScore;
    lastInputs = a;
    lastScore = score(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    return lastScore;
  };
  const score = (
    opted: unknown,
    replies: unknown,
    clicks: unknown,
    conversions: unknown,
    last: unknown,
    delivered: unknown,
    silent: unknown,
    now: unknown,
  ) => {
    const i: EngagementInputs = {
      optedOut: Number(opted) === 1,
      replies: Number(replies),
      clicks: Number(clicks),
      conversions: Number(conversions),
      lastEngagedAt: typeof last === 'string' ? last : null,
      delivered: Number(delivered),
      silent: Number(silent),
    };
    return engagementScore(i, Number(now));
  };
  db.function('engagement_score', { deterministic: true, varargs: true }, (...a: unknown[]) => scoreOnce(a).score);
  db.function('engagement_band', { deterministic: true, varargs: true }, (...a: unknown[]) => scoreOnce(a).band);
}

function statements(db: SqliteDb): Statements {
  let st = prepared.get(db);
  if (!st) {
    registerScoreFunctions(db);
    // hot path: a full recompute scores a million contacts in id ranges, these two statements per range (see below).
    st = {
      clear: db.prepare('DELETE FROM contact_engagement WHERE contact_id BETWEEN ? AND ?'),
      score: db.prepare(SCORE_SQL),
    };
    prepared.set(db, st);
  }
  return st;
}

const ARGS = 'h.optedOut, h.replies, h.clicks, h.conversions, h.lastEngagedAt, h.delivered, h.silent, @now';
/**
 * Raw SQL, the recompute's hot path (a million rows): the range's histories scored and written in one statement,
 * no row crossing into JavaScript but through the score function. A contact with neither history nor opt-out has no
 * row (New).
 */
const SCORE_SQL = `
  INSERT INTO contact_engagement (contact_id, score, band, replies, clicks, conversions, last_engaged_at, delivered, silent, scored_at)
  SELECT contactId, score, band, replies, clicks, conversions, lastEngagedAt, delivered, silent, @at
  FROM (SELECT h.*, engagement_score(${ARGS}) AS score, engagement_band(${ARGS}) AS band FROM (${HISTORY_SQL}) h)
  WHERE band <> 'new'`;

/** Stores the scores of contacts from..to (ids, inclusive) as of `now`; answers how many rows it wrote. */
export function scoreRange(db: SqliteDb, from: number, to: number, now: Date): number {
  const st = statements(db);
  st.clear.run(from, to);
  return st.score.run({ from, to, now: now.getTime(), at: now.toISOString() }).changes;
}

/**
 * Rescores up to `limit` contacts whose history changed (queued by the triggers of migration 0014): the bounded
 * work per event. Runs inside the caller's transaction; answers how many it took from the queue.
 */
export function rescoreQueued(db: SqliteDb, now: Date, limit: number): number {
  const ids = allRows(
    db,
    qb.selectFrom('engagement_queue').select('contact_id').orderBy('contact_id').limit(limit),
  ).map((r) => r.contact_id);
  for (const id of ids) scoreRange(db, id, id, now);
  if (ids.length) runQuery(db, qb.deleteFrom('engagement_queue').where('contact_id', '<=', ids[ids.length - 1]));
  return ids.length;
}

export function queuedForRescore(db: SqliteDb): number {
  return (
    allRows(
      db,
      qb.selectFrom('engagement_queue').select((eb) => eb.fn.countAll<number>().as('n')),
    )[0]?.n ?? 0
  );
}
