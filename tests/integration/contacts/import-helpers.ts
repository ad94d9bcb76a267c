import type { SqliteDb } from '../../../electron/db/connection';

/**
 * Every row of every table, to prove an operation left the database exactly as it was. A full-text index is
 * compared by the contact ids it holds, not by its internal pages (shadow tables), whose layout after an insert
 * and a delete differs while the index answers exactly the same.
 */
export function snapshot(db: SqliteDb): Record<string, unknown[]> {
  const tables = db
    .prepare(
      "SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string; type: string }[];
  return Object.fromEntries(
    tables.map((t) => {
      const columns = db.prepare('SELECT count(*) FROM pragma_table_info(?)').pluck().get(t.name) as number;
      const sql =
        t.type === 'virtual'
          ? `SELECT rowid FROM "${t.name}" ORDER BY rowid`
          : `SELECT * FROM "${t.name}" ORDER BY 1${columns > 1 ? ', 2' : ''}`;
      return [t.name, db.prepare(sql).all()];
    }),
  );
}

export interface ContactView {
  phone: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  textable: number;
  not_textable_reason: string | null;
  opted_out: number;
  tags: string;
}

/** Contacts with their tags (sorted, comma-joined), by phone. */
export function contactsByPhone(db: SqliteDb): Record<string, ContactView> {
  const rows = db
    .prepare(
      `SELECT c.phone, c.first_name, c.last_name, c.email, c.textable, c.not_textable_reason, c.opted_out,
              COALESCE((SELECT group_concat(name, ',') FROM (SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
                        WHERE ct.contact_id = c.id ORDER BY t.name)), '') AS tags
       FROM contacts c`,
    )
    .all() as ContactView[];
  return Object.fromEntries(rows.map((r) => [r.phone, r]));
}

export function customValues(db: SqliteDb, phone: string): Record<string, string> {
  const rows = db
    .prepare(
      `SELECT f.key, v.value FROM contact_field_values v JOIN custom_fields f ON f.id = v.field_id
       JOIN contacts c ON c.id = v.contact_id WHERE c.phone = ?`,
    )
    .all(phone) as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export const fixture = (name: string) => `tests/fixtures/contacts/${name}`;

/** A fixed clock, so created_at and consent times are known. */
export const at = (iso: string) => () => new Date(iso);
