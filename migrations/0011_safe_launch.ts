import type { Migration } from './types';

/**
 * Safe launch and A/B deadlines (issue 15).
 * - campaigns.launch_acknowledgement_json: when a campaign launched despite a blocking compliance finding, the
 *   owner's reason, the findings acknowledged and when (the audit log has the same row; this keeps it with the campaign).
 * - outbox_messages.test_of_campaign_id: a test send of that campaign to the owner's own number. Test messages have
 *   no campaign_id and a service kind, so no campaign count, result or completion check ever sees them.
 * - ab_state.decision_needed_at: a "test, then winner" campaign passed its decision deadline without a winner and
 *   without a default variant; it waits, visibly, for the owner to choose.
 */
export const m0011: Migration = {
  version: 11,
  name: 'safe_launch',
  up(db) {
    db.exec(`
      ALTER TABLE campaigns ADD COLUMN launch_acknowledgement_json TEXT;
      ALTER TABLE outbox_messages ADD COLUMN test_of_campaign_id INTEGER;
      CREATE INDEX outbox_test_of_campaign ON outbox_messages(test_of_campaign_id) WHERE test_of_campaign_id IS NOT NULL;
      ALTER TABLE ab_state ADD COLUMN decision_needed_at TEXT;
    `);
  },
  postgres: `
    ALTER TABLE campaigns ADD COLUMN launch_acknowledgement_json text;
    ALTER TABLE outbox_messages ADD COLUMN test_of_campaign_id bigint;
    CREATE INDEX outbox_test_of_campaign ON outbox_messages(test_of_campaign_id) WHERE test_of_campaign_id IS NOT NULL;
    ALTER TABLE ab_state ADD COLUMN decision_needed_at text;
  `,
};
