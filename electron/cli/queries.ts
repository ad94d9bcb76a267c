import type { SqliteDb } from '../db/connection';
import { equalsIgnoringCase } from '../db/sql-fns';
import { allRows, firstRow, qb } from '../db/sync-query';

/** The few reads the command line makes itself, outside the IPC channels. */

/** A saved segment's id, by its id or by its name (case does not matter). */
export function findSegmentId(db: SqliteDb, idOrName: string): number | undefined {
  const query = qb.selectFrom('segments').select('id');
  return firstRow(
    db,
    /^\d+$/.test(idOrName)
      ? query.where('id', '=', Number(idOrName))
      : query.where((eb) => equalsIgnoringCase(eb.ref('name'), idOrName)),
  )?.id;
}

/** How many outbox messages are in each state. */
export function outboxStateCounts(db: SqliteDb): Array<{ state: string; n: number }> {
  return allRows(
    db,
    qb
      .selectFrom('outbox_messages')
      .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
      .groupBy('state'),
  );
}
