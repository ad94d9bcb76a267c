import type { Migration } from './types';

/**
 * Outbox counts by campaign and state, kept by triggers. The campaign list, a campaign's status, its progress
 * events (five a second while sending) and the monitoring dashboard all show how many messages are in each state;
 * counting them in outbox_messages reads every row of the campaign — 200 ms of the main thread at a million
 * messages, each time. Here each is one small row, always exact, since every insert, state change and delete of an
 * outbox row updates it in the same transaction.
 *
 * campaign_key is the campaign for campaign messages and 0 for everything else (replies, confirmations, help).
 * A message's campaign and kind never change once written, so only its state is followed. Campaign messages are
 * written only by the campaign snapshot, which adds what each chunk inserted itself (electron/campaigns/snapshot.ts): a trigger
 * running for each of a million inserted rows would cost the snapshot a fifth of its time.
 */
const KEY = (row: 'new' | 'old') =>
  `CASE WHEN ${row}.kind = 'campaign' THEN coalesce(${row}.campaign_id, 0) ELSE 0 END`;

const ADD = (row: 'new') =>
  `INSERT INTO outbox_state_counts (campaign_key, state, n) VALUES (${KEY(row)}, ${row}.state, 1) ON CONFLICT (campaign_key, state) DO UPDATE SET n = n + 1;`;

/** PostgreSQL's ADD: the existing row is named by the table's alias (an unqualified column would be ambiguous). */
const PG_ADD = (row: 'new') =>
  `INSERT INTO outbox_state_counts AS s (campaign_key, state, n) VALUES (${KEY(row)}, ${row}.state, 1) ON CONFLICT (campaign_key, state) DO UPDATE SET n = s.n + 1;`;

export const m0008: Migration = {
  version: 8,
  name: 'outbox_state_counts',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_state_counts (
        campaign_key INTEGER NOT NULL,
        state TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (campaign_key, state)
      ) WITHOUT ROWID;
      INSERT INTO outbox_state_counts (campaign_key, state, n)
        SELECT CASE WHEN kind = 'campaign' THEN coalesce(campaign_id, 0) ELSE 0 END, state, COUNT(*) FROM outbox_messages GROUP BY 1, 2;

      CREATE TRIGGER outbox_count_insert AFTER INSERT ON outbox_messages WHEN new.kind <> 'campaign' BEGIN
        ${ADD('new')}
      END;
      CREATE TRIGGER outbox_count_update AFTER UPDATE OF state ON outbox_messages WHEN old.state IS NOT new.state BEGIN
        UPDATE outbox_state_counts SET n = n - 1 WHERE campaign_key = ${KEY('old')} AND state = old.state;
        ${ADD('new')}
      END;
      CREATE TRIGGER outbox_count_delete AFTER DELETE ON outbox_messages BEGIN
        UPDATE outbox_state_counts SET n = n - 1 WHERE campaign_key = ${KEY('old')} AND state = old.state;
      END;
    `);
  },
  postgres: `
    CREATE TABLE outbox_state_counts (
      campaign_key bigint NOT NULL,
      state text NOT NULL,
      n bigint NOT NULL,
      PRIMARY KEY (campaign_key, state)
    );
    INSERT INTO outbox_state_counts (campaign_key, state, n)
      SELECT CASE WHEN kind = 'campaign' THEN coalesce(campaign_id, 0) ELSE 0 END, state, COUNT(*) FROM outbox_messages GROUP BY 1, 2;

    CREATE FUNCTION outbox_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${PG_ADD('new')}
      RETURN NULL;
    END $$;
    CREATE TRIGGER outbox_count_insert AFTER INSERT ON outbox_messages
      FOR EACH ROW WHEN (new.kind <> 'campaign') EXECUTE FUNCTION outbox_count_insert();
    CREATE FUNCTION outbox_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE outbox_state_counts SET n = n - 1 WHERE campaign_key = ${KEY('old')} AND state = old.state;
      ${PG_ADD('new')}
      RETURN NULL;
    END $$;
    CREATE TRIGGER outbox_count_update AFTER UPDATE OF state ON outbox_messages
      FOR EACH ROW WHEN (old.state IS DISTINCT FROM new.state) EXECUTE FUNCTION outbox_count_update();
    CREATE FUNCTION outbox_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE outbox_state_counts SET n = n - 1 WHERE campaign_key = ${KEY('old')} AND state = old.state;
      RETURN NULL;
    END $$;
    CREATE TRIGGER outbox_count_delete AFTER DELETE ON outbox_messages
      FOR EACH ROW EXECUTE FUNCTION outbox_count_delete();
  `,
};
