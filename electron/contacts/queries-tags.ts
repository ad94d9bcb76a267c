import type { Insertable, Expression, SqlBool } from 'kysely';
import type { TagCount } from '../../shared/ipc/channels/tags';
import type { CustomFieldRow } from '../../shared/ipc/channels/contacts';
import type { Db } from '../db/db';
import { idList, noCase } from '../db/sql-fns';
import type { DB } from '../db/schema';
import { preparedQuery } from '../db/prepared-query';
import { allRows, firstRow, insertedId, qb, runQuery } from '../db/sync-query';

/** Tag and custom-field data: the tags on contacts, the fields owners add and the values contacts have in them. */

/** Every tag with the number of contacts carrying it; names sort the way the owner reads them (case-insensitive). */
export function tagCountRows(db: Db): TagCount[] {
  return allRows(
    db,
    qb
      .selectFrom('tags as t')
      .leftJoin('contact_tags as ct', 'ct.tag_id', 't.id')
      .select((eb) => ['t.name as name', eb.fn.count<number>('ct.contact_id').as('count')])
      .groupBy('t.id')
      .orderBy(noCase('t.name'))
      .orderBy('t.id'),
  );
}

// Read at every page of a tag's contact list: compiled once (preparedQuery).
const tagByName = preparedQuery((v: { name: string }) => qb.selectFrom('tags').select('id').where('name', '=', v.name));

/** The id of the tag with this name (names compare case-insensitively, as the column does). */
export function tagIdByName(db: Db, name: string): number | undefined {
  return tagByName.get(db, { name })?.id;
}

/** The ids of the tags with these names; names without a tag are left out. */
export function tagIdsByNames(db: Db, names: string[]): number[] {
  if (!names.length) return [];
  return allRows(db, qb.selectFrom('tags').select('id').where('name', 'in', names)).map((r) => r.id);
}

export function insertTag(db: Db, name: string, at: string): number {
  return insertedId(db, qb.insertInto('tags').values({ name, created_at: at }).returning('id'));
}

/** Puts a tag on a contact (nothing when it is there already). */
export function tagContact(db: Db, contactId: number, tagId: number): void {
  runQuery(
    db,
    qb
      .insertInto('contact_tags')
      .values({ contact_id: contactId, tag_id: tagId })
      .onConflict((oc) => oc.doNothing()),
  );
}

/** The selected contacts of a tag edit, held for the length of its transaction (a filter may select a million). */
const selectedTable = qb.withTables<{ tag_edit_contacts: { id: number } }>();

/**
 * Adds, removes or sets tags on every contact the condition (over `contacts c`) selects, in SQL, in the caller's
 * transaction; answers how many contacts were selected.
 */
export function editContactTags(
  db: Db,
  selection: Expression<SqlBool>,
  tagIds: number[],
  mode: 'add' | 'remove' | 'set',
): number {
  runQuery(
    db,
    qb.schema
      .createTable('tag_edit_contacts')
      .temporary()
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey()),
  );
  runQuery(db, selectedTable.deleteFrom('tag_edit_contacts'));
  const selected = runQuery(
    db,
    selectedTable
      .insertInto('tag_edit_contacts')
      .columns(['id'])
      .expression(qb.selectFrom('contacts as c').select('c.id').where(selection)),
  ).changes;
  const contacts = selectedTable.selectFrom('tag_edit_contacts').select('id');
  if (mode === 'set') {
    runQuery(
      db,
      qb.deleteFrom('contact_tags').where('contact_id', 'in', contacts).where('tag_id', 'not in', idList(tagIds)),
    );
  }
  if (mode === 'remove') {
    runQuery(
      db,
      qb.deleteFrom('contact_tags').where('contact_id', 'in', contacts).where('tag_id', 'in', idList(tagIds)),
    );
  } else {
    runQuery(
      db,
      qb
        .insertInto('contact_tags')
        .columns(['contact_id', 'tag_id'])
        .expression(
          selectedTable
            .selectFrom('tag_edit_contacts as s')
            .innerJoin('tags as t', (j) => j.on('t.id', 'in', idList(tagIds)))
            .select(['s.id as contact_id', 't.id as tag_id']),
        )
        .onConflict((oc) => oc.doNothing()),
    );
  }
  runQuery(db, selectedTable.deleteFrom('tag_edit_contacts'));
  return selected;
}

/** Every custom field with how many contacts have a value for it, by label. */
export function customFieldRows(db: Db): CustomFieldRow[] {
  return allRows(
    db,
    qb
      .selectFrom('custom_fields as f')
      .select((eb) => [
        'f.id',
        'f.key',
        'f.label',
        'f.type',
        'f.created_at as createdAt',
        eb
          .selectFrom('contact_field_values as v')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('v.field_id', '=', 'f.id')
          .$asScalar()
          .as('contacts'),
      ])
      .orderBy(noCase('f.label'))
      .orderBy('f.key'),
  );
}

export function customFieldByKey(db: Db, key: string): { id: number; label: string } | undefined {
  return firstRow(db, qb.selectFrom('custom_fields').select(['id', 'label']).where('key', '=', key));
}

export function insertCustomField(db: Db, field: Insertable<DB['custom_fields']>): number {
  return insertedId(db, qb.insertInto('custom_fields').values(field).returning('id'));
}

/** Sets a contact's value of a field, replacing the one it had. */
export function putFieldValue(db: Db, contactId: number, fieldId: number, value: string): void {
  runQuery(
    db,
    qb
      .insertInto('contact_field_values')
      .values({ contact_id: contactId, field_id: fieldId, value })
      .onConflict((oc) =>
        oc.columns(['contact_id', 'field_id']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
      ),
  );
}

export function deleteFieldValue(db: Db, contactId: number, fieldId: number): void {
  runQuery(
    db,
    qb.deleteFrom('contact_field_values').where('contact_id', '=', contactId).where('field_id', '=', fieldId),
  );
}

/** Every custom field's id and key, by key. */
export function customFieldKeys(db: Db): { id: number; key: string }[] {
  return allRows(db, qb.selectFrom('custom_fields').select(['id', 'key']).orderBy('key'));
}

/** The custom field values of the contacts with an id from `first` to `last` (a chunk of an export). */
export function fieldValuesBetween(db: Db, first: number, last: number) {
  return allRows(
    db,
    qb
      .selectFrom('contact_field_values')
      .select(['contact_id', 'field_id', 'value'])
      .where('contact_id', '>=', first)
      .where('contact_id', '<=', last),
  );
}

// An unfiltered list's total, read at every page: compiled once (preparedQuery).
const contactCount = preparedQuery(() => qb.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')));
const taggedCount = preparedQuery((v: { tagId: number }) =>
  qb
    .selectFrom('contact_tags')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tag_id', '=', v.tagId),
);

/** How many contacts carry the tag, or how many contacts there are with no tag: an unfiltered list's total. */
export function contactTotal(db: Db, tagId: number | null): number {
  return (tagId === null ? contactCount.get(db, {}) : taggedCount.get(db, { tagId }))?.n ?? 0;
}
