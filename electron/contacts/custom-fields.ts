import { AppError } from '../../shared/errors';
import type { CustomFieldRow } from '../../shared/ipc/channels/contacts';
import type { SqliteDb } from '../db/connection';

/** Every custom field with how many contacts have a value for it, by label. */
export function listCustomFields(db: SqliteDb): CustomFieldRow[] {
  return db
    .prepare(
      `SELECT f.id, f.key, f.label, f.type, f.created_at AS createdAt,
              (SELECT count(*) FROM contact_field_values v WHERE v.field_id = f.id) AS contacts
       FROM custom_fields f ORDER BY f.label COLLATE NOCASE, f.key`,
    )
    .all() as CustomFieldRow[];
}

/** "Birthday month" → "birthday_month": the key templates use as {{birthday_month}}. */
export function fieldKeyFromLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
}

export function createCustomField(db: SqliteDb, input: { label: string; key?: string; type?: CustomFieldRow['type'] }, nowIso: string): CustomFieldRow {
  const type = input.type ?? 'text';
  const key = input.key ?? fieldKeyFromLabel(input.label);
  if (!key) throw new AppError('invalid_input', `key: "${input.label}" has no letters or digits to make a field key from; give a key such as birthday_month.`);
  const existing = db.prepare('SELECT label FROM custom_fields WHERE key = ?').pluck().get(key) as string | undefined;
  if (existing !== undefined) throw new AppError('conflict', `A custom field with the key "${key}" already exists ("${existing}").`);
  const id = Number(db.prepare('INSERT INTO custom_fields (key, label, type, created_at) VALUES (?, ?, ?, ?)').run(key, input.label, type, nowIso).lastInsertRowid);
  return { id, key, label: input.label, type, createdAt: nowIso, contacts: 0 };
}

/** Field ids by key; an unknown key is an input error naming it. */
export function fieldIdsByKey(db: SqliteDb, keys: string[]): Map<string, number> {
  const ids = new Map<string, number>();
  const find = db.prepare('SELECT id FROM custom_fields WHERE key = ?').pluck();
  for (const key of keys) {
    const id = find.get(key) as number | undefined;
    if (id === undefined) throw new AppError('invalid_input', `customFields.${key}: there is no custom field "${key}"; add it first (Contacts → Fields).`);
    ids.set(key, id);
  }
  return ids;
}

/** Sets (or, for null and "", removes) custom values of one contact. */
export function setCustomValues(db: SqliteDb, contactId: number, values: Record<string, string | null>): void {
  const ids = fieldIdsByKey(db, Object.keys(values));
  const put = db.prepare(
    `INSERT INTO contact_field_values (contact_id, field_id, value) VALUES (?, ?, ?)
     ON CONFLICT(contact_id, field_id) DO UPDATE SET value = excluded.value`,
  );
  const remove = db.prepare('DELETE FROM contact_field_values WHERE contact_id = ? AND field_id = ?');
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value.trim() === '') remove.run(contactId, ids.get(key));
    else put.run(contactId, ids.get(key), value);
  }
}
