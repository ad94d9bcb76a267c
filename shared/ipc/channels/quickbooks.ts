import { z } from 'zod';
import { channel } from '../define';

/** QuickBooks Online revenue (issue 19): connection, sync and what could not be matched to a contact. */

export interface QuickBooksUnmatchedSale {
  entity: 'SalesReceipt' | 'Invoice';
  id: string;
  customerName: string | null;
  amountMinor: number;
  at: string;
}

export interface QuickBooksStatus {
  /** not_connected until Connect (or a first headless sync) succeeds; reconnect once Intuit refused the authorisation. */
  state: 'not_connected' | 'connected' | 'reconnect';
  /** "Not connected", "Connected" or "Reconnect QuickBooks". */
  label: string;
  environment: 'sandbox' | 'production';
  realmId: string;
  /** The redirect URI to register in the Intuit app (the relay's public https URL + /oauth/quickbooks/callback), or null until the tunnel URL is set. */
  redirectUri: string | null;
  credentials: { clientId: boolean; clientSecret: boolean; refreshToken: boolean };
  connectedAt: string | null;
  lastSyncAt: string | null;
  lastError: string | null;
  createContacts: boolean;
  currency: string;
  counts: {
    customers: number;
    unmatchedCustomers: number;
    sales: number;
    unmatchedSales: number;
    conversions: number;
    attributed: number;
    revenueMinor: number;
    attributedRevenueMinor: number;
  };
  /** The newest unmatched paid sales (at most 20). */
  unmatched: QuickBooksUnmatchedSale[];
}

export interface QuickBooksConnectStart {
  authorizeUrl: string;
  redirectUri: string;
  expiresAt: string;
  /** Whether the system browser was opened (not in the browser harness: the page shows the link instead). */
  opened: boolean;
}

export interface QuickBooksSyncResult {
  customers: number;
  sales: number;
  conversions: number;
  unmatched: number;
  deleted: number;
}

export const quickbooksChannels = {
  'quickbooks:status': channel<QuickBooksStatus>()(z.object({}).strict()),
  /** Starts the authorisation: a single-use state (10 minutes) and Intuit's sign-in page, opened in the system browser. */
  'quickbooks:connect': channel<QuickBooksConnectStart>()(z.object({}).strict()),
  /** Change Data Capture since the last sync, or a full pull (`full`, or the first time). */
  'quickbooks:sync': channel<QuickBooksSyncResult>()(z.object({ full: z.boolean().default(false) }).strict()),
  /** Forgets the tokens and stops syncing; synced sales and their conversions stay. */
  'quickbooks:disconnect': channel<QuickBooksStatus>()(z.object({}).strict()),
};
