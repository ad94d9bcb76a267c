import type { Migration } from './types';

/**
 * Predictions (issue 14, point 6): how each model did on its holdout when last trained, and each contact's scores.
 * A contact's row is replaced whenever the models are trained again; `opt_out_high` is what the audience filter
 * "exclude high opt-out risk" reads (set only while the opt-out model beats the base rate).
 */
export const m0015: Migration = {
  version: 15,
  name: 'predictions',
  up(db) {
    db.exec(`
      CREATE TABLE prediction_models (
        target TEXT PRIMARY KEY CHECK (target IN ('reply', 'optOut')),
        trained_at TEXT NOT NULL,
        auc REAL,
        base_rate REAL,
        usable INTEGER NOT NULL CHECK (usable IN (0, 1)),
        holdout INTEGER NOT NULL,
        holdout_events INTEGER NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE TABLE contact_predictions (
        contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
        reply_probability REAL,
        opt_out_risk REAL,
        opt_out_high INTEGER NOT NULL DEFAULT 0 CHECK (opt_out_high IN (0, 1)),
        scored_at TEXT NOT NULL
      );
      CREATE INDEX contact_predictions_reply ON contact_predictions (reply_probability DESC) WHERE reply_probability IS NOT NULL;
      CREATE INDEX contact_predictions_opt_out ON contact_predictions (opt_out_risk DESC) WHERE opt_out_risk IS NOT NULL;
    `);
  },
  postgres: `
    CREATE TABLE prediction_models (
      target text PRIMARY KEY CHECK (target IN ('reply', 'optOut')),
      trained_at text NOT NULL,
      auc double precision,
      base_rate double precision,
      usable integer NOT NULL CHECK (usable IN (0, 1)),
      holdout bigint NOT NULL,
      holdout_events bigint NOT NULL,
      reason text NOT NULL
    );
    CREATE TABLE contact_predictions (
      contact_id bigint PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
      reply_probability double precision,
      opt_out_risk double precision,
      opt_out_high integer NOT NULL DEFAULT 0 CHECK (opt_out_high IN (0, 1)),
      scored_at text NOT NULL
    );
    CREATE INDEX contact_predictions_reply ON contact_predictions (reply_probability DESC) WHERE reply_probability IS NOT NULL;
    CREATE INDEX contact_predictions_opt_out ON contact_predictions (opt_out_risk DESC) WHERE opt_out_risk IS NOT NULL;
  `,
};
