import type { AppInfo } from '../shared/ipc/channels/app';
import type { SqliteDb } from './db/connection';
import type { Kdb } from './db/kysely';
import type { EventBus } from './events/bus';
import type { DataPaths } from './paths';
import type { OutboxProviderId, Provider } from './providers/types';
import type { SecretStore } from './settings/secrets';
import type { SettingsStore } from './settings/store';
import type { WalCheckpoints } from './db/checkpoints';
import type { AnalyticsReads } from './analytics/reads';

/**
 * What every domain's handlers and jobs receive: the built app's parts, as narrow as they can be. Built whole by the
 * composition root (app.ts) before anything that needs it; services built on top of it (monitoring, the dispatcher…)
 * are passed to whoever uses them, never assigned onto it later.
 */
export interface DeskCore {
  paths: DataPaths;
  db: SqliteDb;
  kdb: Kdb;
  settings: SettingsStore;
  secrets: SecretStore;
  events: EventBus;
  now: () => Date;
  random: () => number;
  provider(id?: OutboxProviderId): Provider;
  info(): AppInfo;
  audit(action: string, subject?: string, detail?: unknown, actor?: string): void;
  /** Checkpoints moved to a worker thread during bulk writes on the main connection. */
  walCheckpoints: WalCheckpoints;
  /** The dashboard's and results page's reads, on a worker thread (in-thread for an in-memory database). */
  analyticsReads: AnalyticsReads;
  /** better-sqlite3's native module for worker threads that open their own connection (the app's, under Electron). */
  nativeBinding?: string;
}
