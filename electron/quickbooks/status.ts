import type { QuickBooksStatus } from '../../shared/ipc/channels/quickbooks';
import type { SqliteDb } from '../db/connection';
import { allRows, firstRow, qb } from '../db/sync-query';
import type { SecretStore } from '../settings/secrets';
import type { SettingsStore } from '../settings/store';
import { connectionRow } from './connection';
import { quickBooksEndpoints, redirectUri } from './endpoints';
import { QUICKBOOKS_SOURCE } from './sales';
import { unmatchedSalesCount } from './sync';

const LABEL: Record<QuickBooksStatus['state'], string> = {
  not_connected: 'Not connected',
  connected: 'Connected',
  reconnect: 'Reconnect QuickBooks',
};

function count(db: SqliteDb, table: 'quickbooks_customers', unmatched: boolean): number {
  let q = qb.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (unmatched) q = q.where('contact_id', 'is', null);
  return firstRow(db, q)?.n ?? 0;
}

/** Settings → Integrations and `quickbooks status`: connection, last sync, counts and the unmatched sales. */
export function quickBooksStatus(deps: {
  db: SqliteDb;
  settings: Pick<SettingsStore, 'get'>;
  secrets: SecretStore;
}): QuickBooksStatus {
  const { db, settings, secrets } = deps;
  const conn = connectionRow(db);
  const state: QuickBooksStatus['state'] = conn?.status ?? 'not_connected';
  const sales =
    firstRow(
      db,
      qb
        .selectFrom('quickbooks_transactions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('entity', 'in', ['SalesReceipt', 'Invoice']),
    )?.n ?? 0;
  const conv = firstRow(
    db,
    qb
      .selectFrom('conversions')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('campaign_id').as('attributed'),
        eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('revenue'),
        eb.fn
          .coalesce(
            eb.fn.sum<number>(eb.case().when('campaign_id', 'is not', null).then(eb.ref('amount_minor')).else(0).end()),
            eb.lit(0),
          )
          .as('attributedRevenue'),
      ])
      .where('source', '=', QUICKBOOKS_SOURCE)
      .where('source_id', 'like', 'quickbooks:%'),
  );
  const unmatched = allRows(
    db,
    qb
      .selectFrom('quickbooks_transactions as t')
      .leftJoin('quickbooks_customers as c', 'c.id', 't.customer_id')
      .select(['t.entity', 't.id', 'c.display_name', 't.paid_minor', 't.at'])
      .where('t.entity', 'in', ['SalesReceipt', 'Invoice'])
      .where('t.paid_minor', '>', 0)
      .where('c.contact_id', 'is', null)
      .orderBy('t.at', 'desc')
      .limit(20),
  );
  const endpoints = quickBooksEndpoints(settings);
  return {
    state,
    label: LABEL[state],
    environment: endpoints.environment,
    realmId: endpoints.realmId,
    redirectUri: redirectUri(settings.get('webhooks.publicUrl')),
    credentials: {
      clientId: !!secrets.get('quickbooks.clientId'),
      clientSecret: !!secrets.get('quickbooks.clientSecret'),
      refreshToken: !!secrets.get('quickbooks.refreshToken'),
    },
    connectedAt: conn?.connected_at || null,
    lastSyncAt: conn?.last_sync_at ?? null,
    lastError: conn?.last_error ?? null,
    createContacts: settings.get('quickbooks.createContacts'),
    currency: settings.get('business.currency'),
    counts: {
      customers: count(db, 'quickbooks_customers', false),
      unmatchedCustomers: count(db, 'quickbooks_customers', true),
      sales,
      unmatchedSales: unmatchedSalesCount(db),
      conversions: conv?.n ?? 0,
      attributed: conv?.attributed ?? 0,
      revenueMinor: Number(conv?.revenue ?? 0),
      attributedRevenueMinor: Number(conv?.attributedRevenue ?? 0),
    },
    unmatched: unmatched.flatMap((r) =>
      r.entity === 'Payment'
        ? []
        : [{ entity: r.entity, id: r.id, customerName: r.display_name, amountMinor: r.paid_minor, at: r.at }],
    ),
  };
}
