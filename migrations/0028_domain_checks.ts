import type { Migration } from './types';

/**
 * The last deliverability check of each sending domain (issue 18, point 5): what Settings → E-mail → "Check my
 * domain" found, kept so the launch dialog can warn about a large Gmail send without asking DNS again. One row per
 * domain, replaced by each check.
 */
export const m0028: Migration = {
  version: 28,
  name: 'domain_checks',
  up(db) {
    db.exec(`
      CREATE TABLE domain_checks (
        domain TEXT PRIMARY KEY,
        dkim_selector TEXT NOT NULL DEFAULT '',
        spf TEXT,
        dkim TEXT,
        dmarc TEXT,
        problems_json TEXT NOT NULL DEFAULT '[]',
        checked_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
  postgres: `
    CREATE TABLE domain_checks (
      domain text PRIMARY KEY,
      dkim_selector text NOT NULL DEFAULT '',
      spf text,
      dkim text,
      dmarc text,
      problems_json text NOT NULL DEFAULT '[]',
      checked_at text NOT NULL
    );
  `,
};
