import type { AppInfo } from '../shared/ipc/channels/app';
import type { SqliteDb } from './db/connection';
import type { Kdb } from './db/kysely';
import type { EventBus } from './events/bus';
import type { DataPaths } from './paths';
import type { Provider, ProviderId } from './providers/types';
import type { SecretStore } from './settings/secrets';
import type { SettingsStore } from './settings/store';
import type { MonitoringServices } from './monitoring/services';
import type { WalCheckpoints } from './db/checkpoints';
import type { AnalyticsReads } from './analytics/reads';

/** What every domain's handlers and jobs receive: the built app's parts, as narrow as they can be. */
export interface DeskCore {
  paths: DataPaths;
  db: SqliteDb;
  kdb: Kdb;
  settings: SettingsStore;
  secrets: SecretStore;
  events: EventBus;
  now: () => Date;
  random: () => number;
  provider(id?: ProviderId): Provider;
  info(): AppInfo;
  audit(action: string, subject?: string, detail?: unknown, actor?: string): void;
  /** Reconciliation, health checks, dead letters and the dashboard; set by the composition root once it is built. */
  monitoring?: MonitoringServices;
  /** Checkpoints moved to a worker thread during bulk writes on the main connection (absent in bare test cores). */
  walCheckpoints?: WalCheckpoints;
  /** The dashboard's and results page's reads, on a worker thread (absent in bare test cores: they read in-thread). */
  analyticsReads?: AnalyticsReads;
  /** better-sqlite3's native module for worker threads that open their own connection (the app's, under Electron). */
  nativeBinding?: string;
}
