import type { ContactRef, SampleContact } from '../../shared/ipc/channels/templates';
import type { BusinessContext, ContactContext } from '../../shared/templates';
import type { SqliteDb } from '../db/connection';
import { ownRecord } from '../../shared/own-keys';
import type { SettingsStore } from '../settings/store';

/**
 * Who a template is measured and previewed against, and the values it renders with. Until saved segments and
 * filters arrive, the audience is every textable contact who has not opted out, optionally narrowed to a tag.
 */
export interface AudienceFilter {
  tag?: string;
}

export interface ContactDbRow {
  id: number;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
}

/** SQL condition on `contacts c` for the audience, with its parameters. */
export function audienceCondition(filter: AudienceFilter): { where: string; params: string[] } {
  const where = ['c.textable = 1', 'c.opted_out = 0'];
  const params: string[] = [];
  if (filter.tag) {
    // tags.name is COLLATE NOCASE, so "VIP" and "vip" are the same tag here as everywhere else.
    where.push('EXISTS (SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND t.name = ?)');
    params.push(filter.tag);
  }
  return { where: where.join(' AND '), params };
}

export function countAudience(db: SqliteDb, filter: AudienceFilter): number {
  const { where, params } = audienceCondition(filter);
  return db.prepare<string[], number>(`SELECT COUNT(*) FROM contacts c WHERE ${where}`).pluck().get(...params) ?? 0;
}

export function businessContext(settings: Pick<SettingsStore, 'get'>): BusinessContext {
  return { name: settings.get('business.name'), contact: settings.get('business.contact') };
}

export function knownFieldKeys(db: SqliteDb): string[] {
  return db.prepare<[], string>('SELECT key FROM custom_fields ORDER BY key').pluck().all();
}

export function tagNames(db: SqliteDb): string[] {
  return db.prepare<[], string>('SELECT name FROM tags ORDER BY name COLLATE NOCASE').pluck().all();
}

/** Same comparison as the audience query: tags.name is COLLATE NOCASE. */
export function tagExists(db: SqliteDb, name: string): boolean {
  return db.prepare<[string], number>('SELECT 1 FROM tags WHERE name = ?').pluck().get(name) !== undefined;
}

export function contactLabel(row: Pick<ContactDbRow, 'phone' | 'first_name' | 'last_name'>): string {
  const name = [row.first_name?.trim(), row.last_name?.trim()].filter((part) => part).join(' ');
  return name || row.phone;
}

export function contactRef(row: ContactDbRow): ContactRef {
  return { id: row.id, phone: row.phone, label: contactLabel(row) };
}

/** The contact a template shows when there are no contacts yet: no name, so fallbacks such as "there" appear. */
export const sampleContactContext: ContactContext = { firstName: null, lastName: null, phone: null, email: null, fields: {} };

const CONTACT_COLUMNS = 'c.id, c.phone, c.first_name, c.last_name, c.email';

/** Attaches every custom field value to a handful of contacts (one query for all of them). */
function withFields(db: SqliteDb, rows: ContactDbRow[]): SampleContact[] {
  if (rows.length === 0) return [];
  const values = db
    .prepare<number[], { contact_id: number; key: string; value: string }>(
      `SELECT v.contact_id, f.key, v.value FROM contact_field_values v JOIN custom_fields f ON f.id = v.field_id WHERE v.contact_id IN (${rows.map(() => '?').join(', ')})`,
    )
    .all(...rows.map((r) => r.id));
  const fields = new Map<number, Record<string, string>>();
  for (const v of values) {
    // A field key is owner's text (`__proto__` included): an object without a prototype keeps every one.
    const own = fields.get(v.contact_id) ?? ownRecord<string>();
    own[v.key] = v.value;
    fields.set(v.contact_id, own);
  }
  return rows.map((row) => ({
    ...contactRef(row),
    context: { firstName: row.first_name, lastName: row.last_name, phone: row.phone, email: row.email, fields: fields.get(row.id) ?? ownRecord<string>() },
  }));
}

/** Digits of what the owner typed, so "(415) 555-0100" finds +14155550100. */
function phoneDigits(search: string): string | null {
  const digits = search.replace(/\D/g, '');
  return digits.length >= 3 && /^[\d\s()+.-]+$/.test(search) ? digits : null;
}

/** A few audience contacts to step through in the preview, in the order they were added; or those matching `search`. */
export function sampleContacts(db: SqliteDb, filter: AudienceFilter, options: { search?: string; limit: number }): SampleContact[] {
  const { where, params } = audienceCondition(filter);
  const clauses = [where];
  const args: Array<string | number> = [...params];
  const search = options.search?.trim();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const digits = phoneDigits(search);
    clauses.push(
      `(${digits ? "c.phone LIKE ? ESCAPE '\\' OR " : ''}(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) LIKE ? ESCAPE '\\' OR c.email LIKE ? ESCAPE '\\')`,
    );
    if (digits) args.push(`%${digits}%`);
    args.push(like, like);
  }
  const rows = db
    .prepare<Array<string | number>, ContactDbRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE ${clauses.join(' AND ')} ORDER BY c.id LIMIT ?`)
    .all(...args, options.limit);
  return withFields(db, rows);
}

/** Any contact by id, in the audience or not: previewing a message for someone sends nothing. */
export function contactById(db: SqliteDb, id: number): SampleContact | null {
  const row = db.prepare<[number], ContactDbRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.id = ?`).get(id);
  return row ? withFields(db, [row])[0] : null;
}

/** Contacts by id in the order asked; ids with no contact are left out. */
export function contactsByIds(db: SqliteDb, ids: readonly number[]): SampleContact[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare<number[], ContactDbRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.id IN (${ids.map(() => '?').join(', ')})`)
    .all(...ids);
  const byId = new Map(withFields(db, rows).map((c) => [c.id, c]));
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}

export function contactByPhone(db: SqliteDb, e164: string): SampleContact | null {
  const row = db.prepare<[string], ContactDbRow>(`SELECT ${CONTACT_COLUMNS} FROM contacts c WHERE c.phone = ?`).get(e164);
  return row ? withFields(db, [row])[0] : null;
}
