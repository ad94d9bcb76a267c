import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuildAll } from '../../../electron/analytics/rebuild';
import { openDatabase } from '../../../electron/db/connection';
import { migrate } from '../../../electron/db/migrator';
import { migrations } from '../../../migrations';
import { tempDir } from '../../helpers/db';

const now = () => new Date('2026-12-07T12:00:00Z');
const read = (db: ReturnType<typeof openDatabase>) =>
  db.prepare('SELECT * FROM campaign_daily ORDER BY campaign_id, day, channel').all();

/**
 * Migration 0032 puts the channel into the daily roll-ups of a database that already has results: a text campaign's
 * rows are copied as texts, a multi-channel campaign's are recomputed per channel — both equal to a full rebuild.
 */
describe('migration 0032 (roll-ups per channel)', () => {
  it('upgrades roll-ups kept by the old triggers to the same figures a rebuild per channel gives', async () => {
    const t = tempDir();
    const path = join(t.dir, 'v28.sqlite');
    const db = openDatabase(path);
    try {
      await migrate(db, migrations, { dbPath: path, now, target: 28 });
      const at = '2026-12-02T19:00:00.000Z';
      db.exec(`
        INSERT INTO contacts (id, phone, created_at, updated_at) VALUES
          (1, '+14155550101', '${at}', '${at}'), (2, '+14155550102', '${at}', '${at}'), (3, '+14155550103', '${at}', '${at}');
        INSERT INTO campaigns (id, name, body, provider, status, created_at, updated_at, channels_json) VALUES
          (1, 'Texts', 'Hi. Reply STOP to opt out', 'sandbox', 'completed', '${at}', '${at}', NULL),
          (2, 'Text else e-mail else call', 'Hi. Reply STOP to opt out', 'sandbox', 'completed', '${at}', '${at}', '["sms","email","voice"]');
        INSERT INTO outbox_messages (id, campaign_id, contact_id, kind, to_phone, body, provider, state, channel, created_at, updated_at) VALUES
          (1, 1, 1, 'campaign', '+14155550101', 'Hi', 'sandbox', 'queued', 'sms', '${at}', '${at}'),
          (2, 1, 2, 'campaign', '+14155550102', 'Hi', 'sandbox', 'queued', 'sms', '${at}', '${at}'),
          (3, 2, 1, 'campaign', '+14155550101', 'Hi', 'sandbox', 'queued', 'sms', '${at}', '${at}'),
          (4, 2, 2, 'campaign', '+14155550102', 'Hi', 'sandbox_email', 'queued', 'email', '${at}', '${at}'),
          (5, 2, 3, 'campaign', '+14155550103', 'Hi', 'sandbox_voice', 'queued', 'voice', '${at}', '${at}');
        UPDATE outbox_messages SET state = 'delivered', sent_at = '${at}', delivered_at = '${at}', cost_micros = 7900 * id;
        UPDATE outbox_messages SET state = 'undelivered' WHERE id = 5;
        INSERT INTO message_outcomes (outbox_id, campaign_id, contact_id, kind, at, rule, click_days, delivery_hours) VALUES
          (1, 1, 1, 'replied', '2026-12-02T20:00:00.000Z', 'delivery', 5, 24),
          (3, 2, 1, 'replied', '2026-12-02T20:00:00.000Z', 'delivery', 5, 24),
          (4, 2, 2, 'clicked', '2026-12-03T09:00:00.000Z', 'direct', 5, 24),
          (4, 2, 2, 'opted_out', '2026-12-03T10:00:00.000Z', 'delivery', 5, 24);
        INSERT INTO conversions (contact_id, campaign_id, outbox_id, source, source_id, amount_minor, actor, at, rule, created_at) VALUES
          (2, 1, 2, 'manual', 'a', 1500, 'test', '2026-12-03T08:00:00.000Z', 'delivery', '${at}'),
          (2, 2, 4, 'manual', 'b', 2500, 'test', '2026-12-03T09:30:00.000Z', 'click', '${at}'),
          (2, 2, 4, 'manual', 'c', 500, 'test', '2026-12-04T09:30:00.000Z', 'click', '${at}'),
          (3, 2, NULL, 'manual', 'd', 700, 'test', '2026-12-03T11:00:00.000Z', 'direct', '${at}');
      `);
      const before = db
        .prepare(
          'SELECT SUM(sent) AS sent, SUM(replied) AS replied, SUM(converted) AS converted, SUM(revenue_minor) AS revenue FROM campaign_daily',
        )
        .get();

      await migrate(db, migrations, { dbPath: path, now });
      const migrated = read(db);
      expect(
        db
          .prepare(
            'SELECT SUM(sent) AS sent, SUM(replied) AS replied, SUM(converted) AS converted, SUM(revenue_minor) AS revenue FROM campaign_daily',
          )
          .get(),
      ).toEqual(before);
      // The multi-channel campaign per channel: the text replied, the e-mail was clicked, unsubscribed and bought
      // twice (one recipient: converted once); the call failed; the sale without a message is the texts'.
      expect(
        db
          .prepare(
            `SELECT channel, SUM(sent) AS sent, SUM(failed) AS failed, SUM(replied) AS replied, SUM(clicked) AS clicked, SUM(opted_out) AS optedOut,
                    SUM(converted) AS converted, SUM(revenue_minor) AS revenue, SUM(spend_micros) AS spend
             FROM campaign_daily WHERE campaign_id = 2 GROUP BY channel ORDER BY channel`,
          )
          .all(),
      ).toEqual([
        {
          channel: 'email',
          sent: 1,
          failed: 0,
          replied: 0,
          clicked: 1,
          optedOut: 1,
          converted: 1,
          revenue: 3000,
          spend: 31_600,
        },
        {
          channel: 'sms',
          sent: 1,
          failed: 0,
          replied: 1,
          clicked: 0,
          optedOut: 0,
          converted: 1,
          revenue: 700,
          spend: 23_700,
        },
        {
          channel: 'voice',
          sent: 1,
          failed: 1,
          replied: 0,
          clicked: 0,
          optedOut: 0,
          converted: 0,
          revenue: 0,
          spend: 39_500,
        },
      ]);
      rebuildAll(db);
      expect(read(db)).toEqual(migrated);
    } finally {
      db.close();
      t.cleanup();
    }
  });
});
