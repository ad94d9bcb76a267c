import { mkdirSync } from 'node:fs';
import { migrations, latestSchemaVersion } from '../migrations';
import { openDatabase } from './db/connection';
import { createKysely } from './db/kysely';
import { migrate, schemaVersion, type MigrateResult } from './db/migrator';
import { createEventBus } from './events/bus';
import { resolvePaths, type DataPaths } from './paths';
import { createSettingsStore } from './settings/store';
import { createFileSecretStore, type SecretStore } from './settings/secrets';
import { createProviders } from './providers/registry';
import { createDispatch, type Dispatch, type Handlers } from './ipc/dispatch';
import { createHandlers } from './handlers';
import { storeEvent } from './webhooks/store';
import { processPending } from './webhooks/process';
import type { DeskCore } from './core';
import type { ProviderEvent } from './webhooks/events';
import { APP_VERSION } from './version';

export interface AppConfig {
  /** Database file; its folder is the data folder unless `dataDir` is given. */
  dbPath?: string;
  dataDir?: string;
  now?: () => Date;
  random?: () => number;
  /** The Electron shell passes a keychain-backed store; elsewhere secrets go to a 0600 file. */
  secrets?: SecretStore;
  /** better_sqlite3.node built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  log?: (msg: string, err?: unknown) => void;
}

export interface DeskApp extends DeskCore {
  handlers: Handlers;
  dispatch: Dispatch;
  migration: MigrateResult;
  /** Stores a provider event durably (idempotent) and processes it; the path for webhooks and the sandbox alike. */
  ingest(event: ProviderEvent, raw?: unknown): number | null;
  /** One pass of the background work: sandbox receipts, pending provider events. */
  tick(): void;
  startJobs(intervalMs?: number): void;
  close(): Promise<void>;
}

/** The composition root: the same app for Electron, the CLI, the browser harness and tests. */
export async function createApp(config: AppConfig = {}): Promise<DeskApp> {
  const base = resolvePaths({ db: config.dbPath });
  const paths: DataPaths = config.dataDir
    ? { ...base, dataDir: config.dataDir, secretsFile: `${config.dataDir}/secrets.json`, safeSecretsFile: `${config.dataDir}/secrets.keychain.json` }
    : base;
  mkdirSync(paths.dataDir, { recursive: true });
  const now = config.now ?? (() => new Date());
  const random = config.random ?? Math.random;
  const log = config.log ?? ((msg, err) => console.error(`[desk] ${msg}`, err ?? ''));

  const db = openDatabase(paths.dbPath, { nativeBinding: config.nativeBinding });
  let migration: MigrateResult;
  try {
    migration = await migrate(db, migrations, { dbPath: paths.dbPath, now });
  } catch (err) {
    db.close();
    throw err;
  }
  const kdb = createKysely(db);
  const settings = createSettingsStore(db, now);
  const secrets = config.secrets ?? createFileSecretStore(paths.secretsFile, 'this is not the desktop app (no OS keychain here)');
  const events = createEventBus();
  const audit = db.prepare('INSERT INTO audit_log (at, actor, action, subject, detail_json) VALUES (?, ?, ?, ?, ?)');

  const processDeps = { db, now, events, businessName: () => settings.get('business.name') };
  const ingest = (event: ProviderEvent, raw?: unknown) => storeEvent(db, event, now().toISOString(), raw);
  const providers = createProviders({ db, now, random, settings, secrets, emit: (e) => void ingest(e) });

  const core: DeskCore = {
    paths,
    db,
    kdb,
    settings,
    secrets,
    events,
    now,
    random,
    provider: (id) => providers.get(id ?? settings.get('provider')),
    info: () => ({
      version: APP_VERSION,
      dataDir: paths.dataDir,
      databasePath: paths.dbPath,
      schemaVersion: schemaVersion(db),
      latestSchemaVersion,
      provider: settings.get('provider'),
      secretStorage: secrets.info(),
    }),
    audit: (action, subject, detail, actor = 'user') => {
      audit.run(now().toISOString(), actor, action, subject ?? null, detail === undefined ? null : JSON.stringify(detail));
    },
  };
  const handlers = createHandlers(core);
  const dispatch = createDispatch(handlers, log);

  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    providers.sandbox.tick();
    const { processed } = processPending(processDeps);
    if (processed) events.emit('app:dataChanged', { area: 'inbox' });
  };

  return {
    ...core,
    handlers,
    dispatch,
    migration,
    ingest,
    tick,
    startJobs(intervalMs = 250) {
      if (timer) return;
      timer = setInterval(() => {
        try {
          tick();
        } catch (err) {
          log('background tick failed', err);
        }
      }, intervalMs);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      await kdb.destroy().catch(() => undefined);
      if (db.open) db.close();
    },
  };
}
