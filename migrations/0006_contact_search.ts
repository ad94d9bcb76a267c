import type { Migration } from './types';

/**
 * Contact search that stays fast at a million contacts. LIKE '%…%' reads every row; an FTS5 index with the
 * trigram tokenizer answers "contains these characters" from the index instead, for the name ("ana smi"), the
 * email and the phone's digits ("5550100" finds +14155550100). remove_diacritics lets "chloe" find "Chloé".
 * The index is contentless (rowid = contact id): it only answers "which ids", and holds no second copy of the text.
 *
 * Why not one trigger per insert: FTS5 indexes rows about seven times faster in bulk (INSERT … SELECT) than one
 * trigger statement at a time, and any trigger that writes makes SQLite keep a statement journal for every
 * single-row INSERT, which alone made a million-row import markedly slower. So new contacts are found by id:
 * contact_search_state.indexed_through is the highest id indexed, and electron/contacts/search-index.ts indexes
 * the ones above it in bulk (in the background after writes, and before a search that finds only a few waiting).
 * Edits of indexed contacts are queued by a trigger (contact_search_queue); a deleted contact leaves the index at
 * once, and when the highest id is deleted the mark moves down, since SQLite may hand that id out again.
 *
 * Queries of one or two characters are too short for trigrams; they match the start of a first name, last name
 * or email through ordinary NOCASE indexes (last name and email already have one). Two partial indexes serve the
 * list's "opted out" and "not textable" views.
 */
export const m0006: Migration = {
  version: 6,
  name: 'contact_search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE contact_search USING fts5(
        name, email, phone,
        content = '', contentless_delete = 1,
        tokenize = 'trigram remove_diacritics 1'
      );
      INSERT INTO contact_search (rowid, name, email, phone)
        SELECT id, trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), coalesce(email, ''), replace(phone, '+', '')
        FROM contacts;

      CREATE TABLE contact_search_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_through INTEGER NOT NULL
      );
      INSERT INTO contact_search_state (id, indexed_through) SELECT 1, coalesce(max(id), 0) FROM contacts;
      CREATE TABLE contact_search_queue (contact_id INTEGER PRIMARY KEY);

      CREATE TRIGGER contact_search_update AFTER UPDATE OF first_name, last_name, email, phone ON contacts
        WHEN (old.first_name IS NOT new.first_name OR old.last_name IS NOT new.last_name
              OR old.email IS NOT new.email OR old.phone IS NOT new.phone)
          AND old.id <= (SELECT indexed_through FROM contact_search_state)
      BEGIN
        INSERT OR IGNORE INTO contact_search_queue (contact_id) VALUES (old.id);
      END;
      CREATE TRIGGER contact_search_delete AFTER DELETE ON contacts BEGIN
        DELETE FROM contact_search WHERE rowid = old.id;
        DELETE FROM contact_search_queue WHERE contact_id = old.id;
        UPDATE contact_search_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM contacts)
          WHERE indexed_through > (SELECT coalesce(max(id), 0) FROM contacts);
      END;

      CREATE INDEX contacts_first_name ON contacts(first_name COLLATE NOCASE);
      -- The list's "opted out" and "not textable" views: few contacts each, found without reading the rest.
      CREATE INDEX contacts_opted_out ON contacts(id) WHERE opted_out = 1;
      CREATE INDEX contacts_not_textable ON contacts(id) WHERE textable = 0;
    `);
  },
  postgres: `
    -- FTS5 becomes a plain table with the same columns, searched through a GIN trigram index (pg_trgm) on its text
    -- folded as FTS5's trigram tokenizer folds it (case and accents): see docs/design/postgres.md.
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS unaccent;
    -- A row's searchable text: its values lower-cased without accents, joined by a character no search contains
    -- (so a match never spans two columns, as an FTS5 phrase never does). Bound at creation (SQL-standard body), so
    -- it does not depend on search_path, and immutable, so it can be indexed.
    CREATE FUNCTION desk_search_text(VARIADIC parts text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN lower(unaccent('unaccent'::regdictionary, array_to_string(parts, chr(1))));

    CREATE TABLE contact_search (
      rowid bigint PRIMARY KEY,
      name text NOT NULL,
      email text NOT NULL,
      phone text NOT NULL
    );
    CREATE INDEX contact_search_text ON contact_search USING gin (desk_search_text(name, email, phone) gin_trgm_ops);
    INSERT INTO contact_search (rowid, name, email, phone)
      SELECT id, trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), coalesce(email, ''), replace(phone, '+', '')
      FROM contacts;

    CREATE TABLE contact_search_state (
      id integer PRIMARY KEY CHECK (id = 1),
      indexed_through bigint NOT NULL
    );
    INSERT INTO contact_search_state (id, indexed_through) SELECT 1, coalesce(max(id), 0) FROM contacts;
    CREATE TABLE contact_search_queue (contact_id bigint PRIMARY KEY);

    -- A trigger's WHEN cannot hold a subquery on PostgreSQL: the indexed_through test moved into the function.
    CREATE FUNCTION contact_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF old.id <= (SELECT indexed_through FROM contact_search_state) THEN
        INSERT INTO contact_search_queue (contact_id) VALUES (old.id) ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER contact_search_update AFTER UPDATE OF first_name, last_name, email, phone ON contacts
      FOR EACH ROW
      WHEN (old.first_name IS DISTINCT FROM new.first_name OR old.last_name IS DISTINCT FROM new.last_name
            OR old.email IS DISTINCT FROM new.email OR old.phone IS DISTINCT FROM new.phone)
      EXECUTE FUNCTION contact_search_update();
    -- Once per statement over the deleted rows (an import undo deletes many contacts at once); same effect.
    CREATE FUNCTION contact_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM contact_search WHERE rowid IN (SELECT id FROM gone);
      DELETE FROM contact_search_queue WHERE contact_id IN (SELECT id FROM gone);
      UPDATE contact_search_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM contacts)
        WHERE indexed_through > (SELECT coalesce(max(id), 0) FROM contacts);
      RETURN NULL;
    END $$;
    CREATE TRIGGER contact_search_delete AFTER DELETE ON contacts
      REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION contact_search_delete();

    CREATE INDEX contacts_first_name ON contacts(lower(first_name));
    CREATE INDEX contacts_opted_out ON contacts(id) WHERE opted_out = 1;
    CREATE INDEX contacts_not_textable ON contacts(id) WHERE textable = 0;
  `,
};
