import type { Migration } from './types';

/**
 * Attributed conversions and their revenue per UTC day and source (issue 13, the dashboard's "revenue by source").
 * The dashboard summed them from the conversions themselves: ~110,000 rows for a year at ten million messages, the
 * largest read of its first (cold) load. Kept by the triggers below as conversions are added, changed or removed
 * (bounded work per event, like campaign_daily of migration 0010), and recomputed by `analytics rebuild`.
 * Only conversions attributed to a campaign count, by the day they happened.
 */
const ADD = (r: 'old' | 'new', sign: '+' | '-') => `
  INSERT INTO conversion_source_daily (day, source, conversions, revenue_minor)
  SELECT substr(${r}.at, 1, 10), ${r}.source, ${sign}1, ${sign}${r}.amount_minor WHERE ${r}.campaign_id IS NOT NULL
  ON CONFLICT (day, source) DO UPDATE SET conversions = conversions + excluded.conversions,
    revenue_minor = revenue_minor + excluded.revenue_minor;`;

/** The same on PostgreSQL: a trigger function's statement, the existing row named by the table's alias. */
const PG_ADD = (r: 'old' | 'new', sign: '+' | '-') => `
      INSERT INTO conversion_source_daily AS d (day, source, conversions, revenue_minor)
      SELECT substr(${r}.at, 1, 10), ${r}.source, ${sign}1, ${sign}${r}.amount_minor WHERE ${r}.campaign_id IS NOT NULL
      ON CONFLICT (day, source) DO UPDATE SET conversions = d.conversions + excluded.conversions,
        revenue_minor = d.revenue_minor + excluded.revenue_minor;`;

const PG_FUNCTION = (name: string, body: string) => `
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${body.trim()}
      RETURN NULL;
    END $$;`;

export const m0025: Migration = {
  version: 25,
  name: 'conversion_source_daily',
  up(db) {
    db.exec(`
      CREATE TABLE conversion_source_daily (
        day TEXT NOT NULL,
        source TEXT NOT NULL,
        conversions INTEGER NOT NULL DEFAULT 0,
        revenue_minor INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, source)
      ) WITHOUT ROWID;
      INSERT INTO conversion_source_daily (day, source, conversions, revenue_minor)
        SELECT substr(at, 1, 10), source, COUNT(*), SUM(amount_minor) FROM conversions WHERE campaign_id IS NOT NULL
        GROUP BY 1, 2;

      CREATE TRIGGER conversion_source_daily_insert AFTER INSERT ON conversions WHEN new.campaign_id IS NOT NULL BEGIN
        ${ADD('new', '+')}
      END;
      CREATE TRIGGER conversion_source_daily_delete AFTER DELETE ON conversions WHEN old.campaign_id IS NOT NULL BEGIN
        ${ADD('old', '-')}
      END;
      CREATE TRIGGER conversion_source_daily_update AFTER UPDATE OF campaign_id, source, at, amount_minor ON conversions
        WHEN old.campaign_id IS NOT new.campaign_id OR old.source IS NOT new.source OR old.at IS NOT new.at
          OR old.amount_minor IS NOT new.amount_minor BEGIN
        ${ADD('old', '-')}
        ${ADD('new', '+')}
      END;
    `);
  },
  postgres: `
    CREATE TABLE conversion_source_daily (
      day text NOT NULL,
      source text NOT NULL,
      conversions bigint NOT NULL DEFAULT 0,
      revenue_minor bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (day, source)
    );
    INSERT INTO conversion_source_daily (day, source, conversions, revenue_minor)
      SELECT substr(at, 1, 10), source, COUNT(*), SUM(amount_minor) FROM conversions WHERE campaign_id IS NOT NULL
      GROUP BY 1, 2;

    ${PG_FUNCTION('conversion_source_daily_insert', PG_ADD('new', '+'))}
    CREATE TRIGGER conversion_source_daily_insert AFTER INSERT ON conversions
      FOR EACH ROW WHEN (new.campaign_id IS NOT NULL) EXECUTE FUNCTION conversion_source_daily_insert();
    ${PG_FUNCTION('conversion_source_daily_delete', PG_ADD('old', '-'))}
    CREATE TRIGGER conversion_source_daily_delete AFTER DELETE ON conversions
      FOR EACH ROW WHEN (old.campaign_id IS NOT NULL) EXECUTE FUNCTION conversion_source_daily_delete();
    ${PG_FUNCTION('conversion_source_daily_update', PG_ADD('old', '-') + PG_ADD('new', '+'))}
    CREATE TRIGGER conversion_source_daily_update AFTER UPDATE OF campaign_id, source, at, amount_minor ON conversions
      FOR EACH ROW WHEN (old.campaign_id IS DISTINCT FROM new.campaign_id OR old.source IS DISTINCT FROM new.source
        OR old.at IS DISTINCT FROM new.at OR old.amount_minor IS DISTINCT FROM new.amount_minor)
      EXECUTE FUNCTION conversion_source_daily_update();
  `,
};
