import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { AudienceCount, AudienceFilter } from '../../shared/audience';
import type { SqliteDb } from '../db/connection';
import { audienceWhere, E164_SQL, ELIGIBLE_SQL } from '../contacts';
import { contactIdRange } from './queries-audience';

const SLICE = 25_000;

/**
 * Live count while the owner edits the audience: who matches, who gets it, and who is left out and why.
 * Counted in slices of contact ids with a yield between them, so a million-contact list never blocks the main
 * thread for long.
 */
export async function countAudience(db: SqliteDb, filter: AudienceFilter, now: Date): Promise<AudienceCount> {
  const where = audienceWhere(db, filter, now);
  const stmt = db.prepare(
    `SELECT COUNT(*) AS matched,
            COALESCE(SUM(c.opted_out = 1), 0) AS optedOut,
            COALESCE(SUM(c.opted_out = 0 AND c.textable = 0), 0) AS notTextable,
            COALESCE(SUM(c.opted_out = 0 AND c.textable = 1 AND NOT (${E164_SQL})), 0) AS invalidPhone
     FROM contacts c WHERE c.id > ? AND c.id <= ? AND (${where.sql})`,
  );
  const { lo, hi } = contactIdRange(db);
  const total = { matched: 0, optedOut: 0, notTextable: 0, invalidPhone: 0 };
  for (let from = lo; from < hi; from += SLICE) {
    const r = stmt.get(from, Math.min(hi, from + SLICE), ...where.params) as typeof total;
    total.matched += r.matched;
    total.optedOut += r.optedOut;
    total.notTextable += r.notTextable;
    total.invalidPhone += r.invalidPhone;
    if (from + SLICE < hi) await yieldToLoop();
  }
  const excluded = { optedOut: total.optedOut, notTextable: total.notTextable, invalidPhone: total.invalidPhone };
  return {
    matched: total.matched,
    eligible: total.matched - total.optedOut - total.notTextable - total.invalidPhone,
    excluded,
  };
}

/**
 * Whether anyone in the audience can be texted, in the same slices as countAudience: a launch needs only to know
 * that someone can, and stops at the first slice that has one instead of counting a million contacts.
 */
export async function anyEligible(db: SqliteDb, filter: AudienceFilter, now: Date): Promise<boolean> {
  const where = audienceWhere(db, filter, now);
  const stmt = db.prepare(
    `SELECT 1 FROM contacts c WHERE c.id > ? AND c.id <= ? AND ${ELIGIBLE_SQL} AND (${where.sql}) LIMIT 1`,
  );
  const { lo, hi } = contactIdRange(db);
  for (let from = lo; from < hi; from += SLICE) {
    if (stmt.get(from, Math.min(hi, from + SLICE), ...where.params)) return true;
    if (from + SLICE < hi) await yieldToLoop();
  }
  return false;
}

/** Ids of the contacts a filter matches, eligible or not: for tests and exports. */
export function matchingContactIds(db: SqliteDb, filter: AudienceFilter, now: Date): number[] {
  const where = audienceWhere(db, filter, now);
  return (
    db.prepare(`SELECT c.id FROM contacts c WHERE ${where.sql} ORDER BY c.id`).all(...where.params) as { id: number }[]
  ).map((r) => r.id);
}
