import type { Migration } from './types';

/** Where a change of consent came from, for every channel (the opt-out audit log's `source`). */
export const CONSENT_SOURCES = [
  'keyword',
  'manual',
  'provider',
  'import',
  'reconciliation',
  // e-mail: the https link in the message or its one-click List-Unsubscribe POST, the mailto address, a hard bounce
  // or a spam complaint reported by the provider
  'unsubscribe_link',
  'list_unsubscribe',
  'bounce',
  'complaint',
  // voice: the opt-out key pressed during a call
  'keypress',
] as const;

/**
 * E-mail and voice beside SMS (issue 18): one outbox, one consent log, each row with its channel.
 *
 * - outbox_messages.channel ('sms' | 'email' | 'voice'), and what a message of that channel carries besides `body`
 *   (the plain text, or the script of a call): to_email, subject, html_body, voice_json (the call as built: TwiML,
 *   machine detection). to_phone stays the contact's number for every channel (every contact has one).
 *   A campaign sends one message per contact and channel (the unique index now includes the channel): a
 *   multi-channel campaign picks one channel per contact unless the owner asks for every channel.
 * - contacts: e-mail consent (1 accepts marketing e-mail, 0 declined, NULL not known), e-mail opt-out, suppression
 *   for good (a hard bounce or a complaint), prior express written consent for prerecorded calls (when and where it
 *   came from), and the business's do-not-call flag.
 * - consent_records.channel: what a consent record is consent to.
 * - optout_audit rebuilt (ids kept) with `channel` and `email`, and the sources of the new channels; it stays
 *   append-only. Existing rows are SMS.
 * - templates: channel, subject (e-mail) and options_json (voice: say or play, recording URL, voice, language).
 * - campaigns: channels_json (the owner's order, e.g. ["sms","email"]; NULL means SMS only), every_channel (1 when
 *   the owner asks for every channel a contact can receive instead of the first), email_json and voice_json (the
 *   e-mail's and the call's content beside the SMS body).
 */
export const m0020: Migration = {
  version: 20,
  name: 'channels',
  up(db) {
    const sources = CONSENT_SOURCES.map((s) => `'${s}'`).join(', ');
    db.exec(`
      ALTER TABLE outbox_messages ADD COLUMN channel TEXT NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email', 'voice'));
      ALTER TABLE outbox_messages ADD COLUMN to_email TEXT;
      ALTER TABLE outbox_messages ADD COLUMN subject TEXT;
      ALTER TABLE outbox_messages ADD COLUMN html_body TEXT;
      ALTER TABLE outbox_messages ADD COLUMN voice_json TEXT;
      DROP INDEX outbox_campaign_contact;
      CREATE UNIQUE INDEX outbox_campaign_contact ON outbox_messages(campaign_id, contact_id, channel) WHERE kind = 'campaign';

      ALTER TABLE contacts ADD COLUMN email_consent INTEGER CHECK (email_consent IN (0, 1));
      ALTER TABLE contacts ADD COLUMN email_opted_out INTEGER NOT NULL DEFAULT 0 CHECK (email_opted_out IN (0, 1));
      ALTER TABLE contacts ADD COLUMN email_opted_out_at TEXT;
      ALTER TABLE contacts ADD COLUMN email_suppressed TEXT CHECK (email_suppressed IN ('hard_bounce', 'complaint'));
      ALTER TABLE contacts ADD COLUMN email_suppressed_at TEXT;
      ALTER TABLE contacts ADD COLUMN voice_consent_at TEXT;
      ALTER TABLE contacts ADD COLUMN voice_consent_source TEXT;
      ALTER TABLE contacts ADD COLUMN dnc INTEGER NOT NULL DEFAULT 0 CHECK (dnc IN (0, 1));
      ALTER TABLE contacts ADD COLUMN dnc_at TEXT;

      ALTER TABLE consent_records ADD COLUMN channel TEXT NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email', 'voice'));

      CREATE TABLE optout_audit_channels (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER,
        phone TEXT NOT NULL,
        old_state TEXT NOT NULL,
        new_state TEXT NOT NULL CHECK (new_state IN ('opted_out', 'opted_in')),
        source TEXT NOT NULL CHECK (source IN (${sources})),
        inbound_message_id INTEGER,
        message_text TEXT,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        channel TEXT NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email', 'voice')),
        email TEXT
      );
      INSERT INTO optout_audit_channels
        (id, contact_id, phone, old_state, new_state, source, inbound_message_id, message_text, actor, at, channel, email)
        SELECT id, contact_id, phone, old_state, new_state, source, inbound_message_id, message_text, actor, at, 'sms', NULL
        FROM optout_audit;
      DROP TABLE optout_audit;
      ALTER TABLE optout_audit_channels RENAME TO optout_audit;
      CREATE INDEX optout_audit_phone ON optout_audit(phone, at);
      CREATE INDEX optout_audit_at ON optout_audit(at);
      CREATE INDEX optout_audit_email ON optout_audit(email COLLATE NOCASE, at) WHERE email IS NOT NULL;
      CREATE TRIGGER optout_audit_no_update BEFORE UPDATE ON optout_audit
        BEGIN SELECT RAISE(ABORT, 'optout_audit is append-only'); END;
      CREATE TRIGGER optout_audit_no_delete BEFORE DELETE ON optout_audit
        BEGIN SELECT RAISE(ABORT, 'optout_audit is append-only'); END;

      ALTER TABLE templates ADD COLUMN channel TEXT NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email', 'voice'));
      ALTER TABLE templates ADD COLUMN subject TEXT;
      ALTER TABLE templates ADD COLUMN options_json TEXT;

      ALTER TABLE campaigns ADD COLUMN channels_json TEXT;
      ALTER TABLE campaigns ADD COLUMN every_channel INTEGER NOT NULL DEFAULT 0 CHECK (every_channel IN (0, 1));
      ALTER TABLE campaigns ADD COLUMN email_json TEXT;
      ALTER TABLE campaigns ADD COLUMN voice_json TEXT;
    `);
  },
  postgres: `
    ALTER TABLE outbox_messages
      ADD COLUMN channel text NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email', 'voice')),
      ADD COLUMN to_email text,
      ADD COLUMN subject text,
      ADD COLUMN html_body text,
      ADD COLUMN voice_json text;
    DROP INDEX outbox_campaign_contact;
    CREATE UNIQUE INDEX outbox_campaign_contact ON outbox_messages(campaign_id, contact_id, channel) WHERE kind = 'campaign';

    ALTER TABLE contacts
      ADD COLUMN email_consent integer CHECK (email_consent IN (0, 1)),
      ADD COLUMN email_opted_out integer NOT NULL DEFAULT 0 CHECK (email_opted_out IN (0, 1)),
      ADD COLUMN email_opted_out_at text,
      ADD COLUMN email_suppressed text CHECK (email_suppressed IN ('hard_bounce', 'complaint')),
      ADD COLUMN email_suppressed_at text,
      ADD COLUMN voice_consent_at text,
      ADD COLUMN voice_consent_source text,
      ADD COLUMN dnc integer NOT NULL DEFAULT 0 CHECK (dnc IN (0, 1)),
      ADD COLUMN dnc_at text;

    ALTER TABLE consent_records ADD COLUMN channel text NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email', 'voice'));

    -- SQLite rebuilds optout_audit (ids kept); here it is altered in place, and stays append-only (its triggers stay).
    ALTER TABLE optout_audit
      DROP CONSTRAINT optout_audit_source_check,
      ADD CONSTRAINT optout_audit_source_check CHECK (source IN (${CONSENT_SOURCES.map((s) => `'${s}'`).join(', ')})),
      ADD COLUMN channel text NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email', 'voice')),
      ADD COLUMN email text;
    CREATE INDEX optout_audit_email ON optout_audit(lower(email), at) WHERE email IS NOT NULL;

    ALTER TABLE templates
      ADD COLUMN channel text NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email', 'voice')),
      ADD COLUMN subject text,
      ADD COLUMN options_json text;

    ALTER TABLE campaigns
      ADD COLUMN channels_json text,
      ADD COLUMN every_channel integer NOT NULL DEFAULT 0 CHECK (every_channel IN (0, 1)),
      ADD COLUMN email_json text,
      ADD COLUMN voice_json text;
  `,
};
