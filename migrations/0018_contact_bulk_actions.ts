import type { Migration } from './types';

/** The Contacts table's "Name" sort: the name as shown, contacts without a name after every named one. */
export const NAME_SORT_SQL =
  "coalesce(nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''), char(1114111))";
/** The "Last texted" sort: never texted ('') before the oldest text. */
export const LAST_TEXTED_SORT_SQL = "coalesce(last_contacted_at, '')";

/**
 * Bulk actions on contacts (add or remove a tag, opt out, delete) and what each changed, so that Undo puts back
 * exactly what it changed: the contacts that did not have the tag, the opt-outs it made (reverted by an opt-in that
 * says so), or the deleted contacts as they were (tags, consent records, custom values, message links).
 * contact_bulk_changes.ref is the opt-out audit row an opt-out wrote; snapshot_json a deleted contact.
 *
 * Also the indexes that let the Contacts table sort a million contacts by name and by last texted a page at a time
 * (phone has its unique index; "Added" is the id).
 */
export const m0018: Migration = {
  version: 18,
  name: 'contact_bulk_actions',
  up(db) {
    db.exec(`
      CREATE TABLE contact_bulk_actions (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('add_tag', 'remove_tag', 'opt_out', 'delete')),
        tag_id INTEGER,
        tag_name TEXT,
        tag_created INTEGER NOT NULL DEFAULT 0,
        contacts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        undone_at TEXT
      );
      CREATE TABLE contact_bulk_changes (
        action_id INTEGER NOT NULL REFERENCES contact_bulk_actions(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL,
        ref INTEGER,
        snapshot_json TEXT,
        PRIMARY KEY (action_id, contact_id)
      ) WITHOUT ROWID;
      CREATE INDEX contacts_name_sort ON contacts(${NAME_SORT_SQL} COLLATE NOCASE);
      CREATE INDEX contacts_last_texted_sort ON contacts(${LAST_TEXTED_SORT_SQL});
    `);
  },
};
