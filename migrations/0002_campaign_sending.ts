import type { Migration } from './types';

/** The same SQL on SQLite and PostgreSQL. */
const QUEUE_INDEXES = `
      CREATE INDEX outbox_campaign_state ON outbox_messages(campaign_id, state);
      -- The dispatcher's queue: only waiting rows, in the order they become due. Service messages (opt-out
      -- confirmations, HELP answers, inbox replies) have their own small index so they jump the queue.
      UPDATE outbox_messages SET next_attempt_at = created_at WHERE next_attempt_at IS NULL;
      CREATE INDEX outbox_due ON outbox_messages(provider, next_attempt_at, id) WHERE state IN ('queued', 'retry_wait');
      CREATE INDEX outbox_due_service ON outbox_messages(provider, next_attempt_at, id) WHERE state IN ('queued', 'retry_wait') AND kind <> 'campaign';
      CREATE INDEX campaigns_status ON campaigns(status, scheduled_at);
`;

/**
 * What durable sending needs beyond the core tables: where an interrupted audience snapshot resumes, a schedule
 * missed while the app was closed (waits for the owner), and the sending number each message goes out from.
 */
export const m0002: Migration = {
  version: 2,
  name: 'campaign_sending',
  up(db) {
    db.exec(`
      ALTER TABLE campaigns ADD COLUMN snapshot_state TEXT NOT NULL DEFAULT 'none'
        CHECK (snapshot_state IN ('none', 'running', 'complete'));
      ALTER TABLE campaigns ADD COLUMN snapshot_cursor INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE campaigns ADD COLUMN schedule_missed_at TEXT;
      ALTER TABLE campaigns ADD COLUMN last_error TEXT;
      ${QUEUE_INDEXES}
    `);
  },
  postgres: `
    ALTER TABLE campaigns ADD COLUMN snapshot_state text NOT NULL DEFAULT 'none'
      CHECK (snapshot_state IN ('none', 'running', 'complete'));
    ALTER TABLE campaigns ADD COLUMN snapshot_cursor bigint NOT NULL DEFAULT 0;
    ALTER TABLE campaigns ADD COLUMN schedule_missed_at text;
    ALTER TABLE campaigns ADD COLUMN last_error text;
    ${QUEUE_INDEXES}
  `,
};
