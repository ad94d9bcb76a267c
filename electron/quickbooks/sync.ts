import type { QuickBooksSyncResult } from '../../shared/ipc/channels/quickbooks';
import type { SqliteDb } from '../db/connection';
import { firstRow, qb } from '../db/sync-query';
import { analyticsSettings } from '../analytics';
import { createContact, PhoneNormaliser } from '../contacts';
import { quickBooksApi, DEFAULT_THROTTLE, type ThrottleTuning } from './api';
import { connectionRow, markConnected, recordSyncDone, recordSyncError } from './connection';
import { pullAll, pullChanges } from './pull';
import { ENTITIES, customerRecord, entityId, isDeleted, transactionRecord, type Entity } from './records';
import { removeSaleConversion, settleSale } from './sales';
import {
  createSyncWriter,
  customerIds,
  deleteCustomer,
  deleteTransaction,
  rematchCustomers,
  salesToSettle,
  transactionIds,
  type SyncWriter,
} from './store';
import type { TokenDeps } from './tokens';
import { transaction } from '../db/transaction';

/**
 * What `quickbooks sync` prints (issue 19.5): customers and sales (receipts, invoices) received, conversions
 * recorded, paid sales matching no contact after the sync (all told), and sales deleted in QuickBooks.
 */
export type { QuickBooksSyncResult };

export interface SyncDeps extends TokenDeps {
  throttle?: ThrottleTuning;
}

/** Change Data Capture looks back 30 days at most; an older cursor means a full pull. */
const CDC_MAX_AGE_MS = 29 * 24 * 3_600_000;
/**
 * The next CDC starts at QuickBooks' own time in this sync's first answer (no clock skew between us and Intuit);
 * without one, a minute before this sync started, so a change made meanwhile is not missed (re-reading is harmless).
 */
const CURSOR_OVERLAP_MS = 60_000;

interface Pass {
  db: SqliteDb;
  syncAt: string;
  country: string;
  /** The contacts' own phone code (US numbers on its fast path), one per sync. */
  phones: PhoneNormaliser;
  writer: SyncWriter;
  currency: string;
  createContacts: boolean;
  now: Date;
  result: QuickBooksSyncResult;
}

/** Opt-in (quickbooks.createContacts): a customer with a phone that matches no contact becomes one, without consent. */
function addContact(p: Pass, c: NonNullable<ReturnType<typeof customerRecord>>): void {
  if (!p.createContacts || !c.phone || p.writer.contactFor(c.phone, c.email) !== null) return;
  createContact(
    p.db,
    {
      phone: c.phone,
      firstName: c.givenName ?? c.displayName,
      lastName: c.familyName ?? undefined,
      email: c.email ?? undefined,
      tags: ['QuickBooks'],
    },
    { now: p.now, defaultCountry: p.country },
  );
}

/** Stores one batch of rows of an entity (a query page or a CDC part) in one transaction; answers the ids seen. */
function apply(p: Pass, entity: Entity, rows: unknown[], seen?: Set<string>): void {
  transaction(
    p.db,
    () => {
      for (const raw of rows) {
        const id = entityId(raw);
        if (!id) continue;
        seen?.add(id);
        if (entity === 'Customer') {
          const c = isDeleted(raw) ? null : customerRecord(raw, p.phones);
          if (!c) {
            deleteCustomer(p.db, id);
            continue;
          }
          addContact(p, c);
          p.writer.upsertCustomer(c, p.syncAt);
          p.result.customers++;
          continue;
        }
        if (isDeleted(raw)) {
          deleteTransaction(p.db, entity, id);
          removeSaleConversion(p.db, entity, id);
          if (entity !== 'Payment') p.result.deleted++;
          continue;
        }
        const t = transactionRecord(entity, raw, p.currency);
        if (!t) continue;
        p.writer.upsertTransaction(t, p.syncAt);
        if (entity !== 'Payment') p.result.sales++;
      }
    },
    { immediate: true },
  );
}

/** After a full pull: what QuickBooks no longer has was deleted there. */
function dropMissing(p: Pass, entity: Entity, seen: Set<string>): void {
  transaction(
    p.db,
    () => {
      if (entity === 'Customer') {
        for (const id of customerIds(p.db)) if (!seen.has(id)) deleteCustomer(p.db, id);
        return;
      }
      for (const id of transactionIds(p.db, entity)) {
        if (seen.has(id)) continue;
        deleteTransaction(p.db, entity, id);
        removeSaleConversion(p.db, entity, id);
        if (entity !== 'Payment') p.result.deleted++;
      }
    },
    { immediate: true },
  );
}

export function unmatchedSalesCount(db: SqliteDb): number {
  const row = firstRow(
    db,
    qb
      .selectFrom('quickbooks_transactions as t')
      .leftJoin('quickbooks_customers as c', 'c.id', 't.customer_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('t.entity', 'in', ['SalesReceipt', 'Invoice'])
      .where('t.paid_minor', '>', 0)
      .where('c.contact_id', 'is', null),
  );
  return row?.n ?? 0;
}

/**
 * One sync: Change Data Capture since the last one (a full, paged pull the first time, with `full`, when the cursor
 * is older than CDC allows, or when CDC's answer was cut at 1,000 objects), then every touched or unmatched sale
 * settled as a conversion. The cursor moves only when everything was stored, so a failed sync is repeated whole.
 */
export async function syncQuickBooks(deps: SyncDeps, options: { full?: boolean } = {}): Promise<QuickBooksSyncResult> {
  const { db } = deps;
  const started = deps.now();
  const analytics = analyticsSettings(deps.settings);
  const p: Pass = {
    db,
    syncAt: started.toISOString(),
    country: deps.settings.get('contacts.defaultCountry'),
    phones: new PhoneNormaliser(deps.settings.get('contacts.defaultCountry')),
    writer: createSyncWriter(db),
    currency: analytics.currency,
    createContacts: deps.settings.get('quickbooks.createContacts'),
    now: started,
    result: { customers: 0, sales: 0, conversions: 0, unmatched: 0, deleted: 0 },
  };
  const api = quickBooksApi(deps, deps.throttle ?? DEFAULT_THROTTLE);
  try {
    const since = connectionRow(db)?.changed_since ?? null;
    let full = options.full === true || since === null || started.getTime() - Date.parse(since) > CDC_MAX_AGE_MS;
    if (!full && since) {
      const changes = await pullChanges(api, since);
      if (changes.truncated) full = true;
      else for (const entity of ENTITIES) apply(p, entity, changes.byEntity.get(entity) ?? []);
    }
    if (full) {
      p.result = { customers: 0, sales: 0, conversions: 0, unmatched: 0, deleted: 0 };
      for (const entity of ENTITIES) {
        const seen = new Set<string>();
        await pullAll(api, entity, (rows) => apply(p, entity, rows, seen));
        dropMissing(p, entity, seen);
      }
    }
  } catch (err) {
    if (connectionRow(db)) recordSyncError(db, err instanceof Error ? err.message : String(err));
    throw err;
  }
  transaction(
    db,
    () => {
      rematchCustomers(db, p.writer.contactFor, p.syncAt);
      for (const sale of salesToSettle(db, p.syncAt))
        if (settleSale(db, analytics, sale, p.syncAt) === 'created') p.result.conversions++;
      if (!connectionRow(db)) markConnected(db, p.syncAt);
      recordSyncDone(
        db,
        api.firstAnswerTime() ?? new Date(started.getTime() - CURSOR_OVERLAP_MS).toISOString(),
        p.syncAt,
      );
    },
    { immediate: true },
  );
  p.result.unmatched = unmatchedSalesCount(db);
  return p.result;
}
