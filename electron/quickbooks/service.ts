import type {
  QuickBooksConnectStart,
  QuickBooksStatus,
  QuickBooksSyncResult,
} from '../../shared/ipc/channels/quickbooks';
import type { DeskCore } from '../core';
import type { ThrottleTuning } from './api';
import { callbackPage } from './callback-page';
import { connectionRow, forgetConnection } from './connection';
import { completeAuthorization, startAuthorization } from './oauth';
import { quickBooksStatus } from './status';
import { syncQuickBooks } from './sync';

export interface QuickBooksOptions {
  /** Opens a web page in the system browser (Electron: shell.openExternal); absent in the CLI and the browser harness. */
  openExternal?: (url: string) => void;
  throttle?: ThrottleTuning;
  log?: (message: string, err?: unknown) => void;
}

export interface QuickBooksService {
  status(): QuickBooksStatus;
  connect(): QuickBooksConnectStart;
  /** One sync at a time: a second request while one runs gets the same result. */
  sync(full: boolean): Promise<QuickBooksSyncResult>;
  /** The 15-minute job: syncs when connected (or set up by hand), never while "Reconnect QuickBooks" stands. */
  syncInBackground(): Promise<void>;
  /** The relay's `/oauth/quickbooks/callback`: an HTML page for the browser. */
  callback(params: URLSearchParams): Promise<{ status: number; html: string }>;
  disconnect(): QuickBooksStatus;
  /** Resolves once no sync is running (the app waits for it before closing the database). */
  settled(): Promise<void>;
}

export function createQuickBooksService(
  core: Pick<DeskCore, 'db' | 'settings' | 'secrets' | 'now' | 'audit' | 'events'>,
  options: QuickBooksOptions = {},
): QuickBooksService {
  const deps = {
    db: core.db,
    settings: core.settings,
    secrets: core.secrets,
    now: core.now,
    throttle: options.throttle,
  };
  let running: Promise<QuickBooksSyncResult> | null = null;
  const sync = (full: boolean) =>
    (running ??= syncQuickBooks(deps, { full })
      .then((r) => {
        core.audit('quickbooks.sync', full ? 'full' : 'changes', r, 'quickbooks');
        core.events.emit('app:dataChanged', { area: 'campaigns' });
        return r;
      })
      .finally(() => (running = null)));
  return {
    status: () => quickBooksStatus(deps),
    connect() {
      const start = startAuthorization(deps, core.settings.get('webhooks.publicUrl'));
      options.openExternal?.(start.authorizeUrl);
      return { ...start, opened: options.openExternal !== undefined };
    },
    sync,
    async syncInBackground() {
      const ready = !!core.secrets.get('quickbooks.refreshToken') && !!core.settings.get('quickbooks.realmId');
      if (!ready || connectionRow(core.db)?.status === 'reconnect') return;
      await sync(false).catch((err) => options.log?.('QuickBooks sync failed', err));
    },
    async callback(params) {
      const outcome = await completeAuthorization(
        { ...deps, setRealmId: (realmId) => core.settings.set('quickbooks.realmId', realmId, 'quickbooks') },
        core.settings.get('webhooks.publicUrl'),
        params,
      );
      if (!outcome.ok) return { status: 400, html: callbackPage(false, outcome.message) };
      core.audit('quickbooks.connect', outcome.realmId);
      core.events.emit('app:dataChanged', { area: 'settings' });
      // The first (full) sync starts at once; the page does not wait for it.
      void sync(true).catch((err) => options.log?.('QuickBooks first sync failed', err));
      return {
        status: 200,
        html: callbackPage(
          true,
          `Company ${outcome.realmId} is connected. Its customers and sales are being read now.`,
        ),
      };
    },
    settled: async () => {
      await running?.catch(() => undefined);
    },
    disconnect() {
      core.secrets.delete('quickbooks.refreshToken');
      core.secrets.delete('quickbooks.accessToken');
      forgetConnection(core.db);
      core.audit('quickbooks.disconnect');
      return quickBooksStatus(deps);
    },
  };
}
