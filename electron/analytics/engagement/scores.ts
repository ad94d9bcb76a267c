import { engagementScore } from '../../../shared/analytics/engagement';
import type { SqliteDb } from '../../db/connection';
import { allRows, qb, runQuery } from '../../db/sync-query';
import { contactHistories } from './history';

/**
 * Stores the scores of contacts from..to (ids, inclusive) as of `now`: one row per contact with a history or an
 * opt-out; a contact with neither has no row (New). Raw prepared statements: the recompute writes a million rows.
 */
export function scoreRange(db: SqliteDb, from: number, to: number, now: Date): number {
  const at = now.toISOString();
  const histories = contactHistories(db, from, to);
  const clear = db.prepare('DELETE FROM contact_engagement WHERE contact_id BETWEEN ? AND ?');
  const insert = db.prepare(
    `INSERT INTO contact_engagement (contact_id, score, band, replies, clicks, conversions, last_engaged_at, delivered, silent, scored_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  clear.run(from, to);
  let written = 0;
  for (const h of histories) {
    const s = engagementScore(h, now.getTime());
    if (s.band === 'new') continue;
    insert.run(h.contactId, s.score, s.band, h.replies, h.clicks, h.conversions, h.lastEngagedAt, h.delivered, h.silent, at);
    written++;
  }
  return written;
}

/**
 * Rescores up to `limit` contacts whose history changed (queued by the triggers of migration 0014): the bounded
 * work per event. Runs inside the caller's transaction; answers how many it took from the queue.
 */
export function rescoreQueued(db: SqliteDb, now: Date, limit: number): number {
  const ids = allRows(db, qb.selectFrom('engagement_queue').select('contact_id').orderBy('contact_id').limit(limit)).map((r) => r.contact_id);
  for (const id of ids) scoreRange(db, id, id, now);
  if (ids.length) runQuery(db, qb.deleteFrom('engagement_queue').where('contact_id', '<=', ids[ids.length - 1]));
  return ids.length;
}

export function queuedForRescore(db: SqliteDb): number {
  return allRows(db, qb.selectFrom('engagement_queue').select((eb) => eb.fn.countAll<number>().as('n')))[0]?.n ?? 0;
}
