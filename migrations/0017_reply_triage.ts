import type { Migration } from './types';

/**
 * Gemini reply triage: one label per inbound reply (question, interested, complaint, wrong number, a possible
 * opt-out phrase for the owner to review, or other) with the model's confidence. A reply that could not be
 * labelled (safety block, cut-off answer) keeps a row with its problem, so it is not sent again and again.
 * Nothing here changes consent: a possible opt-out is only flagged until the owner has looked.
 */
export const m0017: Migration = {
  version: 17,
  name: 'reply_triage',
  up(db) {
    db.exec(`
      CREATE TABLE reply_triage (
        inbound_message_id INTEGER PRIMARY KEY REFERENCES inbound_messages(id) ON DELETE CASCADE,
        label TEXT CHECK (label IS NULL OR label IN ('question', 'interested', 'complaint', 'wrong_number', 'possible_opt_out', 'other')),
        confidence REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
        flagged_for_review INTEGER NOT NULL DEFAULT 0 CHECK (flagged_for_review IN (0, 1)),
        reviewed_at TEXT,
        problem TEXT,
        model TEXT NOT NULL,
        classified_at TEXT NOT NULL,
        CHECK ((label IS NULL) = (problem IS NOT NULL))
      );
      CREATE INDEX reply_triage_waiting_review ON reply_triage (inbound_message_id) WHERE flagged_for_review = 1 AND reviewed_at IS NULL;
    `);
  },
  postgres: `
    CREATE TABLE reply_triage (
      inbound_message_id bigint PRIMARY KEY REFERENCES inbound_messages(id) ON DELETE CASCADE,
      label text CHECK (label IS NULL OR label IN ('question', 'interested', 'complaint', 'wrong_number', 'possible_opt_out', 'other')),
      confidence double precision CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
      flagged_for_review integer NOT NULL DEFAULT 0 CHECK (flagged_for_review IN (0, 1)),
      reviewed_at text,
      problem text,
      model text NOT NULL,
      classified_at text NOT NULL,
      CHECK ((label IS NULL) = (problem IS NOT NULL))
    );
    CREATE INDEX reply_triage_waiting_review ON reply_triage (inbound_message_id) WHERE flagged_for_review = 1 AND reviewed_at IS NULL;
  `,
};
