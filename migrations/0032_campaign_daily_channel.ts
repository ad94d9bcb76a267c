import type { Migration } from './types';

/**
 * The daily roll-ups per channel (issue 18 point 7: analytics per channel and across channels).
 * campaign_daily (migration 0010) gains `channel` in its key: (campaign, UTC day, channel). Every read that summed a
 * campaign's or a day's rows still does (a text campaign has one channel, so the same rows); a read per channel
 * filters or groups on it. The definitions are 0010's, each figure on the channel of its message:
 * - sent / delivered / failed / spend: the message's own channel;
 * - replies, clicks, opt-outs: the channel of the message the outcome is attributed to;
 * - converted / revenue: the channel of the message the conversion is attributed to (a conversion attributed without
 *   a message, a direct mark, belongs to the campaign's texts, as campaign results per channel say); a recipient
 *   converts once per campaign, on the channel of their first conversion (lowest id).
 * The channels of a campaign and day add up to what the single row held. Outbox rows are never deleted while they
 * have outcomes (outcomes cascade from them): the look-up of a message's channel falls back to 'sms' only for a
 * row that is gone.
 *
 * Existing rows: a campaign without channels_json sends texts only (campaigns model: NULL means SMS), so its rows
 * are copied as 'sms'; the few multi-channel campaigns (issue 18 is new) are recomputed set-based from their messages,
 * outcomes and conversions. `analytics rebuild` recomputes everything the same way (electron/analytics/rebuild.ts).
 */
const MESSAGE_DAY = (r: 'old' | 'new') => `substr(coalesce(${r}.sent_at, ${r}.created_at), 1, 10)`;
const IS_CAMPAIGN = (r: 'old' | 'new') => `${r}.kind = 'campaign' AND ${r}.campaign_id IS NOT NULL`;
const CHANNEL_OF = (outboxId: string) =>
  `coalesce((SELECT channel FROM outbox_messages WHERE id = ${outboxId}), 'sms')`;
const KEY = 'ON CONFLICT (campaign_id, day, channel)';

const MESSAGE_ADD = (r: 'old' | 'new', sign: '+' | '-') => `
  INSERT INTO campaign_daily (campaign_id, day, channel, sent, delivered, failed, spend_micros)
  SELECT ${r}.campaign_id, ${MESSAGE_DAY(r)}, ${r}.channel, ${sign}(${r}.sent_at IS NOT NULL), ${sign}(${r}.state = 'delivered'),
         ${sign}(${r}.state IN ('failed', 'undelivered')), ${sign}coalesce(${r}.cost_micros, 0)
  WHERE ${IS_CAMPAIGN(r)} AND (${r}.sent_at IS NOT NULL OR ${r}.state IN ('failed', 'undelivered'))
  ${KEY} DO UPDATE SET sent = sent + excluded.sent, delivered = delivered + excluded.delivered,
    failed = failed + excluded.failed, spend_micros = spend_micros + excluded.spend_micros;`;

const OUTCOME_ADD = (r: 'old' | 'new', sign: '+' | '-') => `
  INSERT INTO campaign_daily (campaign_id, day, channel, replied, clicked, opted_out)
  VALUES (${r}.campaign_id, substr(${r}.at, 1, 10), ${CHANNEL_OF(`${r}.outbox_id`)}, ${sign}(${r}.kind = 'replied'),
          ${sign}(${r}.kind = 'clicked'), ${sign}(${r}.kind = 'opted_out'))
  ${KEY} DO UPDATE SET replied = replied + excluded.replied, clicked = clicked + excluded.clicked,
    opted_out = opted_out + excluded.opted_out;`;

/** The recipient counts as converted on the day and channel of their first conversion (lowest id) for the campaign. */
const FIRST_OF_RECIPIENT = (r: 'old' | 'new') =>
  `NOT EXISTS (SELECT 1 FROM conversions c WHERE c.campaign_id = ${r}.campaign_id AND c.contact_id = ${r}.contact_id AND c.id < ${r}.id)`;

/** 0010's recomputation, per channel, for the campaigns `scope` selects (an SQL condition on campaign_id). */
const RECOMPUTE = (scope: string) => `
  INSERT INTO campaign_daily (campaign_id, day, channel, sent, delivered, failed, spend_micros)
    SELECT campaign_id, substr(coalesce(sent_at, created_at), 1, 10), channel, SUM(sent_at IS NOT NULL), SUM(state = 'delivered'),
           SUM(state IN ('failed', 'undelivered')), SUM(coalesce(cost_micros, 0))
    FROM outbox_messages
    WHERE ${scope} AND kind = 'campaign' AND (sent_at IS NOT NULL OR state IN ('failed', 'undelivered'))
    GROUP BY 1, 2, 3;
  INSERT INTO campaign_daily (campaign_id, day, channel, replied, clicked, opted_out)
    SELECT o.campaign_id, substr(o.at, 1, 10), coalesce(m.channel, 'sms'), SUM(o.kind = 'replied'), SUM(o.kind = 'clicked'), SUM(o.kind = 'opted_out')
    FROM message_outcomes o LEFT JOIN outbox_messages m ON m.id = o.outbox_id WHERE o.${scope} GROUP BY 1, 2, 3
  ${KEY} DO UPDATE SET replied = excluded.replied, clicked = excluded.clicked, opted_out = excluded.opted_out;
  INSERT INTO campaign_daily (campaign_id, day, channel, converted, revenue_minor)
    SELECT c.campaign_id, substr(c.at, 1, 10), coalesce(m.channel, 'sms'),
           SUM(NOT EXISTS (SELECT 1 FROM conversions p WHERE p.campaign_id = c.campaign_id AND p.contact_id = c.contact_id AND p.id < c.id)),
           SUM(c.amount_minor)
    FROM conversions c LEFT JOIN outbox_messages m ON m.id = c.outbox_id WHERE c.${scope} GROUP BY 1, 2, 3
  ${KEY} DO UPDATE SET converted = excluded.converted, revenue_minor = excluded.revenue_minor;`;

/**
 * PostgreSQL's spelling (docs/design/postgres.md): comparisons counted as `(…)::int`, the existing row of an upsert
 * named by the table's alias. The trigger functions of 0010 are replaced in place (their triggers stay).
 */
const PG_KEY = 'AS d (campaign_id, day, channel';
const PG_MESSAGE_ADD = (r: 'old' | 'new', sign: '+' | '-') => `
      INSERT INTO campaign_daily ${PG_KEY}, sent, delivered, failed, spend_micros)
      SELECT ${r}.campaign_id, ${MESSAGE_DAY(r)}, ${r}.channel, ${sign}(${r}.sent_at IS NOT NULL)::int,
             ${sign}(${r}.state = 'delivered')::int, ${sign}(${r}.state IN ('failed', 'undelivered'))::int,
             ${sign}coalesce(${r}.cost_micros, 0)
      WHERE ${IS_CAMPAIGN(r)} AND (${r}.sent_at IS NOT NULL OR ${r}.state IN ('failed', 'undelivered'))
      ${KEY} DO UPDATE SET sent = d.sent + excluded.sent, delivered = d.delivered + excluded.delivered,
        failed = d.failed + excluded.failed, spend_micros = d.spend_micros + excluded.spend_micros;`;

const PG_OUTCOME_ADD = (r: 'old' | 'new', sign: '+' | '-') => `
      INSERT INTO campaign_daily ${PG_KEY}, replied, clicked, opted_out)
      VALUES (${r}.campaign_id, substr(${r}.at, 1, 10), ${CHANNEL_OF(`${r}.outbox_id`)}, ${sign}(${r}.kind = 'replied')::int,
              ${sign}(${r}.kind = 'clicked')::int, ${sign}(${r}.kind = 'opted_out')::int)
      ${KEY} DO UPDATE SET replied = d.replied + excluded.replied, clicked = d.clicked + excluded.clicked,
        opted_out = d.opted_out + excluded.opted_out;`;

const PG_RECOMPUTE = (scope: string) => `
    INSERT INTO campaign_daily (campaign_id, day, channel, sent, delivered, failed, spend_micros)
      SELECT campaign_id, substr(coalesce(sent_at, created_at), 1, 10), channel, SUM((sent_at IS NOT NULL)::int),
             SUM((state = 'delivered')::int), SUM((state IN ('failed', 'undelivered'))::int), SUM(coalesce(cost_micros, 0))
      FROM outbox_messages
      WHERE ${scope} AND kind = 'campaign' AND (sent_at IS NOT NULL OR state IN ('failed', 'undelivered'))
      GROUP BY 1, 2, 3;
    INSERT INTO campaign_daily ${PG_KEY}, replied, clicked, opted_out)
      SELECT o.campaign_id, substr(o.at, 1, 10), coalesce(m.channel, 'sms'), SUM((o.kind = 'replied')::int),
             SUM((o.kind = 'clicked')::int), SUM((o.kind = 'opted_out')::int)
      FROM message_outcomes o LEFT JOIN outbox_messages m ON m.id = o.outbox_id WHERE o.${scope} GROUP BY 1, 2, 3
    ${KEY} DO UPDATE SET replied = excluded.replied, clicked = excluded.clicked, opted_out = excluded.opted_out;
    INSERT INTO campaign_daily ${PG_KEY}, converted, revenue_minor)
      SELECT c.campaign_id, substr(c.at, 1, 10), coalesce(m.channel, 'sms'),
             SUM((NOT EXISTS (SELECT 1 FROM conversions p WHERE p.campaign_id = c.campaign_id AND p.contact_id = c.contact_id AND p.id < c.id))::int),
             SUM(c.amount_minor)
      FROM conversions c LEFT JOIN outbox_messages m ON m.id = c.outbox_id WHERE c.${scope} GROUP BY 1, 2, 3
    ${KEY} DO UPDATE SET converted = excluded.converted, revenue_minor = excluded.revenue_minor;`;

/** 0010's statement-level delete of conversions, per channel (see there why once per statement). */
const PG_CONVERSION_DELETE = `
      WITH recipients AS (
        SELECT g.campaign_id, g.contact_id, min(g.id) AS first_gone,
               (SELECT min(c.id) FROM conversions c WHERE c.campaign_id = g.campaign_id AND c.contact_id = g.contact_id) AS next_first
        FROM gone g WHERE g.campaign_id IS NOT NULL GROUP BY g.campaign_id, g.contact_id
      )
      INSERT INTO campaign_daily ${PG_KEY}, converted, revenue_minor)
      SELECT campaign_id, day, channel, sum(converted), sum(revenue_minor) FROM (
        SELECT g.campaign_id, substr(g.at, 1, 10) AS day, ${CHANNEL_OF('g.outbox_id')} AS channel, 0 AS converted,
               -g.amount_minor AS revenue_minor
          FROM gone g WHERE g.campaign_id IS NOT NULL
        UNION ALL
        SELECT g.campaign_id, substr(g.at, 1, 10), ${CHANNEL_OF('g.outbox_id')}, -1, 0
          FROM recipients r JOIN gone g ON g.id = r.first_gone
          WHERE r.next_first IS NULL OR r.next_first > r.first_gone
        UNION ALL
        SELECT c.campaign_id, substr(c.at, 1, 10), ${CHANNEL_OF('c.outbox_id')}, 1, 0
          FROM recipients r JOIN conversions c ON c.id = r.next_first
          WHERE r.next_first > r.first_gone
      ) x GROUP BY campaign_id, day, channel
      ${KEY} DO UPDATE SET converted = d.converted + excluded.converted,
        revenue_minor = d.revenue_minor + excluded.revenue_minor;`;

/** Replaces the body of 0010's trigger function `name`. */
const PG_FUNCTION = (name: string, body: string) => `
    CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${body.trim()}
      RETURN NULL;
    END $$;`;

const MULTI_CHANNEL = `campaign_id IN (SELECT id FROM campaigns WHERE channels_json IS NOT NULL)`;

export const m0032: Migration = {
  version: 32,
  name: 'campaign_daily_channel',
  up(db) {
    const multiChannel = `campaign_id IN (SELECT id FROM campaigns WHERE channels_json IS NOT NULL)`;
    db.exec(`
      DROP TRIGGER campaign_daily_outbox_update;
      DROP TRIGGER campaign_daily_outbox_delete;
      DROP TRIGGER campaign_daily_outcome_insert;
      DROP TRIGGER campaign_daily_outcome_delete;
      DROP TRIGGER campaign_daily_conversion_insert;
      DROP TRIGGER campaign_daily_conversion_delete;

      CREATE TABLE campaign_daily_v32 (
        campaign_id INTEGER NOT NULL,
        day TEXT NOT NULL,
        -- Rows written without a channel are texts, as every row was before channels.
        channel TEXT NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email', 'voice')),
        sent INTEGER NOT NULL DEFAULT 0,
        delivered INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        replied INTEGER NOT NULL DEFAULT 0,
        clicked INTEGER NOT NULL DEFAULT 0,
        opted_out INTEGER NOT NULL DEFAULT 0,
        converted INTEGER NOT NULL DEFAULT 0,
        revenue_minor INTEGER NOT NULL DEFAULT 0,
        spend_micros INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, day, channel)
      ) WITHOUT ROWID;
      INSERT INTO campaign_daily_v32
        (campaign_id, day, channel, sent, delivered, failed, replied, clicked, opted_out, converted, revenue_minor, spend_micros)
        SELECT campaign_id, day, 'sms', sent, delivered, failed, replied, clicked, opted_out, converted, revenue_minor, spend_micros
        FROM campaign_daily WHERE NOT ${multiChannel};
      DROP TABLE campaign_daily;
      ALTER TABLE campaign_daily_v32 RENAME TO campaign_daily;
      CREATE INDEX campaign_daily_day ON campaign_daily(day);
      ${RECOMPUTE(multiChannel)}

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
        INSERT INTO campaign_daily (campaign_id, day, channel, converted, revenue_minor)
        VALUES (new.campaign_id, substr(new.at, 1, 10), ${CHANNEL_OF('new.outbox_id')}, ${FIRST_OF_RECIPIENT('new')}, new.amount_minor)
        ${KEY} DO UPDATE SET converted = converted + excluded.converted, revenue_minor = revenue_minor + excluded.revenue_minor;
      END;
      CREATE TRIGGER campaign_daily_conversion_delete AFTER DELETE ON conversions WHEN old.campaign_id IS NOT NULL BEGIN
        INSERT INTO campaign_daily (campaign_id, day, channel, converted, revenue_minor)
        VALUES (old.campaign_id, substr(old.at, 1, 10), ${CHANNEL_OF('old.outbox_id')}, -(${FIRST_OF_RECIPIENT('old')}), -old.amount_minor)
        ${KEY} DO UPDATE SET converted = converted + excluded.converted, revenue_minor = revenue_minor + excluded.revenue_minor;
        -- The recipient's next conversion (if any) now counts them, on its own day and channel.
        INSERT INTO campaign_daily (campaign_id, day, channel, converted)
        SELECT c.campaign_id, substr(c.at, 1, 10), ${CHANNEL_OF('c.outbox_id')}, 1 FROM conversions c
        WHERE c.campaign_id = old.campaign_id AND c.contact_id = old.contact_id AND ${FIRST_OF_RECIPIENT('old')}
          AND c.id = (SELECT min(id) FROM conversions WHERE campaign_id = old.campaign_id AND contact_id = old.contact_id)
        ${KEY} DO UPDATE SET converted = converted + 1;
      END;
    `);
  },
  postgres: `
    -- SQLite rebuilds campaign_daily with channel in its key; here the column and the key are altered in place.
    ALTER TABLE campaign_daily ADD COLUMN channel text NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'email', 'voice'));
    ALTER TABLE campaign_daily DROP CONSTRAINT campaign_daily_pkey, ADD PRIMARY KEY (campaign_id, day, channel);
    DELETE FROM campaign_daily WHERE ${MULTI_CHANNEL};
    ${PG_RECOMPUTE(MULTI_CHANNEL)}

    ${PG_FUNCTION('campaign_daily_outbox_update', PG_MESSAGE_ADD('old', '-') + PG_MESSAGE_ADD('new', '+'))}
    ${PG_FUNCTION('campaign_daily_outbox_delete', PG_MESSAGE_ADD('old', '-'))}
    ${PG_FUNCTION('campaign_daily_outcome_insert', PG_OUTCOME_ADD('new', '+'))}
    ${PG_FUNCTION('campaign_daily_outcome_delete', PG_OUTCOME_ADD('old', '-'))}
    ${PG_FUNCTION(
      'campaign_daily_conversion_insert',
      `INSERT INTO campaign_daily ${PG_KEY}, converted, revenue_minor)
      VALUES (new.campaign_id, substr(new.at, 1, 10), ${CHANNEL_OF('new.outbox_id')}, (${FIRST_OF_RECIPIENT('new')})::int,
              new.amount_minor)
      ${KEY} DO UPDATE SET converted = d.converted + excluded.converted, revenue_minor = d.revenue_minor + excluded.revenue_minor;`,
    )}
    ${PG_FUNCTION('campaign_daily_conversion_delete', PG_CONVERSION_DELETE)}
  `,
};
