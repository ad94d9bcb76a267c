import { deleteConversion, attribute, insertConversion, type AnalyticsSettings } from '../analytics';
import type { SqliteDb } from '../db/connection';
import { firstRow, qb } from '../db/sync-query';
import type { SaleToSettle } from './store';

/**
 * QuickBooks sales are the conversions table's 'quickbooks' source (analytics.md's accounting integration), each
 * unique by its QuickBooks entity and id.
 */
export const QUICKBOOKS_SOURCE = 'quickbooks' as const;
export const saleSourceId = (entity: string, id: string) => `quickbooks:${entity}:${id}`;

export type SaleOutcome = 'created' | 'kept' | 'removed' | 'unmatched' | 'unpaid';

/** Removes a sale's conversion (a deleted sale); the roll-ups follow by trigger. */
export function removeSaleConversion(db: SqliteDb, entity: string, id: string): boolean {
  const row = firstRow(
    db,
    qb
      .selectFrom('conversions')
      .select('id')
      .where('source', '=', QUICKBOOKS_SOURCE)
      .where('source_id', '=', saleSourceId(entity, id)),
  );
  return row ? deleteConversion(db, row.id).deleted : false;
}

/**
 * Makes a sale's conversion what the sale now is, through the same attribution and conversion code as every other
 * source: a matched, paid sale has one conversion with its paid amount; a changed amount, date or contact replaces
 * it (attributed again); an unmatched or unpaid sale has none.
 */
export function settleSale(db: SqliteDb, s: AnalyticsSettings, sale: SaleToSettle, createdAt: string): SaleOutcome {
  const sourceId = saleSourceId(sale.entity, sale.id);
  const existing = firstRow(
    db,
    qb
      .selectFrom('conversions')
      .select(['id', 'contact_id', 'amount_minor', 'at'])
      .where('source', '=', QUICKBOOKS_SOURCE)
      .where('source_id', '=', sourceId),
  );
  const wanted = sale.contactId !== null && sale.paidMinor > 0;
  if (
    existing &&
    wanted &&
    existing.contact_id === sale.contactId &&
    existing.amount_minor === sale.paidMinor &&
    existing.at === sale.at
  )
    return 'kept';
  const removed = existing ? deleteConversion(db, existing.id).deleted : false;
  if (sale.contactId === null) return removed ? 'removed' : 'unmatched';
  if (sale.paidMinor <= 0) return removed ? 'removed' : 'unpaid';
  insertConversion(db, {
    contactId: sale.contactId,
    source: QUICKBOOKS_SOURCE,
    sourceId,
    amountMinor: sale.paidMinor,
    currency: s.currency,
    at: sale.at,
    actor: 'quickbooks',
    attribution: attribute(db, sale.contactId, sale.at, s.windows),
    windows: s.windows,
    createdAt,
    orderId: `${sale.entity === 'Invoice' ? 'Invoice' : 'Sales receipt'} ${sale.id}`,
  });
  return 'created';
}
