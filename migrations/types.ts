import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** Runs inside the migrator's single transaction; never commits on its own. */
  up(db: BetterSqlite3.Database): void;
  /**
   * The same change on PostgreSQL (team mode, issue 20): SQL statements run, in order, inside the PostgreSQL
   * migrator's single transaction (electron/db/migrator-postgres.ts). Types, triggers and full-text tables follow
   * docs/design/postgres.md. A migration without it cannot run on PostgreSQL: the migrator refuses, changing nothing.
   */
  postgres?: string;
}
