import type { SqliteDb } from '../db/connection';
import { firstRow, qb } from '../db/sync-query';

/** The contact ids an audience is read between, in slices: (lo, hi], both 0 when there are no contacts. */
export function contactIdRange(db: SqliteDb): { lo: number; hi: number } {
  const r = firstRow(
    db,
    qb.selectFrom('contacts').select((eb) => [eb.fn.min('id').as('min'), eb.fn.max('id').as('max')]),
  );
  return { lo: (r?.min ?? 1) - 1, hi: r?.max ?? 0 };
}
