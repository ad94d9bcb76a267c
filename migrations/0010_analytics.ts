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
};
