import type { Migration } from './types';

/**
 * A/B tests and tracked links.
 * - tracked_links: one short code per link per recipient message, so a click says who clicked which variant.
 * - link_clicks: every visit of a short link; previews by messaging apps are kept but marked as bots.
 * - click_salt: a random per-database salt, so stored IP hashes cannot be reversed by hashing all IPv4 addresses.
 * - conversions: one per recipient and campaign, marked by hand or by a conversion keyword in a reply.
 * - ab_state: what the peeking guard and the winner logic must remember between reports: the looks taken, the
 *   verdict once decided, and whether (and which) variant went to the held-back rest of the audience.
 * - campaigns.track_links: NULL follows the `links.trackByDefault` setting at launch.
 * - outbox_messages.ab_remainder: 1 for the held-back rest once it received the winner, so the test's numbers
 *   never mix with theirs.
 */
export const m0005: Migration = {
  version: 5,
  name: 'abtests',
  up(db) {
    db.exec(`
      ALTER TABLE campaigns ADD COLUMN track_links INTEGER CHECK (track_links IN (0, 1));
      ALTER TABLE outbox_messages ADD COLUMN ab_remainder INTEGER NOT NULL DEFAULT 0 CHECK (ab_remainder IN (0, 1));

      CREATE TABLE tracked_links (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        outbox_id INTEGER NOT NULL REFERENCES outbox_messages(id) ON DELETE CASCADE,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        variant TEXT,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        url TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX tracked_links_outbox ON tracked_links(outbox_id);
      CREATE INDEX tracked_links_campaign ON tracked_links(campaign_id);
      -- Deleting contacts (import undo) must not scan these tables for each contact.
      CREATE INDEX tracked_links_contact ON tracked_links(contact_id);

      CREATE TABLE link_clicks (
        id INTEGER PRIMARY KEY,
        link_id INTEGER NOT NULL REFERENCES tracked_links(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        method TEXT NOT NULL,
        user_agent TEXT,
        ip_hash TEXT,
        is_bot INTEGER NOT NULL CHECK (is_bot IN (0, 1))
      );
      CREATE INDEX link_clicks_link ON link_clicks(link_id, is_bot, at);

      CREATE TABLE click_salt (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        salt BLOB NOT NULL
      );
      INSERT INTO click_salt (id, salt) VALUES (1, randomblob(16));

      CREATE TABLE conversions (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        outbox_id INTEGER REFERENCES outbox_messages(id) ON DELETE SET NULL,
        source TEXT NOT NULL CHECK (source IN ('manual', 'keyword')),
        inbound_message_id INTEGER REFERENCES inbound_messages(id) ON DELETE SET NULL,
        keyword TEXT,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        UNIQUE (campaign_id, contact_id)
      );
      CREATE INDEX conversions_contact ON conversions(contact_id);

      CREATE TABLE ab_state (
        campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id),
        looks_json TEXT NOT NULL DEFAULT '[]',
        verdict_json TEXT,
        decided_at TEXT,
        winner_index INTEGER,
        approval TEXT NOT NULL DEFAULT 'none' CHECK (approval IN ('none', 'awaiting', 'approved', 'automatic')),
        release_index INTEGER,
        release_chosen_by TEXT CHECK (release_chosen_by IN ('verdict', 'owner')),
        winner_sent_at TEXT,
        winner_done_at TEXT,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
