import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** Runs inside the migrator's single transaction; never commits on its own. */
  up(db: BetterSqlite3.Database): void;
}
