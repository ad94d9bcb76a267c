import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Db } from '../db/db';
import type { DB } from '../db/schema';
import { allRows, firstRow, insertedId, qb, runQuery } from '../db/sync-query';
import { containsPattern, fullName, likeInsensitive } from '../db/sql-fns';

/** The templates domain's data access: the library's rows and the audience a template is measured against. */

export interface ContactDbRow {
  id: number;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
}

/** Who a template is measured and previewed against: every textable contact who has not opted out, optionally with a tag. */
export interface AudienceFilter {
  tag?: string;
}

/** The audience as a condition on `contacts as c`. */
export function inAudience(filter: AudienceFilter) {
  return (eb: ExpressionBuilder<DB & { c: DB['contacts'] }, 'c'>): Expression<SqlBool> => {
    const conditions = [eb('c.textable', '=', 1), eb('c.opted_out', '=', 0)];
    if (filter.tag) {
      // tags.name is COLLATE NOCASE, so "VIP" and "vip" are the same tag here as everywhere else.
      conditions.push(
        eb.exists(
          eb
            .selectFrom('contact_tags as ct')
            .innerJoin('tags as t', 't.id', 'ct.tag_id')
            .select(sql.lit(1).as('one'))
            .whereRef('ct.contact_id', '=', 'c.id')
            .where('t.name', '=', filter.tag),
        ),
      );
    }
    return eb.and(conditions);
  };
}

export function countAudience(db: Db, filter: AudienceFilter): number {
  return (
    firstRow(
      db,
      qb
        .selectFrom('contacts as c')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(inAudience(filter)),
    )?.n ?? 0
  );
}

export function knownFieldKeys(db: Db): string[] {
  return allRows(db, qb.selectFrom('custom_fields').select('key').orderBy('key')).map((r) => r.key);
}

/** The custom fields with these keys. */
export function fieldIdsByKey(db: Db, keys: readonly string[]): Array<{ id: number; key: string }> {
  return keys.length === 0
    ? []
    : allRows(db, qb.selectFrom('custom_fields').select(['id', 'key']).where('key', 'in', keys));
}

/** Tag names, A–Z ignoring case (tags.name is COLLATE NOCASE). */
export function tagNames(db: Db): string[] {
  return allRows(db, qb.selectFrom('tags').select('name').orderBy('name')).map((r) => r.name);
}

/** Same comparison as the audience query: tags.name is COLLATE NOCASE. */
export function tagExists(db: Db, name: string): boolean {
  return firstRow(db, qb.selectFrom('tags').select('id').where('name', '=', name)) !== undefined;
}

const contactColumns = ['c.id', 'c.phone', 'c.first_name', 'c.last_name', 'c.email'] as const;

/** Every custom field value of these contacts (one query for all of them). */
export function fieldValuesOf(
  db: Db,
  contactIds: readonly number[],
): Array<{ contact_id: number; key: string; value: string }> {
  if (contactIds.length === 0) return [];
  return allRows(
    db,
    qb
      .selectFrom('contact_field_values as v')
      .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
      .select(['v.contact_id', 'f.key', 'v.value'])
      .where('v.contact_id', 'in', contactIds),
  );
}

/** Digits of what the owner typed, so "(415) 555-0100" finds +14155550100. */
function phoneDigits(search: string): string | null {
  const digits = search.replace(/\D/g, '');
  return digits.length >= 3 && /^[\d\s()+.-]+$/.test(search) ? digits : null;
}

/** Audience contacts in the order they were added; or those whose number, name or email contains `search`. */
export function audienceContacts(
  db: Db,
  filter: AudienceFilter,
  options: { search?: string; limit: number },
): ContactDbRow[] {
  let query = qb.selectFrom('contacts as c').select(contactColumns).where(inAudience(filter));
  const search = options.search?.trim();
  if (search) {
    const like = containsPattern(search);
    const digits = phoneDigits(search);
    query = query.where((eb) =>
      eb.or([
        ...(digits ? [likeInsensitive(eb.ref('c.phone'), `%${digits}%`)] : []),
        likeInsensitive(fullName(eb.ref('c.first_name'), eb.ref('c.last_name')), like),
        likeInsensitive(eb.ref('c.email'), like),
      ]),
    );
  }
  return allRows(db, query.orderBy('c.id').limit(options.limit));
}

/** Contacts by id (any order); ids with no contact are left out. */
export function contactsWithIds(db: Db, ids: readonly number[]): ContactDbRow[] {
  return ids.length === 0
    ? []
    : allRows(db, qb.selectFrom('contacts as c').select(contactColumns).where('c.id', 'in', ids));
}

export function contactWithPhone(db: Db, e164: string): ContactDbRow | undefined {
  return firstRow(db, qb.selectFrom('contacts as c').select(contactColumns).where('c.phone', '=', e164));
}

/** One page of the audience after `afterId`, in id order, with the values of the custom fields `fieldIds` (f0, f1…). */
export function audiencePage(filter: AudienceFilter, fieldIds: readonly number[], afterId: number, limit: number) {
  return qb
    .selectFrom('contacts as c')
    .select(contactColumns)
    .select((eb) =>
      fieldIds.map((fieldId, i) =>
        eb
          .selectFrom('contact_field_values as v')
          .select('v.value')
          .whereRef('v.contact_id', '=', 'c.id')
          .where('v.field_id', '=', fieldId)
          .as(`f${i}`),
      ),
    )
    .where('c.id', '>', afterId)
    .where(inAudience(filter))
    .orderBy('c.id')
    .limit(limit);
}

// ---- The library ----

/** A templates row with how many campaigns point at it. */
export type TemplateDbRow = Selectable<DB['templates']> & { campaign_count: number };

export function templateWithId(db: Db, id: number): TemplateDbRow | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('templates as t')
      .selectAll('t')
      .select((eb) =>
        eb.fn
          .coalesce(
            eb
              .selectFrom('campaigns as c')
              .select(eb.fn.countAll<number>().as('n'))
              .whereRef('c.template_id', '=', 't.id'),
            eb.lit(0),
          )
          .as('campaign_count'),
      )
      .where('t.id', '=', id),
  );
}

/** What the owner writes in a template; a template's channel is set when it is created and never changes. */
export type TemplateContent = Pick<
  Selectable<DB['templates']>,
  'name' | 'body' | 'category' | 'notes' | 'channel' | 'subject'
>;

export function insertTemplate(db: Db, row: TemplateContent, at: string): number {
  return insertedId(
    db,
    qb
      .insertInto('templates')
      .values({ ...row, created_at: at, updated_at: at })
      .returning('id'),
  );
}

export function updateTemplateRow(db: Db, id: number, row: Omit<TemplateContent, 'channel'>, at: string): void {
  runQuery(
    db,
    qb
      .updateTable('templates')
      .set({ ...row, updated_at: at })
      .where('id', '=', id),
  );
}

export function templateNames(db: Db): string[] {
  return allRows(db, qb.selectFrom('templates').select('name')).map((r) => r.name);
}

/** Archives the template (one archived already keeps its first archive date), or with `at` null brings it back. */
export function setTemplateArchived(db: Db, id: number, at: string | null): void {
  runQuery(
    db,
    qb
      .updateTable('templates')
      .set((eb) => ({ archived_at: at === null ? null : eb.fn.coalesce('archived_at', eb.val(at)) }))
      .where('id', '=', id),
  );
}

export function deleteTemplateRow(db: Db, id: number): void {
  runQuery(db, qb.deleteFrom('templates').where('id', '=', id));
}

/** Moves last_used_at to `at` unless it is later already; answers how many templates had that id. */
export function touchTemplateUse(db: Db, id: number, at: string): number {
  return runQuery(
    db,
    qb
      .updateTable('templates')
      .set((eb) => ({
        last_used_at: eb
          .case()
          .when(eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
          .then(at)
          .else(eb.ref('last_used_at'))
          .end(),
      }))
      .where('id', '=', id),
  ).changes;
}
