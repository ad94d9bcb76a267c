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
};
