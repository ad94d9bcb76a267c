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
import cron, { type ScheduledTask } from 'node-cron';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './campaigns/dispatch/dispatcher';
import { createWindowCheck } from './campaigns/window';
import { resumeSnapshots } from './campaigns/snapshot';
import { runDueSchedules } from './campaigns/lifecycle';
import { sqliteTransaction, startRelay, type Relay } from './webhooks/relay';

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
  /** Dispatcher tuning (tests and benchmarks: rates, attempt cap, breaker timings). */
  dispatch?: Partial<DispatcherOptions>;
  /** Provider request timeout before a send counts as "maybe sent". */
  providerTimeoutMs?: number;
}

export interface DeskApp extends DeskCore {
  handlers: Handlers;
  dispatch: Dispatch;
  migration: MigrateResult;
  /** The send queue (started by startJobs, or driven directly by the CLI and tests). */
  dispatcher: Dispatcher;
  /** Stores a provider event durably (idempotent) and processes it; the path for webhooks and the sandbox alike. */
  ingest(event: ProviderEvent, raw?: unknown): number | null;
  /** One pass of the background work: sandbox receipts, pending provider events. */
  tick(): void;
  /** Background work: sandbox receipts, provider events, schedules and (unless `dispatch: false`) the send queue. */
  startJobs(intervalMs?: number, options?: { dispatch?: boolean }): void;
  /** The webhook relay on webhooks.host:webhooks.port (or the given ones); one per app. */
  startRelay(options?: { host?: string; port?: number }): Promise<Relay>;
  relay(): Relay | null;
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
  const providers = createProviders({ db, now, random, settings, secrets, emit: (e) => void ingest(e), timeoutMs: config.providerTimeoutMs });

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
  const dispatcher = createDispatcher(core, { windowCheck: createWindowCheck(() => settings.get('business.timezone')), log, ...config.dispatch });

  let timer: NodeJS.Timeout | null = null;
  let scheduleJob: ScheduledTask | null = null;
  let relay: Relay | null = null;
  let soon: NodeJS.Immediate | null = null;
  /** Processes freshly stored events right away instead of waiting for the next tick. */
  const processSoon = () => {
    if (soon) return;
    soon = setImmediate(() => {
      soon = null;
      try {
        const { processed } = processPending(processDeps);
        if (processed) events.emit('app:dataChanged', { area: 'inbox' });
      } catch (err) {
        log('processing provider events failed', err);
      }
    });
  };
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
    dispatcher,
    ingest,
    tick,
    startJobs(intervalMs = 250, options = {}) {
      if (timer) return;
      if (options.dispatch !== false) dispatcher.start();
      void resumeSnapshots(core).catch((err) => log('resuming an interrupted campaign snapshot failed', err));
      const schedules = () => void runDueSchedules(core).catch((err) => log('scheduled campaigns failed', err));
      schedules();
      scheduleJob = cron.schedule('*/15 * * * * *', schedules, { noOverlap: true });
      timer = setInterval(() => {
        try {
          tick();
        } catch (err) {
          log('background tick failed', err);
        }
      }, intervalMs);
      timer.unref();
    },
    async startRelay(options = {}) {
      if (relay) return relay;
      relay = await startRelay({
        host: options.host ?? settings.get('webhooks.host'),
        port: options.port ?? settings.get('webhooks.port'),
        publicUrl: () => settings.get('webhooks.publicUrl') || undefined,
        secrets: () => ({
          quoSigningSecret: secrets.get('quo.signingSecret'),
          quoWebhookSecret: secrets.get('quo.webhookSecret'),
          twilioAuthToken: secrets.get('twilio.authToken'),
        }),
        ingest,
        transaction: sqliteTransaction(db),
        now,
        onStored: processSoon,
        log,
      });
      return relay;
    },
    relay: () => relay,
    async close() {
      if (relay) await relay.close();
      relay = null;
      if (soon) clearImmediate(soon);
      if (timer) clearInterval(timer);
      timer = null;
      await scheduleJob?.destroy();
      scheduleJob = null;
      await dispatcher.stop();
      await kdb.destroy().catch(() => undefined);
      if (db.open) db.close();
    },
  };
}
