import type { Migration } from './types';

/**
 * Results for every campaign (issue 13; shared/docs/analytics.md).
 * - outbox_messages.price_micros / cost_micros: the provider's price per segment and what the message cost
 *   (segments × price), both in micro-units (millionths) of the business currency, written when it is handed to the
 *   provider, so a later price change never rewrites history. Micro-units keep a $0.0079 segment exact: a cost is
 *   never rounded per message, only a total when it is shown (60 texts cost $0.474 → "$0.47", not 60 × 1¢).
 * - message_outcomes: a message's reply, click or opt-out, the first of each kind only, with the attribution rule and
 *   the windows that gave it to the message (a window change applies to later outcomes only).
 * - conversions: rebuilt. Now from every source (keyword, thank-you link, manual, order, QuickBooks), unique per
 *   (source, source_id), with an amount in minor units; campaign_id/outbox_id are NULL when nothing was attributable.
 * - order_imports: each orders CSV import, so it can be listed and undone; order_import_rejects its rejected rows.
 * - campaign_daily: per campaign and UTC day, kept by the triggers below as events arrive (bounded work per event),
 *   so the dashboard and the campaign page never read the outbox. `analytics rebuild` recomputes it.
 *   Buckets: sent/delivered/failed/spend by the message's send day (or creation day when never sent); replies,
 *   clicks, opt-outs, conversions and revenue by the day they happened.
 * - analytics_cursors: how far the outcome ingester has read inbound messages, clicks, the opt-out audit and contacts.
 * - list_growth_daily: contacts added and opt-outs per UTC day (list growth on the dashboard).
 */
const MESSAGE_DAY = (r: 'old' | 'new') => `substr(coalesce(${r}.sent_at, ${r}.created_at), 1, 10)`;
const IS_CAMPAIGN = (r: 'old' | 'new') => `${r}.kind = 'campaign' AND ${r}.campaign_id IS NOT NULL`;
const MESSAGE_ADD = (r: 'old' | 'new', sign: '+' | '-') => `
  INSERT INTO campaign_daily (campaign_id, day, sent, delivered, failed, spend_micros)
  SELECT ${r}.campaign_id, ${MESSAGE_DAY(r)}, ${sign}(${r}.sent_at IS NOT NULL), ${sign}(${r}.state = 'delivered'),
         ${sign}(${r}.state IN ('failed', 'undelivered')), ${sign}coalesce(${r}.cost_micros, 0)
  WHERE ${IS_CAMPAIGN(r)} AND (${r}.sent_at IS NOT NULL OR ${r}.state IN ('failed', 'undelivered'))
  ON CONFLICT (campaign_id, day) DO UPDATE SET sent = sent + excluded.sent, delivered = delivered + excluded.delivered,
    failed = failed + excluded.failed, spend_micros = spend_micros + excluded.spend_micros;`;

const OUTCOME_ADD = (r: 'old' | 'new', sign: '+' | '-') => `
  INSERT INTO campaign_daily (campaign_id, day, replied, clicked, opted_out)
  VALUES (${r}.campaign_id, substr(${r}.at, 1, 10), ${sign}(${r}.kind = 'replied'), ${sign}(${r}.kind = 'clicked'), ${sign}(${r}.kind = 'opted_out'))
  ON CONFLICT (campaign_id, day) DO UPDATE SET replied = replied + excluded.replied, clicked = clicked + excluded.clicked,
    opted_out = opted_out + excluded.opted_out;`;

/** The recipient counts as converted on the day of their first conversion (lowest id) for the campaign. */
const FIRST_OF_RECIPIENT = (r: 'old' | 'new') =>
  `NOT EXISTS (SELECT 1 FROM conversions c WHERE c.campaign_id = ${r}.campaign_id AND c.contact_id = ${r}.contact_id AND c.id < ${r}.id)`;

/**
 * PostgreSQL's spelling of the same roll-ups (docs/design/postgres.md): a comparison is a boolean there, counted as
 * `(…)::int`, and the existing row of an upsert is named by the table's alias.
 */
const PG_MESSAGE_ADD = (r: 'old' | 'new', sign: '+' | '-') => `
      INSERT INTO campaign_daily AS d (campaign_id, day, sent, delivered, failed, spend_micros)
      SELECT ${r}.campaign_id, ${MESSAGE_DAY(r)}, ${sign}(${r}.sent_at IS NOT NULL)::int, ${sign}(${r}.state = 'delivered')::int,
             ${sign}(${r}.state IN ('failed', 'undelivered'))::int, ${sign}coalesce(${r}.cost_micros, 0)
      WHERE ${IS_CAMPAIGN(r)} AND (${r}.sent_at IS NOT NULL OR ${r}.state IN ('failed', 'undelivered'))
      ON CONFLICT (campaign_id, day) DO UPDATE SET sent = d.sent + excluded.sent, delivered = d.delivered + excluded.delivered,
        failed = d.failed + excluded.failed, spend_micros = d.spend_micros + excluded.spend_micros;`;

const PG_OUTCOME_ADD = (r: 'old' | 'new', sign: '+' | '-') => `
      INSERT INTO campaign_daily AS d (campaign_id, day, replied, clicked, opted_out)
      VALUES (${r}.campaign_id, substr(${r}.at, 1, 10), ${sign}(${r}.kind = 'replied')::int, ${sign}(${r}.kind = 'clicked')::int,
              ${sign}(${r}.kind = 'opted_out')::int)
      ON CONFLICT (campaign_id, day) DO UPDATE SET replied = d.replied + excluded.replied, clicked = d.clicked + excluded.clicked,
        opted_out = d.opted_out + excluded.opted_out;`;

/** A trigger function named `name` running `body` (plpgsql; AFTER triggers, so it answers NULL). */
const PG_FUNCTION = (name: string, body: string) => `
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${body.trim()}
      RETURN NULL;
    END $$;`;

/**
 * Removed conversions, once per statement over all of them (a row trigger on PostgreSQL runs after the whole
 * statement, so it could not tell which of several removed conversions of one recipient was their first): the revenue
 * of each, -1 where a recipient's first conversion went, and +1 for their next remaining one, on its own day. The same
 * counts as SQLite's row trigger applied row by row.
 */
const PG_CONVERSION_DELETE = `
      WITH recipients AS (
        SELECT g.campaign_id, g.contact_id, min(g.id) AS first_gone,
               (SELECT min(c.id) FROM conversions c WHERE c.campaign_id = g.campaign_id AND c.contact_id = g.contact_id) AS next_first
        FROM gone g WHERE g.campaign_id IS NOT NULL GROUP BY g.campaign_id, g.contact_id
      )
      INSERT INTO campaign_daily AS d (campaign_id, day, converted, revenue_minor)
      SELECT campaign_id, day, sum(converted), sum(revenue_minor) FROM (
        SELECT g.campaign_id, substr(g.at, 1, 10) AS day, 0 AS converted, -g.amount_minor AS revenue_minor
          FROM gone g WHERE g.campaign_id IS NOT NULL
        UNION ALL
        SELECT g.campaign_id, substr(g.at, 1, 10), -1, 0 FROM recipients r JOIN gone g ON g.id = r.first_gone
          WHERE r.next_first IS NULL OR r.next_first > r.first_gone
        UNION ALL
        SELECT c.campaign_id, substr(c.at, 1, 10), 1, 0 FROM recipients r JOIN conversions c ON c.id = r.next_first
          WHERE r.next_first > r.first_gone
      ) x GROUP BY campaign_id, day
      ON CONFLICT (campaign_id, day) DO UPDATE SET converted = d.converted + excluded.converted,
        revenue_minor = d.revenue_minor + excluded.revenue_minor;`;

export const m0010: Migration = {
  version: 10,
  name: 'analytics',
  up(db) {
    db.exec(`
      ALTER TABLE outbox_messages ADD COLUMN price_micros INTEGER;
      ALTER TABLE outbox_messages ADD COLUMN cost_micros INTEGER;

      CREATE TABLE message_outcomes (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL REFERENCES outbox_messages(id) ON DELETE CASCADE,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        kind TEXT NOT NULL CHECK (kind IN ('replied', 'clicked', 'opted_out')),
        at TEXT NOT NULL,
        rule TEXT NOT NULL CHECK (rule IN ('delivery', 'click', 'direct')),
        click_days INTEGER NOT NULL,
        delivery_hours INTEGER NOT NULL,
        source_ref TEXT,
        -- For opt-outs: how it came (keyword, provider, manual…), for the "opt-outs by source" breakdown.
        reason TEXT,
        UNIQUE (outbox_id, kind)
      );
      CREATE INDEX message_outcomes_campaign ON message_outcomes(campaign_id, kind, at);
      CREATE INDEX message_outcomes_contact ON message_outcomes(contact_id);

      CREATE TABLE conversions_v10 (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        campaign_id INTEGER REFERENCES campaigns(id),
        outbox_id INTEGER REFERENCES outbox_messages(id) ON DELETE SET NULL,
        source TEXT NOT NULL CHECK (source IN ('manual', 'keyword', 'link', 'order', 'quickbooks')),
        source_id TEXT NOT NULL,
        amount_minor INTEGER NOT NULL DEFAULT 0,
        currency TEXT NOT NULL DEFAULT 'USD',
        order_id TEXT,
        note TEXT,
        import_id TEXT,
        inbound_message_id INTEGER REFERENCES inbound_messages(id) ON DELETE SET NULL,
        keyword TEXT,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        rule TEXT CHECK (rule IN ('delivery', 'click', 'direct')),
        click_days INTEGER,
        delivery_hours INTEGER,
        created_at TEXT NOT NULL,
        UNIQUE (source, source_id)
      );
      INSERT INTO conversions_v10 (id, contact_id, campaign_id, outbox_id, source, source_id, inbound_message_id, keyword, actor, at, rule, created_at)
        SELECT id, contact_id, campaign_id, outbox_id, source,
               CASE WHEN source = 'keyword' AND inbound_message_id IS NOT NULL THEN 'inbound:' || inbound_message_id ELSE 'ab:' || campaign_id || ':' || contact_id END,
               inbound_message_id, keyword, actor, at, 'direct', at
        FROM conversions;
      DROP TABLE conversions;
      ALTER TABLE conversions_v10 RENAME TO conversions;
      CREATE INDEX conversions_contact ON conversions(contact_id);
      CREATE INDEX conversions_campaign ON conversions(campaign_id, contact_id);
      CREATE INDEX conversions_at ON conversions(at);
      CREATE INDEX conversions_import ON conversions(import_id) WHERE import_id IS NOT NULL;

      CREATE TABLE order_imports (
        id TEXT PRIMARY KEY,
        file_name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('completed', 'undone')),
        counts_json TEXT NOT NULL,
        revenue_minor INTEGER NOT NULL,
        at TEXT NOT NULL,
        undone_at TEXT
      );
      CREATE TABLE order_import_rejects (
        import_id TEXT NOT NULL REFERENCES order_imports(id) ON DELETE CASCADE,
        row INTEGER NOT NULL,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL,
        PRIMARY KEY (import_id, row)
      ) WITHOUT ROWID;

      CREATE TABLE campaign_daily (
        campaign_id INTEGER NOT NULL,
        day TEXT NOT NULL,
        sent INTEGER NOT NULL DEFAULT 0,
        delivered INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        replied INTEGER NOT NULL DEFAULT 0,
        clicked INTEGER NOT NULL DEFAULT 0,
        opted_out INTEGER NOT NULL DEFAULT 0,
        converted INTEGER NOT NULL DEFAULT 0,
        revenue_minor INTEGER NOT NULL DEFAULT 0,
        -- Micro-units of the currency (see cost_micros): summed exactly, rounded only when shown.
        spend_micros INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, day)
      ) WITHOUT ROWID;
      CREATE INDEX campaign_daily_day ON campaign_daily(day);

      CREATE TABLE analytics_cursors (
        source TEXT PRIMARY KEY CHECK (source IN ('inbound', 'clicks', 'optouts', 'contacts')),
        last_id INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO analytics_cursors (source, last_id) VALUES ('inbound', 0), ('clicks', 0), ('optouts', 0), ('contacts', 0);

      -- List growth per UTC day: contacts added, and opt-outs of any source (filled by the ingester from its cursors).
      CREATE TABLE list_growth_daily (
        day TEXT PRIMARY KEY,
        new_contacts INTEGER NOT NULL DEFAULT 0,
        opt_outs INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;

      -- What existed before: message counts and spend (none recorded before this version), and the A/B conversions.
      INSERT INTO campaign_daily (campaign_id, day, sent, delivered, failed)
        SELECT campaign_id, substr(coalesce(sent_at, created_at), 1, 10), SUM(sent_at IS NOT NULL), SUM(state = 'delivered'), SUM(state IN ('failed', 'undelivered'))
        FROM outbox_messages WHERE kind = 'campaign' AND campaign_id IS NOT NULL AND (sent_at IS NOT NULL OR state IN ('failed', 'undelivered'))
        GROUP BY 1, 2;
      INSERT INTO campaign_daily (campaign_id, day, converted)
        SELECT campaign_id, substr(at, 1, 10), COUNT(*) FROM conversions c
        WHERE campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conversions p WHERE p.campaign_id = c.campaign_id AND p.contact_id = c.contact_id AND p.id < c.id)
        GROUP BY 1, 2
        ON CONFLICT (campaign_id, day) DO UPDATE SET converted = converted + excluded.converted;

      CREATE TRIGGER campaign_daily_outbox_update AFTER UPDATE OF state, sent_at, cost_micros ON outbox_messages
        WHEN ${IS_CAMPAIGN('new')} AND (old.state IS NOT new.state OR old.sent_at IS NOT new.sent_at OR old.cost_micros IS NOT new.cost_micros) BEGIN
        ${MESSAGE_ADD('old', '-')}
        ${MESSAGE_ADD('new', '+')}
      END;
      CREATE TRIGGER campaign_daily_outbox_delete AFTER DELETE ON outbox_messages WHEN ${IS_CAMPAIGN('old')} BEGIN
        ${MESSAGE_ADD('old', '-')}
      END;
      CREATE TRIGGER campaign_daily_outcome_insert AFTER INSERT ON message_outcomes BEGIN
        ${OUTCOME_ADD('new', '+')}
      END;
      CREATE TRIGGER campaign_daily_outcome_delete AFTER DELETE ON message_outcomes BEGIN
        ${OUTCOME_ADD('old', '-')}
      END;
      CREATE TRIGGER campaign_daily_conversion_insert AFTER INSERT ON conversions WHEN new.campaign_id IS NOT NULL BEGIN
        INSERT INTO campaign_daily (campaign_id, day, converted, revenue_minor)
        VALUES (new.campaign_id, substr(new.at, 1, 10), ${FIRST_OF_RECIPIENT('new')}, new.amount_minor)
        ON CONFLICT (campaign_id, day) DO UPDATE SET converted = converted + excluded.converted, revenue_minor = revenue_minor + excluded.revenue_minor;
      END;
      CREATE TRIGGER campaign_daily_conversion_delete AFTER DELETE ON conversions WHEN old.campaign_id IS NOT NULL BEGIN
        INSERT INTO campaign_daily (campaign_id, day, converted, revenue_minor)
        VALUES (old.campaign_id, substr(old.at, 1, 10), -(${FIRST_OF_RECIPIENT('old')}), -old.amount_minor)
        ON CONFLICT (campaign_id, day) DO UPDATE SET converted = converted + excluded.converted, revenue_minor = revenue_minor + excluded.revenue_minor;
        -- The recipient's next conversion (if any) now counts them, on its own day.
        INSERT INTO campaign_daily (campaign_id, day, converted)
        SELECT c.campaign_id, substr(c.at, 1, 10), 1 FROM conversions c
        WHERE c.campaign_id = old.campaign_id AND c.contact_id = old.contact_id AND ${FIRST_OF_RECIPIENT('old')}
          AND c.id = (SELECT min(id) FROM conversions WHERE campaign_id = old.campaign_id AND contact_id = old.contact_id)
        ON CONFLICT (campaign_id, day) DO UPDATE SET converted = converted + 1;
      END;
    `);
  },
  postgres: `
    ALTER TABLE outbox_messages ADD COLUMN price_micros bigint;
    ALTER TABLE outbox_messages ADD COLUMN cost_micros bigint;

    CREATE TABLE message_outcomes (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      outbox_id bigint NOT NULL REFERENCES outbox_messages(id) ON DELETE CASCADE,
      campaign_id bigint NOT NULL REFERENCES campaigns(id),
      contact_id bigint REFERENCES contacts(id) ON DELETE SET NULL,
      kind text NOT NULL CHECK (kind IN ('replied', 'clicked', 'opted_out')),
      at text NOT NULL,
      rule text NOT NULL CHECK (rule IN ('delivery', 'click', 'direct')),
      click_days bigint NOT NULL,
      delivery_hours bigint NOT NULL,
      source_ref text,
      reason text,
      UNIQUE (outbox_id, kind)
    );
    CREATE INDEX message_outcomes_campaign ON message_outcomes(campaign_id, kind, at);
    CREATE INDEX message_outcomes_contact ON message_outcomes(contact_id);

    -- SQLite rebuilds conversions (create, copy, drop, rename); here the same table is altered in place.
    ALTER TABLE conversions DROP CONSTRAINT conversions_campaign_id_contact_id_key;
    ALTER TABLE conversions ALTER COLUMN campaign_id DROP NOT NULL;
    ALTER TABLE conversions DROP CONSTRAINT conversions_source_check;
    ALTER TABLE conversions ADD CONSTRAINT conversions_source_check
      CHECK (source IN ('manual', 'keyword', 'link', 'order', 'quickbooks'));
    ALTER TABLE conversions
      ADD COLUMN source_id text,
      ADD COLUMN amount_minor bigint NOT NULL DEFAULT 0,
      ADD COLUMN currency text NOT NULL DEFAULT 'USD',
      ADD COLUMN order_id text,
      ADD COLUMN note text,
      ADD COLUMN import_id text,
      ADD COLUMN rule text CHECK (rule IN ('delivery', 'click', 'direct')),
      ADD COLUMN click_days bigint,
      ADD COLUMN delivery_hours bigint,
      ADD COLUMN created_at text;
    UPDATE conversions SET
      source_id = CASE WHEN source = 'keyword' AND inbound_message_id IS NOT NULL THEN 'inbound:' || inbound_message_id
                       ELSE 'ab:' || campaign_id || ':' || contact_id END,
      rule = 'direct',
      created_at = at;
    ALTER TABLE conversions ALTER COLUMN source_id SET NOT NULL, ALTER COLUMN created_at SET NOT NULL;
    ALTER TABLE conversions ADD CONSTRAINT conversions_source_source_id_key UNIQUE (source, source_id);
    CREATE INDEX conversions_campaign ON conversions(campaign_id, contact_id);
    CREATE INDEX conversions_at ON conversions(at);
    CREATE INDEX conversions_import ON conversions(import_id) WHERE import_id IS NOT NULL;

    CREATE TABLE order_imports (
      id text PRIMARY KEY,
      file_name text NOT NULL,
      status text NOT NULL CHECK (status IN ('completed', 'undone')),
      counts_json text NOT NULL,
      revenue_minor bigint NOT NULL,
      at text NOT NULL,
      undone_at text
    );
    CREATE TABLE order_import_rejects (
      import_id text NOT NULL REFERENCES order_imports(id) ON DELETE CASCADE,
      "row" bigint NOT NULL,
      reason text NOT NULL,
      raw text NOT NULL,
      PRIMARY KEY (import_id, "row")
    );

    CREATE TABLE campaign_daily (
      campaign_id bigint NOT NULL,
      day text NOT NULL,
      sent bigint NOT NULL DEFAULT 0,
      delivered bigint NOT NULL DEFAULT 0,
      failed bigint NOT NULL DEFAULT 0,
      replied bigint NOT NULL DEFAULT 0,
      clicked bigint NOT NULL DEFAULT 0,
      opted_out bigint NOT NULL DEFAULT 0,
      converted bigint NOT NULL DEFAULT 0,
      revenue_minor bigint NOT NULL DEFAULT 0,
      spend_micros bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (campaign_id, day)
    );
    CREATE INDEX campaign_daily_day ON campaign_daily(day);

    CREATE TABLE analytics_cursors (
      source text PRIMARY KEY CHECK (source IN ('inbound', 'clicks', 'optouts', 'contacts')),
      last_id bigint NOT NULL
    );
    INSERT INTO analytics_cursors (source, last_id) VALUES ('inbound', 0), ('clicks', 0), ('optouts', 0), ('contacts', 0);

    CREATE TABLE list_growth_daily (
      day text PRIMARY KEY,
      new_contacts bigint NOT NULL DEFAULT 0,
      opt_outs bigint NOT NULL DEFAULT 0
    );

    INSERT INTO campaign_daily (campaign_id, day, sent, delivered, failed)
      SELECT campaign_id, substr(coalesce(sent_at, created_at), 1, 10), SUM((sent_at IS NOT NULL)::int),
             SUM((state = 'delivered')::int), SUM((state IN ('failed', 'undelivered'))::int)
      FROM outbox_messages WHERE kind = 'campaign' AND campaign_id IS NOT NULL AND (sent_at IS NOT NULL OR state IN ('failed', 'undelivered'))
      GROUP BY 1, 2;
    INSERT INTO campaign_daily AS d (campaign_id, day, converted)
      SELECT campaign_id, substr(at, 1, 10), COUNT(*) FROM conversions c
      WHERE campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conversions p WHERE p.campaign_id = c.campaign_id AND p.contact_id = c.contact_id AND p.id < c.id)
      GROUP BY 1, 2
      ON CONFLICT (campaign_id, day) DO UPDATE SET converted = d.converted + excluded.converted;

    ${PG_FUNCTION('campaign_daily_outbox_update', PG_MESSAGE_ADD('old', '-') + PG_MESSAGE_ADD('new', '+'))}
    CREATE TRIGGER campaign_daily_outbox_update AFTER UPDATE OF state, sent_at, cost_micros ON outbox_messages
      FOR EACH ROW WHEN (${IS_CAMPAIGN('new')} AND (old.state IS DISTINCT FROM new.state
        OR old.sent_at IS DISTINCT FROM new.sent_at OR old.cost_micros IS DISTINCT FROM new.cost_micros))
      EXECUTE FUNCTION campaign_daily_outbox_update();
    ${PG_FUNCTION('campaign_daily_outbox_delete', PG_MESSAGE_ADD('old', '-'))}
    CREATE TRIGGER campaign_daily_outbox_delete AFTER DELETE ON outbox_messages
      FOR EACH ROW WHEN (${IS_CAMPAIGN('old')}) EXECUTE FUNCTION campaign_daily_outbox_delete();
    ${PG_FUNCTION('campaign_daily_outcome_insert', PG_OUTCOME_ADD('new', '+'))}
    CREATE TRIGGER campaign_daily_outcome_insert AFTER INSERT ON message_outcomes
      FOR EACH ROW EXECUTE FUNCTION campaign_daily_outcome_insert();
    ${PG_FUNCTION('campaign_daily_outcome_delete', PG_OUTCOME_ADD('old', '-'))}
    CREATE TRIGGER campaign_daily_outcome_delete AFTER DELETE ON message_outcomes
      FOR EACH ROW EXECUTE FUNCTION campaign_daily_outcome_delete();
    ${PG_FUNCTION(
      'campaign_daily_conversion_insert',
      `INSERT INTO campaign_daily AS d (campaign_id, day, converted, revenue_minor)
      VALUES (new.campaign_id, substr(new.at, 1, 10), (${FIRST_OF_RECIPIENT('new')})::int, new.amount_minor)
      ON CONFLICT (campaign_id, day) DO UPDATE SET converted = d.converted + excluded.converted,
        revenue_minor = d.revenue_minor + excluded.revenue_minor;`,
    )}
    CREATE TRIGGER campaign_daily_conversion_insert AFTER INSERT ON conversions
      FOR EACH ROW WHEN (new.campaign_id IS NOT NULL) EXECUTE FUNCTION campaign_daily_conversion_insert();
    ${PG_FUNCTION('campaign_daily_conversion_delete', PG_CONVERSION_DELETE)}
    CREATE TRIGGER campaign_daily_conversion_delete AFTER DELETE ON conversions
      REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION campaign_daily_conversion_delete();
  `,
};
