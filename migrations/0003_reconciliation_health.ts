import type { Migration } from './types';

/**
 * What reconciliation and the health checks keep: every reconciliation run with its range, trigger and diff report
 * (what was fixed and why, so the owner can see what the provider knew that we did not), and every health check with
 * its verdict, so the dashboard can show a history and a turn to red can be noticed once.
 */
export const m0003: Migration = {
  version: 3,
  name: 'reconciliation_health',
  up(db) {
    db.exec(`
      CREATE TABLE reconciliation_runs (
        id INTEGER PRIMARY KEY,
        provider TEXT NOT NULL CHECK (provider IN ('sandbox', 'quo', 'twilio')),
        trigger TEXT NOT NULL CHECK (trigger IN ('manual', 'daily', 'startup')),
        range_since TEXT NOT NULL,
        range_until TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        -- running: in progress (or the app died during it: marked interrupted at the next start);
        -- partial: the listing failed part-way, so nothing was concluded from absences.
        status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
        listing TEXT,
        diff_json TEXT,
        error TEXT
      );
      CREATE INDEX reconciliation_runs_provider ON reconciliation_runs(provider, started_at);
      CREATE INDEX reconciliation_runs_started ON reconciliation_runs(started_at);

      CREATE TABLE health_checks (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('green', 'yellow', 'red')),
        reason TEXT NOT NULL,
        checks_json TEXT NOT NULL,
        trigger TEXT NOT NULL DEFAULT 'scheduled' CHECK (trigger IN ('scheduled', 'manual'))
      );
      CREATE INDEX health_checks_at ON health_checks(at);

      -- The monitoring dashboard polls queue depths, failures by reason and the send rate; without these it would
      -- scan the whole outbox (a million rows after a big campaign) every few seconds.
      CREATE INDEX outbox_state_error ON outbox_messages(state, error_code);
      CREATE INDEX outbox_sent_at ON outbox_messages(sent_at) WHERE sent_at IS NOT NULL;
    `);
  },
};
