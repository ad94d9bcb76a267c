import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { AudienceCount, AudienceFilter } from '../../shared/audience';
import type { SqliteDb } from '../db/connection';
import { audienceCondition } from '../contacts';
import { audienceContactIds, audienceSliceCounts, contactIdRange, sliceHasEligible } from './queries-audience';

const SLICE = 25_000;

/**
 * Live count while the owner edits the audience: who matches, who gets it, and who is left out and why.
 * Counted in slices of contact ids with a yield between them, so a million-contact list never blocks the main
 * thread for long.
 */
export async function countAudience(db: SqliteDb, filter: AudienceFilter, now: Date): Promise<AudienceCount> {
  const audience = audienceCondition(db, filter, now);
  const { lo, hi } = contactIdRange(db);
  const total = { matched: 0, optedOut: 0, notTextable: 0, invalidPhone: 0 };
  for (let from = lo; from < hi; from += SLICE) {
    const r = audienceSliceCounts(db, audience, from, Math.min(hi, from + SLICE));
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
  const audience = audienceCondition(db, filter, now);
  const { lo, hi } = contactIdRange(db);
  for (let from = lo; from < hi; from += SLICE) {
    if (sliceHasEligible(db, audience, from, Math.min(hi, from + SLICE))) return true;
    if (from + SLICE < hi) await yieldToLoop();
  }
  return false;
}

/** Ids of the contacts a filter matches, eligible or not: for tests and exports. */
export function matchingContactIds(db: SqliteDb, filter: AudienceFilter, now: Date): number[] {
  return audienceContactIds(db, audienceCondition(db, filter, now));
}
