import type { Migration } from './types';

/**
 * One- and two-character searches without three indexes that every import pays for.
 *
 * Since 0006, a search of one or two characters matched the start of a first name, last name or email through
 * NOCASE B-tree indexes on those columns. Those three indexes served nothing else, and keeping them cost a
 * contact import more than a quarter of its time: names and emails arrive in no order, so every new contact
 * touched a random page of each, and every commit rewrote most of their pages.
 *
 * Here the starts of those three values go into a small contentless FTS5 index instead, built in bulk in the
 * background with the contact search index (same `indexed_through` mark and edit queue; see
 * electron/contacts/search-index.ts). Each value is written as "^^" and its first two characters, so the
 * trigram "^^a" means "a value starting with a" and "^an" one starting with "an"; "^" itself is left out of
 * the values, so no other text forms those trigrams. Matching folds case and removes accents as the main search
 * index does ("e" finds "Émile"; NOCASE only folded ASCII). Contacts still waiting to be indexed are matched
 * directly, as 0006 does for the main index.
 *
 * `CONTACT_STARTS_SQL` is the indexed text for a contacts row aliased `c`; the indexer uses the same expression.
 */
export const CONTACT_STARTS_SQL = ['first_name', 'last_name', 'email']
  .map((col) => `'^^' || substr(replace(coalesce(c.${col}, ''), '^', ''), 1, 2)`)
  .join(` || ' ' || `);

export const m0009: Migration = {
  version: 9,
  name: 'contact_starts',
  up(db) {
    db.exec(`
      DROP INDEX contacts_first_name;
      DROP INDEX contacts_last_name;
      DROP INDEX contacts_email;

      CREATE VIRTUAL TABLE contact_starts USING fts5(
        starts,
        content = '', contentless_delete = 1,
        tokenize = 'trigram remove_diacritics 1'
      );
      -- What the main search index holds: contacts up to the mark (edited ones among them are indexed again,
      -- in both, when the queue is worked through).
      INSERT INTO contact_starts (rowid, starts)
        SELECT c.id, ${CONTACT_STARTS_SQL} FROM contacts c
        WHERE c.id <= (SELECT indexed_through FROM contact_search_state);

      DROP TRIGGER contact_search_delete;
      CREATE TRIGGER contact_search_delete AFTER DELETE ON contacts BEGIN
        DELETE FROM contact_search WHERE rowid = old.id;
        DELETE FROM contact_starts WHERE rowid = old.id;
        DELETE FROM contact_search_queue WHERE contact_id = old.id;
        UPDATE contact_search_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM contacts)
          WHERE indexed_through > (SELECT coalesce(max(id), 0) FROM contacts);
      END;
    `);
  },
  postgres: `
    DROP INDEX contacts_first_name;
    DROP INDEX contacts_last_name;
    DROP INDEX contacts_email;

    CREATE TABLE contact_starts (
      rowid bigint PRIMARY KEY,
      starts text NOT NULL
    );
    CREATE INDEX contact_starts_text ON contact_starts USING gin (desk_search_text(starts) gin_trgm_ops);
    INSERT INTO contact_starts (rowid, starts)
      SELECT c.id, ${CONTACT_STARTS_SQL} FROM contacts c
      WHERE c.id <= (SELECT indexed_through FROM contact_search_state);

    CREATE OR REPLACE FUNCTION contact_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM contact_search WHERE rowid IN (SELECT id FROM gone);
      DELETE FROM contact_starts WHERE rowid IN (SELECT id FROM gone);
      DELETE FROM contact_search_queue WHERE contact_id IN (SELECT id FROM gone);
      UPDATE contact_search_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM contacts)
        WHERE indexed_through > (SELECT coalesce(max(id), 0) FROM contacts);
      RETURN NULL;
    END $$;
  `,
};
