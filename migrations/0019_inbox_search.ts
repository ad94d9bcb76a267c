import type { Migration } from './types';

/**
 * Inbox search over message text that stays fast at 100k messages: an FTS5 trigram index ("contains these
 * characters", accents folded) over what contacts wrote and what we replied. Contentless like contact_search: it
 * answers "which rows" and holds no second copy of the text. One index for two tables, so the rowid says which:
 * an even rowid is inbound_messages.id × 2, an odd one is outbox_messages.id × 2 + 1 (replies only; campaign texts
 * are the same for everybody and would match every conversation).
 *
 * Texts from contacts arrive one at a time (webhooks), so a trigger indexes them. Replies are indexed by the code
 * that queues them (electron/inbox/reply.ts): a trigger on outbox_messages would make every bulk campaign insert
 * keep a statement journal.
 */
export const m0019: Migration = {
  version: 19,
  name: 'inbox_search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE inbox_search USING fts5(
        body,
        content = '', contentless_delete = 1,
        tokenize = 'trigram remove_diacritics 1'
      );
      INSERT INTO inbox_search (rowid, body) SELECT id * 2, body FROM inbound_messages;
      INSERT INTO inbox_search (rowid, body) SELECT id * 2 + 1, body FROM outbox_messages WHERE kind = 'reply';

      CREATE TRIGGER inbox_search_inbound_insert AFTER INSERT ON inbound_messages BEGIN
        INSERT INTO inbox_search (rowid, body) VALUES (new.id * 2, new.body);
      END;
      CREATE TRIGGER inbox_search_inbound_delete AFTER DELETE ON inbound_messages BEGIN
        DELETE FROM inbox_search WHERE rowid = old.id * 2;
      END;
    `);
  },
  postgres: `
    CREATE TABLE inbox_search (
      rowid bigint PRIMARY KEY,
      body text NOT NULL
    );
    CREATE INDEX inbox_search_text ON inbox_search USING gin (desk_search_text(body) gin_trgm_ops);
    INSERT INTO inbox_search (rowid, body) SELECT id * 2, body FROM inbound_messages;
    INSERT INTO inbox_search (rowid, body) SELECT id * 2 + 1, body FROM outbox_messages WHERE kind = 'reply';

    CREATE FUNCTION inbox_search_inbound_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO inbox_search (rowid, body) VALUES (new.id * 2, new.body);
      RETURN NULL;
    END $$;
    CREATE TRIGGER inbox_search_inbound_insert AFTER INSERT ON inbound_messages
      FOR EACH ROW EXECUTE FUNCTION inbox_search_inbound_insert();
    CREATE FUNCTION inbox_search_inbound_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM inbox_search WHERE rowid = old.id * 2;
      RETURN NULL;
    END $$;
    CREATE TRIGGER inbox_search_inbound_delete AFTER DELETE ON inbound_messages
      FOR EACH ROW EXECUTE FUNCTION inbox_search_inbound_delete();
  `,
};
