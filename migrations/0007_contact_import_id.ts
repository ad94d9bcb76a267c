import type { Migration } from './types';

/** The same SQL on SQLite and PostgreSQL. */
const SQL = `
    ALTER TABLE contacts ADD COLUMN import_id TEXT;
    UPDATE contacts SET import_id = ic.import_id
      FROM import_changes ic WHERE ic.contact_id = contacts.id AND ic.action = 'created';
    DELETE FROM import_changes WHERE action = 'created';
`;

/**
 * The import that created a contact, on the contact itself. Until now an import wrote an import_changes row
 * ('created') for every contact it created, only so that undo could find them: one more B-tree insert per
 * contact, a fifth of the cost of writing a million-row import. A column costs nothing extra to write. It has
 * no index on purpose: only an undo reads it, and an undo may scan the table once (a second or so at a
 * million contacts, in the import worker) rather than every import paying for an index. Existing 'created'
 * records are moved onto their contacts so that undo has one path.
 */
export const m0007: Migration = {
  version: 7,
  name: 'contact_import_id',
  up(db) {
    db.exec(SQL);
  },
  postgres: SQL,
};
