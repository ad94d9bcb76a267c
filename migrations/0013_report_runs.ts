import type { Migration } from './types';

/** The same SQL on SQLite and PostgreSQL. */
const SQL = `
    CREATE TABLE report_runs (
      kind TEXT NOT NULL CHECK (kind IN ('week', 'month')),
      period_start TEXT NOT NULL,
      period_end TEXT NOT NULL,
      ran_at TEXT NOT NULL,
      pdf_path TEXT,
      csv_path TEXT,
      PRIMARY KEY (kind, period_start)
    );
`;

/**
 * Scheduled reports (weekly, monthly): one row per period that was reported, so a run missed while the app was
 * closed happens at the next start exactly once, and the owner can see where the files went.
 */
export const m0013: Migration = {
  version: 13,
  name: 'report_runs',
  up(db) {
    db.exec(SQL);
  },
  postgres: SQL,
};
