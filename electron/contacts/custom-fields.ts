import { AppError } from '../../shared/errors';
import type { CustomFieldRow } from '../../shared/ipc/channels/contacts';
import type { Db } from '../db/db';
import { customFieldByKey, customFieldRows, deleteFieldValue, insertCustomField, putFieldValue } from './queries-tags';

/** Every custom field with how many contacts have a value for it, by label. */
export function listCustomFields(db: Db): CustomFieldRow[] {
  return customFieldRows(db);
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

export function createCustomField(
  db: Db,
  input: { label: string; key?: string; type?: CustomFieldRow['type'] },
  nowIso: string,
): CustomFieldRow {
  const type = input.type ?? 'text';
  const key = input.key ?? fieldKeyFromLabel(input.label);
  if (!key)
    throw new AppError(
      'invalid_input',
      `key: "${input.label}" has no letters or digits to make a field key from; give a key such as birthday_month.`,
    );
  const existing = customFieldByKey(db, key);
  if (existing)
    throw new AppError('conflict', `A custom field with the key "${key}" already exists ("${existing.label}").`);
  const id = insertCustomField(db, { key, label: input.label, type, created_at: nowIso });
  return { id, key, label: input.label, type, createdAt: nowIso, contacts: 0 };
}

/** Field ids by key; an unknown key is an input error naming it. */
export function fieldIdsByKey(db: Db, keys: string[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (const key of keys) {
    const id = customFieldByKey(db, key)?.id;
    if (id === undefined)
      throw new AppError(
        'invalid_input',
        `customFields.${key}: there is no custom field "${key}"; add it first (Contacts → Fields).`,
      );
    ids.set(key, id);
  }
  return ids;
}

/** Sets (or, for null and "", removes) custom values of one contact. */
export function setCustomValues(db: Db, contactId: number, values: Record<string, string | null>): void {
  const ids = fieldIdsByKey(db, Object.keys(values));
  for (const [key, value] of Object.entries(values)) {
    const fieldId = ids.get(key) ?? 0;
    if (value === null || value.trim() === '') deleteFieldValue(db, contactId, fieldId);
    else putFieldValue(db, contactId, fieldId, value);
  }
}
