import type { Migration } from './types';

/** The same SQL on SQLite and PostgreSQL. */
const SQL = `
    ALTER TABLE outbox_messages ADD COLUMN expires_at TEXT;
    CREATE INDEX outbox_expiring ON outbox_messages(expires_at)
      WHERE expires_at IS NOT NULL AND state IN ('queued', 'retry_wait');
    CREATE INDEX inbound_unread ON inbound_messages(contact_id) WHERE read_at IS NULL;
`;

/**
 * A deadline for service messages. An opt-out confirmation is allowed only within 5 minutes of the STOP
 * (compliance.md); one still waiting after that (provider down, app closed) must never go out late, so the row
 * carries the moment it stops being sendable. The partial index lets the sweep find such rows without scanning the
 * outbox. The inbox's unread counts get their own small index for the same reason.
 */
export const m0004: Migration = {
  version: 4,
  name: 'service_message_deadline',
  up(db) {
    db.exec(SQL);
  },
  postgres: SQL,
};
