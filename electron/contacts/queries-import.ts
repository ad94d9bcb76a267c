import type { Insertable, SqlBool, Updateable } from 'kysely';
import type { SqliteDb } from '../db/connection';
import type { DB } from '../db/schema';
import { insertionOrder, tableExists } from '../db/sql-fns';
import { allRows, firstRow, qb, runQuery } from '../db/sync-query';

/** The import history and what an undo of an import reads and writes. No zod here: the import worker loads it. */

export function insertImport(db: SqliteDb, row: Insertable<DB['imports']>): void {
  runQuery(db, qb.insertInto('imports').values(row));
}

export function updateImport(db: SqliteDb, id: string, changes: Updateable<DB['imports']>): void {
  runQuery(db, qb.updateTable('imports').set(changes).where('id', '=', id));
}

export function deleteImport(db: SqliteDb, id: string): void {
  runQuery(db, qb.deleteFrom('imports').where('id', '=', id));
}

export function importRow(db: SqliteDb, id: string) {
  return firstRow(db, qb.selectFrom('imports').selectAll().where('id', '=', id));
}

/** The import history, newest first (imports started at the same instant in the order they were recorded). */
export function importRows(db: SqliteDb, limit: number) {
  return allRows(db, qb.selectFrom('imports').selectAll().orderBy('started_at', 'desc').orderBy(insertionOrder(), 'desc').limit(limit));
}

/** Imports a crash or a killed app left running. */
export function runningImports(db: SqliteDb) {
  return allRows(db, qb.selectFrom('imports').select(['id', 'started_at', 'options_json']).where('status', '=', 'running'));
}

/** The rows an import rejected, by row number; at most `limit` when given. */
export function importRejectRows(db: SqliteDb, importId: string, limit?: number) {
  return allRows(
    db,
    qb
      .selectFrom('import_rejects')
      .select(['row_number', 'reason', 'raw'])
      .where('import_id', '=', importId)
      .orderBy('row_number')
      .$if(limit !== undefined, (q) => q.limit(limit ?? 0)),
  );
}

export function importRejectCount(db: SqliteDb, importId: string): number {
  return firstRow(db, qb.selectFrom('import_rejects').select((eb) => eb.fn.countAll<number>().as('n')).where('import_id', '=', importId))?.n ?? 0;
}

/**
 * Contacts an import created that must stay when it is undone: opted out (or in) since it started, or with texts
 * or conversions. `optedOut` says which of the two.
 */
export function createdContactsToKeep(db: SqliteDb, importId: string, startedAt: string): { contactId: number; phone: string; optedOut: SqlBool }[] {
  const withConversions = tableExists(db, 'conversions');
  return allRows(
    db,
    qb
      .selectFrom('contacts as c')
      .select((eb) => {
        const consentSince = eb.exists(eb.selectFrom('optout_audit as a').select('a.id').whereRef('a.phone', '=', 'c.phone').where('a.at', '>=', startedAt));
        return ['c.id as contactId', 'c.phone as phone', eb.or([eb('c.opted_out', '=', 1), consentSince]).as('optedOut')];
      })
      .where('c.import_id', '=', importId)
      .where((eb) =>
        eb.or([
          eb('c.opted_out', '=', 1),
          eb.exists(eb.selectFrom('optout_audit as a').select('a.id').whereRef('a.phone', '=', 'c.phone').where('a.at', '>=', startedAt)),
          eb('c.id', 'in', eb.selectFrom('outbox_messages').select('contact_id').where('contact_id', 'is not', null)),
          eb('c.id', 'in', eb.selectFrom('inbound_messages').select('contact_id').where('contact_id', 'is not', null)),
          ...(withConversions ? [eb('c.id', 'in', eb.selectFrom('conversions').select('contact_id'))] : []),
        ]),
      ),
  );
}

/** The contacts an undo keeps, held for the length of its transaction. */
const keptTable = qb.withTables<{ undo_keep: { id: number } }>();

/** Deletes the contacts an import created, except `keep`; answers how many were deleted. */
export function deleteCreatedContacts(db: SqliteDb, importId: string, keep: number[]): number {
  runQuery(db, qb.schema.createTable('undo_keep').temporary().ifNotExists().addColumn('id', 'integer', (c) => c.primaryKey()));
  runQuery(db, keptTable.deleteFrom('undo_keep'));
  for (const id of keep) runQuery(db, keptTable.insertInto('undo_keep').values({ id }));
  const removed = runQuery(
    db,
    keptTable.deleteFrom('contacts').where('import_id', '=', importId).where('id', 'not in', keptTable.selectFrom('undo_keep').select('id')),
  ).changes;
  runQuery(db, keptTable.deleteFrom('undo_keep'));
  return removed;
}

/** What an import changed on contacts it did not create (JSON records, one a contact). */
export function importUpdates(db: SqliteDb, importId: string) {
  return allRows(db, qb.selectFrom('import_changes').select(['contact_id', 'previous_json']).where('import_id', '=', importId).where('action', '=', 'updated'));
}

export function contactNameAndEmail(db: SqliteDb, id: number) {
  return firstRow(db, qb.selectFrom('contacts').select(['first_name', 'last_name', 'email']).where('id', '=', id));
}

export function setContactField(db: SqliteDb, id: number, field: 'first_name' | 'last_name' | 'email', value: string | null): void {
  runQuery(db, qb.updateTable('contacts').set({ [field]: value }).where('id', '=', id));
}

export function fieldValue(db: SqliteDb, contactId: number, fieldId: number): string | null {
  return firstRow(db, qb.selectFrom('contact_field_values').select('value').where('contact_id', '=', contactId).where('field_id', '=', fieldId))?.value ?? null;
}

export function updateFieldValue(db: SqliteDb, contactId: number, fieldId: number, value: string): void {
  runQuery(db, qb.updateTable('contact_field_values').set({ value }).where('contact_id', '=', contactId).where('field_id', '=', fieldId));
}

/** Deletes a custom field no contact has a value in; a field in use stays. */
export function deleteFieldIfUnused(db: SqliteDb, fieldId: number): void {
  runQuery(
    db,
    qb.deleteFrom('custom_fields').where('id', '=', fieldId).where((eb) => eb.not(eb.exists(eb.selectFrom('contact_field_values').select('contact_id').where('field_id', '=', fieldId)))),
  );
}
