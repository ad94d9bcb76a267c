import type { Db } from '../db/db';
import { insertionOrder } from '../db/sql-fns';
import { allRows, firstRow, qb } from '../db/sync-query';

/** The import history. (The import and its undo run in a worker thread that loads no Kysely: see import/undo.ts.) */

export function importRow(db: Db, id: string) {
  return firstRow(db, qb.selectFrom('imports').selectAll().where('id', '=', id));
}

/** The import history, newest first (imports started at the same instant in the order they were recorded). */
export function importRows(db: Db, limit: number) {
  return allRows(
    db,
    qb.selectFrom('imports').selectAll().orderBy('started_at', 'desc').orderBy(insertionOrder(), 'desc').limit(limit),
  );
}

/** The rows an import rejected, by row number; at most `limit` when given. */
export function importRejectRows(db: Db, importId: string, limit?: number) {
  return allRows(
    db,
    qb
      .selectFrom('import_rejects')
      .select(['row_number', 'reason', 'raw'])
      .where('import_id', '=', importId)
      .orderBy('row_number')
      .$if(limit !== undefined, (q) => q.limit(limit ?? 0)),
  );
}

export function importRejectCount(db: Db, importId: string): number {
  return (
    firstRow(
      db,
      qb
        .selectFrom('import_rejects')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('import_id', '=', importId),
    )?.n ?? 0
  );
}
