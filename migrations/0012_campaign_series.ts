import type { Migration } from './types';

/**
 * Recurring and date-field (birthday) campaigns, and date-typed custom fields.
 *
 * A series is a campaign row (its message, audience and settings, edited like a draft) with a campaign_series row
 * beside it holding the repeat. Each occurrence that runs is a campaign of its own (series_id = the series'
 * campaign, occurrence_at = the planned instant) with its own outbox and results. series_occurrences records what
 * became of every planned instant that has passed — launched, or skipped with the reason (missed while the app
 * was closed, no one to text) — and its key makes running one instant twice impossible. series_yearly_sends keeps
 * each contact to one date-field text per year.
 */
export const m0012: Migration = {
  version: 12,
  name: 'campaign_series',
  up(db) {
    db.exec(`
      ALTER TABLE campaigns ADD COLUMN series_id INTEGER REFERENCES campaigns(id);
      ALTER TABLE campaigns ADD COLUMN occurrence_at TEXT;
      CREATE INDEX campaigns_series ON campaigns (series_id, occurrence_at) WHERE series_id IS NOT NULL;

      CREATE TABLE campaign_series (
        campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('recurring', 'birthday')),
        rule TEXT NOT NULL,
        start_local TEXT NOT NULL,
        zone TEXT NOT NULL,
        skip_recent_days INTEGER,
        date_field_json TEXT,
        next_at TEXT,
        handled_through TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX campaign_series_next ON campaign_series (next_at) WHERE next_at IS NOT NULL;

      CREATE TABLE series_occurrences (
        series_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('launched', 'skipped', 'missed')),
        campaign_id INTEGER REFERENCES campaigns(id),
        reason TEXT,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (series_id, at)
      );

      CREATE TABLE series_yearly_sends (
        series_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        PRIMARY KEY (series_id, contact_id, year)
      );

      ALTER TABLE custom_fields ADD COLUMN type TEXT NOT NULL DEFAULT 'text' CHECK (type IN ('text', 'date'));
    `);
  },
  postgres: `
    ALTER TABLE campaigns ADD COLUMN series_id bigint REFERENCES campaigns(id);
    ALTER TABLE campaigns ADD COLUMN occurrence_at text;
    CREATE INDEX campaigns_series ON campaigns (series_id, occurrence_at) WHERE series_id IS NOT NULL;

    CREATE TABLE campaign_series (
      campaign_id bigint PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('recurring', 'birthday')),
      rule text NOT NULL,
      start_local text NOT NULL,
      zone text NOT NULL,
      skip_recent_days bigint,
      date_field_json text,
      next_at text,
      handled_through text,
      created_at text NOT NULL,
      updated_at text NOT NULL
    );
    CREATE INDEX campaign_series_next ON campaign_series (next_at) WHERE next_at IS NOT NULL;

    CREATE TABLE series_occurrences (
      series_id bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      at text NOT NULL,
      status text NOT NULL CHECK (status IN ('launched', 'skipped', 'missed')),
      campaign_id bigint REFERENCES campaigns(id),
      reason text,
      recorded_at text NOT NULL,
      PRIMARY KEY (series_id, at)
    );

    CREATE TABLE series_yearly_sends (
      series_id bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      contact_id bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      year bigint NOT NULL,
      PRIMARY KEY (series_id, contact_id, year)
    );

    ALTER TABLE custom_fields ADD COLUMN type text NOT NULL DEFAULT 'text' CHECK (type IN ('text', 'date'));
  `,
};
