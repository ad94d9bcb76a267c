import type { QuickBooksStatus, QuickBooksSyncResult } from '../../../shared/ipc/channels/quickbooks';
import { T0, abHarness, type AbHarness } from '../abtests/helpers';
import { startFakeQuickBooks, type FakeQuickBooks } from '../../fakes/quickbooks';

export interface QboHarness extends AbHarness {
  fake: FakeQuickBooks;
  /** URLs the app asked the system browser to open. */
  opened: string[];
  status(): Promise<QuickBooksStatus>;
  sync(full?: boolean): Promise<QuickBooksSyncResult>;
}

/**
 * A real app (clock under the test's control, quiet Sandbox) and a fake QuickBooks it is pointed at: client id and
 * secret in the secret store, the fake's API and token URLs, a short throttle back-off. `connected` also gives it a
 * refresh token and the company id, as the headless set-up does.
 */
export async function qboHarness(options: { connected?: boolean } = {}): Promise<QboHarness> {
  const fake = await startFakeQuickBooks();
  const opened: string[] = [];
  const h = await abHarness({
    quickbooks: {
      openExternal: (url) => opened.push(url),
      throttle: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 4 },
    },
  });
  const { app } = h;
  app.settings.set('quickbooks.apiBaseUrl', fake.url);
  app.settings.set('quickbooks.tokenUrl', fake.tokenUrl);
  app.secrets.set('quickbooks.clientId', fake.clientId);
  app.secrets.set('quickbooks.clientSecret', fake.clientSecret);
  if (options.connected) {
    app.secrets.set('quickbooks.refreshToken', fake.issueRefreshToken());
    app.settings.set('quickbooks.realmId', fake.realmId);
  }
  fake.setTime(new Date(T0).toISOString());
  return {
    ...h,
    fake,
    opened,
    status: () => h.ok('quickbooks:status', {}),
    sync: (full = false) => h.ok('quickbooks:sync', { full }),
    async close() {
      await h.close();
      await fake.close();
    },
  };
}

/** A QuickBooks customer as the API shapes it (free-form phone and e-mail). */
export function customer(
  id: string,
  name: string,
  contact: { phone?: string; mobile?: string; email?: string } = {},
): Record<string, unknown> {
  return {
    Id: id,
    DisplayName: name,
    GivenName: name.split(' ')[0],
    FamilyName: name.split(' ').slice(1).join(' ') || undefined,
    ...(contact.phone ? { PrimaryPhone: { FreeFormNumber: contact.phone } } : {}),
    ...(contact.mobile ? { Mobile: { FreeFormNumber: contact.mobile } } : {}),
    ...(contact.email ? { PrimaryEmailAddr: { Address: contact.email } } : {}),
  };
}

/** A sales receipt or invoice of `amount` (an invoice with `balance` still owed) created at `at`. */
export function sale(
  id: string,
  customerId: string,
  amount: number,
  at: number,
  balance?: number,
): Record<string, unknown> {
  return {
    Id: id,
    TxnDate: new Date(at).toISOString().slice(0, 10),
    TotalAmt: amount,
    ...(balance !== undefined ? { Balance: balance } : {}),
    CustomerRef: { value: customerId, name: `Customer ${customerId}` },
    MetaData: { CreateTime: new Date(at).toISOString() },
  };
}
