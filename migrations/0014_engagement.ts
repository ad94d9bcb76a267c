import type { Migration } from './types';

/**
 * Engagement score per contact (issue 14 point 1; formula in shared/analytics/engagement.ts and the README).
 * - contact_engagement: each scored contact's score, band and the history it came from. A contact without a row is
 *   New (never texted, no history); an opted-out contact is Lost whatever its row says (read from contacts).
 * - engagement_queue: contacts whose history changed since they were last scored, filled by the triggers below
 *   (an outcome or conversion recorded or removed, a campaign text delivered or no longer, an opt-out or opt-in).
 *   The analytics tick rescores a bounded batch of them at a time; a full recompute (worker thread) empties it.
 * - outbox_contact_delivered: a partial covering index of delivered campaign texts per contact (the silence count).
 * - engagement_runs: when the last full recompute finished, so the scores' decay with time is refreshed daily.
 */
const QUEUE = (id: string) =>
  `INSERT INTO engagement_queue (contact_id) VALUES (${id}) ON CONFLICT (contact_id) DO NOTHING;`;

export const m0014: Migration = {
  version: 14,
  name: 'engagement',
  up(db) {
    db.exec(`
      CREATE TABLE contact_engagement (
        contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
        band TEXT NOT NULL CHECK (band IN ('champions', 'engaged', 'quiet', 'atRisk', 'lost', 'new')),
        replies INTEGER NOT NULL,
        clicks INTEGER NOT NULL,
        conversions INTEGER NOT NULL,
        last_engaged_at TEXT,
        delivered INTEGER NOT NULL,
        silent INTEGER NOT NULL,
        scored_at TEXT NOT NULL
      );

      -- Each contact's delivered campaign texts, covering what the score reads (how many, and when).
      CREATE INDEX outbox_contact_delivered ON outbox_messages(contact_id, delivered_at) WHERE kind = 'campaign' AND state = 'delivered';

      CREATE TABLE engagement_queue (contact_id INTEGER PRIMARY KEY) WITHOUT ROWID;

      CREATE TABLE engagement_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        contacts INTEGER NOT NULL
      );

      CREATE TRIGGER engagement_outcome_insert AFTER INSERT ON message_outcomes WHEN new.contact_id IS NOT NULL BEGIN ${QUEUE('new.contact_id')} END;
      CREATE TRIGGER engagement_outcome_delete AFTER DELETE ON message_outcomes WHEN old.contact_id IS NOT NULL BEGIN ${QUEUE('old.contact_id')} END;
      CREATE TRIGGER engagement_conversion_insert AFTER INSERT ON conversions BEGIN ${QUEUE('new.contact_id')} END;
      CREATE TRIGGER engagement_conversion_delete AFTER DELETE ON conversions BEGIN ${QUEUE('old.contact_id')} END;
      CREATE TRIGGER engagement_delivered AFTER UPDATE OF state ON outbox_messages
        WHEN new.kind = 'campaign' AND new.contact_id IS NOT NULL AND (old.state = 'delivered') IS NOT (new.state = 'delivered') BEGIN ${QUEUE('new.contact_id')} END;
      CREATE TRIGGER engagement_opt_out AFTER UPDATE OF opted_out ON contacts WHEN old.opted_out IS NOT new.opted_out BEGIN ${QUEUE('new.id')} END;

      -- Everyone with a history is scored by the first tick (a full recompute when there are many).
      INSERT INTO engagement_queue (contact_id)
        SELECT contact_id FROM message_outcomes WHERE contact_id IS NOT NULL
        UNION SELECT contact_id FROM conversions
        UNION SELECT contact_id FROM outbox_messages WHERE kind = 'campaign' AND state = 'delivered' AND contact_id IS NOT NULL;
    `);
  },
};
