import type { Migration } from './types';

/**
 * Core tables. Times are ISO-8601 UTC text (sortable); booleans are 0/1; phone numbers are E.164.
 * Audit tables are append-only: triggers refuse UPDATE and DELETE.
 */
export const m0001: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        detail_json TEXT
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        phone TEXT NOT NULL UNIQUE,
        first_name TEXT,
        last_name TEXT,
        email TEXT,
        country TEXT,
        textable INTEGER NOT NULL DEFAULT 1,
        not_textable_reason TEXT,
        opted_out INTEGER NOT NULL DEFAULT 0,
        opted_out_at TEXT,
        line_type TEXT,
        carrier TEXT,
        source TEXT NOT NULL DEFAULT 'manual',
        is_unknown INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_contacted_at TEXT
      );
      CREATE INDEX contacts_created_at ON contacts(created_at);
      CREATE INDEX contacts_last_name ON contacts(last_name COLLATE NOCASE, first_name COLLATE NOCASE);
      CREATE INDEX contacts_email ON contacts(email COLLATE NOCASE);

      CREATE TABLE consent_records (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        source_ref TEXT,
        consent INTEGER,
        obtained_at TEXT NOT NULL,
        note TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX consent_records_contact ON consent_records(contact_id);

      CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE contact_tags (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (contact_id, tag_id)
      ) WITHOUT ROWID;
      CREATE INDEX contact_tags_tag ON contact_tags(tag_id, contact_id);

      CREATE TABLE custom_fields (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE contact_field_values (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        field_id INTEGER NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        PRIMARY KEY (contact_id, field_id)
      ) WITHOUT ROWID;

      CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        filter_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE imports (
        id TEXT PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_size INTEGER,
        status TEXT NOT NULL,
        mapping_json TEXT,
        options_json TEXT,
        counts_json TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        undone_at TEXT
      );
      CREATE TABLE import_rejects (
        import_id TEXT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        row_number INTEGER NOT NULL,
        reason TEXT NOT NULL,
        raw TEXT,
        PRIMARY KEY (import_id, row_number)
      ) WITHOUT ROWID;
      CREATE TABLE import_changes (
        import_id TEXT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('created', 'updated')),
        previous_json TEXT,
        PRIMARY KEY (import_id, contact_id)
      ) WITHOUT ROWID;

      CREATE TABLE templates (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        body TEXT NOT NULL,
        category TEXT,
        notes TEXT,
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_used_at TEXT
      );

      CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled')),
        template_id INTEGER REFERENCES templates(id),
        body TEXT,
        audience_json TEXT NOT NULL DEFAULT '{}',
        provider TEXT NOT NULL DEFAULT 'sandbox',
        from_number TEXT,
        schedule_json TEXT,
        scheduled_at TEXT,
        quiet_hours_json TEXT,
        ab_json TEXT,
        notes TEXT,
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        launched_at TEXT,
        completed_at TEXT
      );

      CREATE TABLE outbox_messages (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER REFERENCES campaigns(id),
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        kind TEXT NOT NULL DEFAULT 'campaign' CHECK (kind IN ('campaign', 'reply', 'confirmation', 'help')),
        variant TEXT,
        to_phone TEXT NOT NULL,
        from_number TEXT,
        body TEXT NOT NULL,
        segments INTEGER NOT NULL DEFAULT 1,
        provider TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'retry_wait', 'unknown', 'skipped', 'held')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        provider_message_id TEXT,
        error_code TEXT,
        error_message TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sending_at TEXT,
        sent_at TEXT,
        delivered_at TEXT
      );
      CREATE UNIQUE INDEX outbox_campaign_contact ON outbox_messages(campaign_id, contact_id) WHERE kind = 'campaign';
      -- Indexes a million-row snapshot appends to in order (contact_id grows with the snapshot cursor); provider ids
      -- are only indexed once a message has one.
      CREATE INDEX outbox_provider_id ON outbox_messages(provider, provider_message_id) WHERE provider_message_id IS NOT NULL;
      CREATE INDEX outbox_contact ON outbox_messages(contact_id, sent_at);

      CREATE TABLE inbound_messages (
        id INTEGER PRIMARY KEY,
        provider TEXT NOT NULL,
        provider_message_id TEXT,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        from_phone TEXT NOT NULL,
        to_phone TEXT,
        body TEXT NOT NULL,
        received_at TEXT NOT NULL,
        campaign_id INTEGER REFERENCES campaigns(id),
        keyword TEXT,
        read_at TEXT,
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX inbound_provider_id ON inbound_messages(provider, provider_message_id)
        WHERE provider_message_id IS NOT NULL;
      CREATE INDEX inbound_contact ON inbound_messages(contact_id, received_at);

      CREATE TABLE webhook_events (
        id INTEGER PRIMARY KEY,
        provider TEXT NOT NULL,
        event_id TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        received_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'processed', 'failed', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        processed_at TEXT,
        UNIQUE (provider, event_id)
      );
      CREATE INDEX webhook_events_state ON webhook_events(state, next_attempt_at);

      CREATE TABLE optout_audit (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER,
        phone TEXT NOT NULL,
        old_state TEXT NOT NULL,
        new_state TEXT NOT NULL CHECK (new_state IN ('opted_out', 'opted_in')),
        source TEXT NOT NULL CHECK (source IN ('keyword', 'manual', 'provider', 'import', 'reconciliation')),
        inbound_message_id INTEGER,
        message_text TEXT,
        actor TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX optout_audit_phone ON optout_audit(phone, at);
      CREATE INDEX optout_audit_at ON optout_audit(at);
      CREATE TRIGGER optout_audit_no_update BEFORE UPDATE ON optout_audit
        BEGIN SELECT RAISE(ABORT, 'optout_audit is append-only'); END;
      CREATE TRIGGER optout_audit_no_delete BEFORE DELETE ON optout_audit
        BEGIN SELECT RAISE(ABORT, 'optout_audit is append-only'); END;

      CREATE TABLE numverify_cache (
        phone TEXT PRIMARY KEY,
        valid INTEGER NOT NULL,
        line_type TEXT,
        carrier TEXT,
        country_code TEXT,
        location TEXT,
        response_json TEXT NOT NULL,
        looked_up_at TEXT NOT NULL
      );

      CREATE TABLE sandbox_messages (
        id TEXT PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
        from_phone TEXT NOT NULL,
        to_phone TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL,
        outcome TEXT NOT NULL,
        reply_body TEXT,
        created_at TEXT NOT NULL,
        due_at TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX sandbox_messages_due ON sandbox_messages(due_at) WHERE due_at IS NOT NULL;
      CREATE INDEX sandbox_messages_created ON sandbox_messages(created_at);
    `);
  },
  postgres: `
    -- tags.name compares ignoring case, as SQLite's NOCASE column does (citext: = , IN, ORDER BY and UNIQUE).
    CREATE EXTENSION IF NOT EXISTS citext;

    CREATE TABLE settings (
      key text PRIMARY KEY,
      value_json text NOT NULL,
      updated_at text NOT NULL
    );

    CREATE TABLE audit_log (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      at text NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      subject text,
      detail_json text
    );
    CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
    END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();

    CREATE TABLE contacts (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      phone text NOT NULL UNIQUE,
      first_name text,
      last_name text,
      email text,
      country text,
      textable integer NOT NULL DEFAULT 1,
      not_textable_reason text,
      opted_out integer NOT NULL DEFAULT 0,
      opted_out_at text,
      line_type text,
      carrier text,
      source text NOT NULL DEFAULT 'manual',
      is_unknown integer NOT NULL DEFAULT 0,
      created_at text NOT NULL,
      updated_at text NOT NULL,
      last_contacted_at text
    );
    CREATE INDEX contacts_created_at ON contacts(created_at);
    CREATE INDEX contacts_last_name ON contacts(lower(last_name), lower(first_name));
    CREATE INDEX contacts_email ON contacts(lower(email));

    CREATE TABLE consent_records (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      contact_id bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      source text NOT NULL,
      source_ref text,
      consent integer,
      obtained_at text NOT NULL,
      note text,
      created_at text NOT NULL
    );
    CREATE INDEX consent_records_contact ON consent_records(contact_id);

    CREATE TABLE tags (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      name citext NOT NULL UNIQUE,
      created_at text NOT NULL
    );
    CREATE TABLE contact_tags (
      contact_id bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      tag_id bigint NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
      PRIMARY KEY (contact_id, tag_id)
    );
    CREATE INDEX contact_tags_tag ON contact_tags(tag_id, contact_id);

    CREATE TABLE custom_fields (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      key text NOT NULL UNIQUE,
      label text NOT NULL,
      created_at text NOT NULL
    );
    CREATE TABLE contact_field_values (
      contact_id bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      field_id bigint NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,
      value text NOT NULL,
      PRIMARY KEY (contact_id, field_id)
    );

    CREATE TABLE segments (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      name text NOT NULL UNIQUE,
      filter_json text NOT NULL,
      created_at text NOT NULL,
      updated_at text NOT NULL
    );

    CREATE TABLE imports (
      id text PRIMARY KEY,
      file_name text NOT NULL,
      file_size bigint,
      status text NOT NULL,
      mapping_json text,
      options_json text,
      counts_json text,
      started_at text NOT NULL,
      finished_at text,
      undone_at text
    );
    CREATE TABLE import_rejects (
      import_id text NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
      row_number bigint NOT NULL,
      reason text NOT NULL,
      raw text,
      PRIMARY KEY (import_id, row_number)
    );
    CREATE TABLE import_changes (
      import_id text NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
      contact_id bigint NOT NULL,
      action text NOT NULL CHECK (action IN ('created', 'updated')),
      previous_json text,
      PRIMARY KEY (import_id, contact_id)
    );

    CREATE TABLE templates (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      body text NOT NULL,
      category text,
      notes text,
      archived_at text,
      created_at text NOT NULL,
      updated_at text NOT NULL,
      last_used_at text
    );

    CREATE TABLE campaigns (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      status text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled')),
      template_id bigint REFERENCES templates(id),
      body text,
      audience_json text NOT NULL DEFAULT '{}',
      provider text NOT NULL DEFAULT 'sandbox',
      from_number text,
      schedule_json text,
      scheduled_at text,
      quiet_hours_json text,
      ab_json text,
      notes text,
      archived_at text,
      created_at text NOT NULL,
      updated_at text NOT NULL,
      launched_at text,
      completed_at text
    );

    CREATE TABLE outbox_messages (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      campaign_id bigint REFERENCES campaigns(id),
      contact_id bigint REFERENCES contacts(id) ON DELETE SET NULL,
      kind text NOT NULL DEFAULT 'campaign' CHECK (kind IN ('campaign', 'reply', 'confirmation', 'help')),
      variant text,
      to_phone text NOT NULL,
      from_number text,
      body text NOT NULL,
      segments bigint NOT NULL DEFAULT 1,
      provider text NOT NULL,
      state text NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'retry_wait', 'unknown', 'skipped', 'held')),
      attempts bigint NOT NULL DEFAULT 0,
      next_attempt_at text,
      provider_message_id text,
      error_code text,
      error_message text,
      created_at text NOT NULL,
      updated_at text NOT NULL,
      sending_at text,
      sent_at text,
      delivered_at text
    );
    CREATE UNIQUE INDEX outbox_campaign_contact ON outbox_messages(campaign_id, contact_id) WHERE kind = 'campaign';
    CREATE INDEX outbox_provider_id ON outbox_messages(provider, provider_message_id) WHERE provider_message_id IS NOT NULL;
    CREATE INDEX outbox_contact ON outbox_messages(contact_id, sent_at);

    CREATE TABLE inbound_messages (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      provider text NOT NULL,
      provider_message_id text,
      contact_id bigint REFERENCES contacts(id) ON DELETE SET NULL,
      from_phone text NOT NULL,
      to_phone text,
      body text NOT NULL,
      received_at text NOT NULL,
      campaign_id bigint REFERENCES campaigns(id),
      keyword text,
      read_at text,
      created_at text NOT NULL
    );
    CREATE UNIQUE INDEX inbound_provider_id ON inbound_messages(provider, provider_message_id)
      WHERE provider_message_id IS NOT NULL;
    CREATE INDEX inbound_contact ON inbound_messages(contact_id, received_at);

    CREATE TABLE webhook_events (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      provider text NOT NULL,
      event_id text NOT NULL,
      type text NOT NULL,
      payload text NOT NULL,
      received_at text NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'processed', 'failed', 'dead')),
      attempts bigint NOT NULL DEFAULT 0,
      next_attempt_at text,
      last_error text,
      processed_at text,
      UNIQUE (provider, event_id)
    );
    CREATE INDEX webhook_events_state ON webhook_events(state, next_attempt_at);

    CREATE TABLE optout_audit (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      contact_id bigint,
      phone text NOT NULL,
      old_state text NOT NULL,
      new_state text NOT NULL CHECK (new_state IN ('opted_out', 'opted_in')),
      source text NOT NULL CHECK (source IN ('keyword', 'manual', 'provider', 'import', 'reconciliation')),
      inbound_message_id bigint,
      message_text text,
      actor text NOT NULL,
      at text NOT NULL
    );
    CREATE INDEX optout_audit_phone ON optout_audit(phone, at);
    CREATE INDEX optout_audit_at ON optout_audit(at);
    CREATE TRIGGER optout_audit_no_update BEFORE UPDATE ON optout_audit
      FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
    CREATE TRIGGER optout_audit_no_delete BEFORE DELETE ON optout_audit
      FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();

    CREATE TABLE numverify_cache (
      phone text PRIMARY KEY,
      valid integer NOT NULL,
      line_type text,
      carrier text,
      country_code text,
      location text,
      response_json text NOT NULL,
      looked_up_at text NOT NULL
    );

    CREATE TABLE sandbox_messages (
      id text PRIMARY KEY,
      direction text NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
      from_phone text NOT NULL,
      to_phone text NOT NULL,
      body text NOT NULL,
      status text NOT NULL,
      outcome text NOT NULL,
      reply_body text,
      created_at text NOT NULL,
      due_at text,
      updated_at text NOT NULL
    );
    CREATE INDEX sandbox_messages_due ON sandbox_messages(due_at) WHERE due_at IS NOT NULL;
    CREATE INDEX sandbox_messages_created ON sandbox_messages(created_at);
  `,
};
