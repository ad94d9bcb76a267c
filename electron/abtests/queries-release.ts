import { reachableOn } from '../compliance';
import type { SqliteDb } from '../db/connection';
import { allRows, qb } from '../db/sync-query';

/**
 * Which of these contacts may still be e-mailed, by the one definition (reachableOn): read when the winner goes to
 * the held-back rest, so an unsubscribe, a bounce, a complaint or consent withdrawn while the test ran is honoured.
 */
export function emailReachable(db: SqliteDb, contactIds: readonly number[]): Set<number> {
  if (contactIds.length === 0) return new Set();
  const q = qb
    .selectFrom('contacts')
    .select('id')
    .where('id', 'in', contactIds)
    .where((eb) => reachableOn(eb, 'email'));
  return new Set(allRows(db, q).map((r) => r.id));
}
