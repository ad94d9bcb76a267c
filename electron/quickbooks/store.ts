import type { SqliteDb } from '../db/connection';
import { allRows, qb, runQuery } from '../db/sync-query';
import { contactFor } from '../analytics/orders/run';
import type { CustomerRecord, TransactionEntity, TransactionRecord } from './records';

export function upsertCustomer(db: SqliteDb, c: CustomerRecord, at: string): void {
  const contactId = contactFor(db, c.phone, c.email);
  runQuery(
    db,
    qb
      .insertInto('quickbooks_customers')
      .values({ id: c.id, display_name: c.displayName, phone: c.phone, email: c.email, contact_id: contactId, updated_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ display_name: c.displayName, phone: c.phone, email: c.email, contact_id: contactId, updated_at: at })),
  );
}

export function deleteCustomer(db: SqliteDb, id: string): void {
  runQuery(db, qb.deleteFrom('quickbooks_customers').where('id', '=', id));
}

/** Customers not matched yet are looked up again: a contact added since (by hand, import or this sync) matches them. */
export function rematchCustomers(db: SqliteDb, at: string): string[] {
  const changed: string[] = [];
  for (const c of allRows(db, qb.selectFrom('quickbooks_customers').select(['id', 'phone', 'email']).where('contact_id', 'is', null))) {
    const contactId = contactFor(db, c.phone, c.email);
    if (contactId === null) continue;
    runQuery(db, qb.updateTable('quickbooks_customers').set({ contact_id: contactId, updated_at: at }).where('id', '=', c.id));
    changed.push(c.id);
  }
  return changed;
}

export function upsertTransaction(db: SqliteDb, t: TransactionRecord, at: string): void {
  const values = { customer_id: t.customerId, at: t.at, total_minor: t.totalMinor, paid_minor: t.paidMinor, updated_at: at };
  runQuery(
    db,
    qb
      .insertInto('quickbooks_transactions')
      .values({ entity: t.entity, id: t.id, ...values })
      .onConflict((oc) => oc.columns(['entity', 'id']).doUpdateSet(values)),
  );
}

export function deleteTransaction(db: SqliteDb, entity: TransactionEntity, id: string): boolean {
  return runQuery(db, qb.deleteFrom('quickbooks_transactions').where('entity', '=', entity).where('id', '=', id)).changes === 1;
}

export function transactionIds(db: SqliteDb, entity: TransactionEntity): string[] {
  return allRows(db, qb.selectFrom('quickbooks_transactions').select('id').where('entity', '=', entity)).map((r) => r.id);
}

export function customerIds(db: SqliteDb): string[] {
  return allRows(db, qb.selectFrom('quickbooks_customers').select('id')).map((r) => r.id);
}

export interface SaleToSettle {
  entity: 'SalesReceipt' | 'Invoice';
  id: string;
  at: string;
  paidMinor: number;
  contactId: number | null;
}

/**
 * The sales whose conversion may need to change: those written by this sync (updated_at = its time), those of
 * customers written or matched by it, and the ones still unmatched (a contact may have been added since).
 */
export function salesToSettle(db: SqliteDb, syncAt: string): SaleToSettle[] {
  const rows = allRows(
    db,
    qb
      .selectFrom('quickbooks_transactions as t')
      .leftJoin('quickbooks_customers as c', 'c.id', 't.customer_id')
      .select(['t.entity', 't.id', 't.at', 't.paid_minor', 'c.contact_id'])
      .where('t.entity', 'in', ['SalesReceipt', 'Invoice'])
      .where((eb) => eb.or([eb('t.updated_at', '=', syncAt), eb('c.updated_at', '=', syncAt), eb('c.contact_id', 'is', null)])),
  );
  return rows.flatMap((r) => (r.entity === 'Payment' ? [] : [{ entity: r.entity, id: r.id, at: r.at, paidMinor: r.paid_minor, contactId: r.contact_id }]));
}
