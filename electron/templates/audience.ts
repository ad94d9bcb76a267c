import type { ContactRef, SampleContact } from '../../shared/ipc/channels/templates';
import type { BusinessContext, ContactContext } from '../../shared/templates';
import type { Db } from '../db/db';
import { ownRecord } from '../../shared/own-keys';
import type { SettingsStore } from '../settings/store';
import {
  audienceContacts,
  contactsWithIds,
  contactWithPhone,
  fieldValuesOf,
  type AudienceFilter,
  type ContactDbRow,
} from './queries';

export type { AudienceFilter, ContactDbRow } from './queries';
export { countAudience, knownFieldKeys, tagExists, tagNames } from './queries';

export function businessContext(settings: Pick<SettingsStore, 'get'>): BusinessContext {
  return { name: settings.get('business.name'), contact: settings.get('business.contact') };
}

export function contactLabel(row: Pick<ContactDbRow, 'phone' | 'first_name' | 'last_name'>): string {
  const name = [row.first_name?.trim(), row.last_name?.trim()].filter((part) => part).join(' ');
  return name || row.phone;
}

export function contactRef(row: ContactDbRow): ContactRef {
  return { id: row.id, phone: row.phone, label: contactLabel(row) };
}

/** The contact a template shows when there are no contacts yet: no name, so fallbacks such as "there" appear. */
export const sampleContactContext: ContactContext = {
  firstName: null,
  lastName: null,
  phone: null,
  email: null,
  fields: {},
};

/** Attaches every custom field value to a handful of contacts (one query for all of them). */
function withFields(db: Db, rows: ContactDbRow[]): SampleContact[] {
  if (rows.length === 0) return [];
  const values = fieldValuesOf(
    db,
    rows.map((r) => r.id),
  );
  const fields = new Map<number, Record<string, string>>();
  for (const v of values) {
    // A field key is owner's text (`__proto__` included): an object without a prototype keeps every one.
    const own = fields.get(v.contact_id) ?? ownRecord<string>();
    own[v.key] = v.value;
    fields.set(v.contact_id, own);
  }
  return rows.map((row) => ({
    ...contactRef(row),
    context: {
      firstName: row.first_name,
      lastName: row.last_name,
      phone: row.phone,
      email: row.email,
      fields: fields.get(row.id) ?? ownRecord<string>(),
    },
  }));
}

/** A few audience contacts to step through in the preview, in the order they were added; or those matching `search`. */
export function sampleContacts(
  db: Db,
  filter: AudienceFilter,
  options: { search?: string; limit: number },
): SampleContact[] {
  return withFields(db, audienceContacts(db, filter, options));
}

/** Any contact by id, in the audience or not: previewing a message for someone sends nothing. */
export function contactById(db: Db, id: number): SampleContact | null {
  return withFields(db, contactsWithIds(db, [id]))[0] ?? null;
}

/** Contacts by id in the order asked; ids with no contact are left out. */
export function contactsByIds(db: Db, ids: readonly number[]): SampleContact[] {
  if (ids.length === 0) return [];
  const rows = contactsWithIds(db, ids);
  const byId = new Map(withFields(db, rows).map((c) => [c.id, c]));
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}

export function contactByPhone(db: Db, e164: string): SampleContact | null {
  const row = contactWithPhone(db, e164);
  return row ? withFields(db, [row])[0] : null;
}
