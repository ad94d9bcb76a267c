import type { Migration } from './types';

/**
 * QuickBooks Online (issue 19; shared/docs/integrations.md): what the sync pulled, so sales become conversions (the
 * conversions table, source 'quickbooks', source id `quickbooks:<Entity>:<Id>`) and deletions can remove them.
 * - quickbooks_connection: one row once connected — status ('connected' or 'reconnect' after a refused refresh
 *   token), the CDC cursor (changed_since), the last sync and its error.
 * - quickbooks_oauth_states: each authorisation started, single use, expiring after 10 minutes.
 * - quickbooks_customers: a customer's normalised phone and e-mail, and the contact they match (if any).
 * - quickbooks_transactions: sales receipts and invoices (with the paid amount) and payments.
 */
export const m0016: Migration = {
  version: 16,
  name: 'quickbooks',
  up(db) {
    db.exec(`
      CREATE TABLE quickbooks_connection (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        status TEXT NOT NULL CHECK (status IN ('connected', 'reconnect')),
        connected_at TEXT NOT NULL,
        changed_since TEXT,
        last_sync_at TEXT,
        last_error TEXT
      );
      CREATE TABLE quickbooks_oauth_states (
        state TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE TABLE quickbooks_customers (
        id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        phone TEXT,
        email TEXT,
        contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX quickbooks_customers_contact ON quickbooks_customers(contact_id);
      CREATE TABLE quickbooks_transactions (
        entity TEXT NOT NULL CHECK (entity IN ('SalesReceipt', 'Invoice', 'Payment')),
        id TEXT NOT NULL,
        customer_id TEXT,
        at TEXT NOT NULL,
        total_minor INTEGER NOT NULL,
        paid_minor INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (entity, id)
      );
      CREATE INDEX quickbooks_transactions_customer ON quickbooks_transactions(customer_id);
    `);
  },
  postgres: `
    CREATE TABLE quickbooks_connection (
      id integer PRIMARY KEY CHECK (id = 1),
      status text NOT NULL CHECK (status IN ('connected', 'reconnect')),
      connected_at text NOT NULL,
      changed_since text,
      last_sync_at text,
      last_error text
    );
    CREATE TABLE quickbooks_oauth_states (
      state text PRIMARY KEY,
      created_at text NOT NULL,
      expires_at text NOT NULL,
      used_at text
    );
    CREATE TABLE quickbooks_customers (
      id text PRIMARY KEY,
      display_name text NOT NULL,
      phone text,
      email text,
      contact_id bigint REFERENCES contacts(id) ON DELETE SET NULL,
      updated_at text NOT NULL
    );
    CREATE INDEX quickbooks_customers_contact ON quickbooks_customers(contact_id);
    CREATE TABLE quickbooks_transactions (
      entity text NOT NULL CHECK (entity IN ('SalesReceipt', 'Invoice', 'Payment')),
      id text NOT NULL,
      customer_id text,
      at text NOT NULL,
      total_minor bigint NOT NULL,
      paid_minor bigint NOT NULL,
      updated_at text NOT NULL,
      PRIMARY KEY (entity, id)
    );
    CREATE INDEX quickbooks_transactions_customer ON quickbooks_transactions(customer_id);
  `,
};
