import type { SqliteDb } from '../../../electron/db/connection';

/** Contacts, tags and custom fields written with plain SQL, as an import would leave them. */
export interface SeedContact {
  phone: string;
  first?: string | null;
  last?: string | null;
  email?: string | null;
  textable?: boolean;
  optedOut?: boolean;
  tags?: string[];
  fields?: Record<string, string>;
}

const AT = '2025-01-01T00:00:00.000Z';

export function seedContacts(db: SqliteDb, contacts: SeedContact[]): number[] {
  const insert = db.prepare(
    'INSERT INTO contacts (phone, first_name, last_name, email, textable, opted_out, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const tag = db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING');
  const tagId = db.prepare<[string], number>('SELECT id FROM tags WHERE name = ?').pluck();
  const link = db.prepare('INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)');
  const field = db.prepare(
    'INSERT INTO custom_fields (key, label, created_at) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING',
  );
  const fieldId = db.prepare<[string], number>('SELECT id FROM custom_fields WHERE key = ?').pluck();
  const value = db.prepare('INSERT INTO contact_field_values (contact_id, field_id, value) VALUES (?, ?, ?)');
  return db.transaction(() =>
    contacts.map((c) => {
      const id = Number(
        insert.run(
          c.phone,
          c.first ?? null,
          c.last ?? null,
          c.email ?? null,
          c.textable === false ? 0 : 1,
          c.optedOut ? 1 : 0,
          AT,
          AT,
        ).lastInsertRowid,
      );
      for (const t of c.tags ?? []) {
        tag.run(t, AT);
        link.run(id, tagId.get(t)!);
      }
      for (const [key, v] of Object.entries(c.fields ?? {})) {
        field.run(key, key, AT);
        value.run(id, fieldId.get(key)!, v);
      }
      return id;
    }),
  )();
}

export function phoneN(n: number): string {
  return `+1415555${String(n).padStart(4, '0')}`;
}
