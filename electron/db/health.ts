import type { SqliteDb } from './connection';
import { firstRow, qb } from './sync-query';

/**
 * Whether the database answers a trivial query: the status bar's cheap health check. Apart from the migrator, which
 * processes that only open and migrate a database (the import's, the CLI's) load without the query builder.
 */
export function databaseAnswers(db: SqliteDb): boolean {
  return (
    firstRow(
      db,
      qb.selectNoFrom((eb) => eb.lit(1).as('ok')),
    ) !== undefined
  );
}
