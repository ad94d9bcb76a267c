import { migrations, latestSchemaVersion } from '../migrations';
import { createWalCheckpoints } from './db/checkpoints';
import { createAnalyticsReads } from './analytics/reads';
import { openDatabase } from './db/connection';
import { createKysely } from './db/kysely';
import { migrate, schemaVersion, type MigrateResult } from './db/migrator';
import { createEventBus } from './events/bus';
import { secureDataAtRest } from './security/private-files';
import { resolvePaths, type DataPaths } from './paths';
import { createSettingsStore } from './settings/store';
import { appendAudit } from './settings/queries';
import { createFileSecretStore, type SecretStore } from './settings/secrets';
import { createProviders } from './providers/registry';
import { answerUnsubscribe } from './email';
import { createDispatch, typedDispatch, type Dispatch, type Handlers, type UntypedDispatch } from './ipc/dispatch';
import { createHandlers } from './handlers';
import { storeEvent } from './webhooks/store';
import { processPending } from './webhooks/process';
import { expireLateConfirmations } from './compliance/confirmations';
import type { DeskCore } from './core';
import type { ProviderEvent } from './webhooks/events';
import { APP_VERSION } from './version';
import cron, { type ScheduledTask } from 'node-cron';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './campaigns/dispatch/dispatcher';
import { notifyOwnerOfSending } from './campaigns/dispatch/notifications';
import { createWindowCheck } from './campaigns/window';
import { resumeSnapshots } from './campaigns/snapshot';
import { runDueSchedules } from './campaigns/lifecycle';
import { sqliteTransaction, startRelay, type Relay } from './webhooks/relay';
import { checkWaitingAbTests } from './abtests/jobs';
import { ingestOutcomes } from './analytics/ingest';
import { catchUpInSlices } from './analytics/catch-up';
import { analyticsSettings } from './analytics/settings';
import { followTrackedLink } from './abtests/clicks';
import { createBackgroundProblems } from './monitoring/background-problems';
import {
  createMonitoring,
  startMonitoringJobs,
  type MonitoringDeps,
  type MonitoringJobs,
  type MonitoringServices,
} from './monitoring/services';
import { createContactServices, type ContactServices, type NumVerifyTuning } from './contacts/services';
import { startReportJobs, type ReportJobs } from './reports/schedule';
import { summaryFromAnalytics } from './reports/run';
import { startReplyTriage, type ReplyTriageJob } from './ai/triage-job';
import { startEngagementJobs, type EngagementJobs } from './analytics/engagement/jobs';
import { createQuickBooksService, type QuickBooksOptions, type QuickBooksService } from './quickbooks/service';

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
  /** Reconciliation and health-check tuning (tests: settle period, probe timeout, fetch). */
  monitoring?: Pick<MonitoringDeps, 'fetch' | 'reconciliation' | 'healthTimeoutMs'>;
  /** NumVerify checks tuning (tests: no real pauses between retries). */
  numverify?: NumVerifyTuning;
  /** QuickBooks: the system-browser opener (Electron's shell.openExternal) and throttle back-off (tests: short). */
  quickbooks?: Omit<QuickBooksOptions, 'log'>;
}

export interface DeskApp extends DeskCore {
  handlers: Handlers;
  /** A channel of the contract by name, its input and output typed (the CLI, tests). */
  dispatch: Dispatch;
  /** The same, for transports that receive a name and input from outside (Electron IPC, the harness's HTTP). */
  dispatchUntyped: UntypedDispatch;
  migration: MigrateResult;
  /** The send queue (started by startJobs, or driven directly by the CLI and tests). */
  dispatcher: Dispatcher;
  /** Background imports, the contact search index and NumVerify checks. */
  contacts: ContactServices;
  /** Reconciliation, health checks, dead letters and the dashboard (the retry queue and checks run with startJobs). */
  monitoring: MonitoringServices;
  /** QuickBooks Online: connection, sync (every 15 minutes with startJobs) and the relay's OAuth callback. */
  quickbooks: QuickBooksService;
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
    ? {
        ...base,
        dataDir: config.dataDir,
        secretsFile: `${config.dataDir}/secrets.json`,
        safeSecretsFile: `${config.dataDir}/secrets.keychain.json`,
        ownsDataDir: true,
      }
    : base;
  secureDataAtRest(paths);
  // The one wall-clock source of the app's time: everything else reads the injected `now` (tests pass their own).
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
  const secrets =
    config.secrets ?? createFileSecretStore(paths.secretsFile, 'this is not the desktop app (no OS keychain here)');
  const events = createEventBus();

  const processDeps = {
    db,
    now,
    events,
    businessName: () => settings.get('business.name'),
    replies: () => ({
      wording: {
        help: settings.get('compliance.helpReply'),
        optOut: settings.get('compliance.optOutConfirmation'),
        optIn: settings.get('compliance.optInConfirmation'),
      },
      values: { business: settings.get('business.name'), contact: settings.get('business.contact') },
    }),
  };
  const ingest = (event: ProviderEvent, raw?: unknown) => storeEvent(db, event, now().toISOString(), raw);
  const providers = createProviders({
    db,
    now,
    random,
    settings,
    secrets,
    emit: (e) => void ingest(e),
    timeoutMs: config.providerTimeoutMs,
  });

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
      appendAudit(db, {
        at: now().toISOString(),
        actor,
        action,
        subject: subject ?? null,
        detailJson: detail === undefined ? null : JSON.stringify(detail),
      });
    },
    walCheckpoints: createWalCheckpoints(db, { dbPath: paths.dbPath, nativeBinding: config.nativeBinding, log }),
    analyticsReads: createAnalyticsReads(db, { dbPath: paths.dbPath, nativeBinding: config.nativeBinding }),
    nativeBinding: config.nativeBinding,
  };
  // The services on top of the core, each built after what it needs and handed to whoever uses it.
  let relay: Relay | null = null;
  const contacts = createContactServices(core, {
    nativeBinding: config.nativeBinding,
    log,
    numverify: config.numverify,
  });
  const quickbooks = createQuickBooksService(core, { ...config.quickbooks, log });
  const problems = createBackgroundProblems(now, log);
  const dispatcher = createDispatcher(core, {
    windowCheck: createWindowCheck(() => settings.get('business.timezone')),
    log,
    problems,
    ...config.dispatch,
  });
  notifyOwnerOfSending(dispatcher.events, events);
  const monitoring = createMonitoring({
    core,
    ingest,
    processNow: () => processPending(processDeps),
    relay: () => relay,
    dispatcherStatus: () => dispatcher.status(),
    problems: () => problems.list(),
    ...config.monitoring,
  });
  const handlers = createHandlers(core, { relay: () => relay, contacts, quickbooks, monitoring });
  const dispatchUntyped = createDispatch(handlers, log);
  let monitoringJobs: MonitoringJobs | null = null;
  let reportJobs: ReportJobs | null = null;
  let replyTriage: ReplyTriageJob | null = null;
  let engagementJobs: EngagementJobs | null = null;

  let timer: NodeJS.Timeout | null = null;
  let scheduleJob: ScheduledTask | null = null;
  let abTestJob: ScheduledTask | null = null;
  let quickbooksJob: ScheduledTask | null = null;
  let quickbooksRun: Promise<void> | null = null;
  let abTestCheck: Promise<unknown> | null = null;
  let soon = false;
  let closed = false;
  /**
   * Processes freshly stored events right away instead of waiting for the next tick. A microtask, not setImmediate:
   * it runs before any timer, so the dispatcher cannot claim a message to someone whose STOP is already stored but
   * not yet applied (requests committed together still share one pass).
   */
  const processSoon = () => {
    if (soon || closed) return;
    soon = true;
    queueMicrotask(() => {
      soon = false;
      if (closed) return;
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
    providers.sandboxEmail.tick();
    const { processed } = processPending(processDeps);
    if (processed) events.emit('app:dataChanged', { area: 'inbox' });
    expireLateConfirmations(db, now().toISOString());
    // Replies, clicks and opt-outs become attributed outcomes (and roll-ups) a bounded batch at a time.
    ingestOutcomes(db, analyticsSettings(settings), now());
  };

  return {
    ...core,
    handlers,
    dispatch: typedDispatch(dispatchUntyped),
    dispatchUntyped,
    migration,
    dispatcher,
    monitoring,
    contacts,
    quickbooks,
    ingest,
    tick,
    startJobs(intervalMs = 250, options = {}) {
      if (timer) return;
      if (options.dispatch !== false) dispatcher.start();
      // The reader thread starts now and the backlog of outcomes is taken in a round per task, so the first report
      // neither starts a thread nor catches up on the main thread (issue 13: never held > 50 ms).
      core.analyticsReads?.warm();
      void catchUpInSlices(db, analyticsSettings(settings), now()).catch((err) =>
        log('taking in outcomes failed', err),
      );
      void resumeSnapshots(core).catch((err) => log('resuming an interrupted campaign snapshot failed', err));
      const schedules = () => void runDueSchedules(core).catch((err) => log('scheduled campaigns failed', err));
      schedules();
      scheduleJob = cron.schedule('*/15 * * * * *', schedules, { noOverlap: true });
      // A/B tests waiting for a verdict or for their winner to go out: now (resuming an interrupted release), then every 5 minutes.
      const abTests = () =>
        (abTestCheck ??= checkWaitingAbTests(core, log)
          .catch((err) => log('checking A/B tests failed', err))
          .finally(() => (abTestCheck = null)));
      void abTests();
      abTestJob = cron.schedule('*/5 * * * *', abTests, { noOverlap: true });
      // QuickBooks: Change Data Capture at start-up, then every 15 minutes (skipped until connected, and while it asks to reconnect).
      const quickbooksSync = () =>
        (quickbooksRun ??= quickbooks.syncInBackground().finally(() => (quickbooksRun = null)));
      void quickbooksSync();
      quickbooksJob = cron.schedule('*/15 * * * *', quickbooksSync, { noOverlap: true });
      // Retry queue every 10 s, reconciliation daily and at start-up, health hourly (the tick below stays for the Sandbox).
      monitoringJobs = startMonitoringJobs(monitoring, log);
      // Scheduled reports: a period that ended while the app was closed is reported now, then checked hourly.
      reportJobs = startReportJobs(core, summaryFromAnalytics(core), log);
      // Gemini reply labels: its own timer, never on the inbound path (a STOP is applied without waiting for it).
      replyTriage = startReplyTriage(core, log);
      // Engagement scores: recomputed (worker thread) at start-up when a day old, then nightly, so recency decays.
      engagementJobs = startEngagementJobs(core, log);
      timer = setInterval(() => {
        try {
          tick();
          problems.ok('provider events');
        } catch (err) {
          problems.failed('provider events', err);
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
          postmarkWebhookPassword: secrets.get('postmark.webhookPassword'),
        }),
        ingest,
        transaction: sqliteTransaction(db),
        now,
        onStored: processSoon,
        log,
        onLink: (code, visit) => followTrackedLink(db, code, visit, now),
        onQuickBooksCallback: (params) => quickbooks.callback(params),
        onUnsubscribe: (token, method, form) =>
          answerUnsubscribe(
            {
              db,
              now,
              key: () => secrets.get('email.unsubscribeKey'),
              businessName: () => settings.get('business.name'),
            },
            token,
            method,
            form,
          ),
      });
      return relay;
    },
    relay: () => relay,
    async close() {
      if (relay) await relay.close();
      relay = null;
      closed = true;
      if (timer) clearInterval(timer);
      timer = null;
      await scheduleJob?.destroy();
      scheduleJob = null;
      await abTestJob?.destroy();
      abTestJob = null;
      await abTestCheck;
      await quickbooksJob?.destroy();
      quickbooksJob = null;
      await quickbooksRun;
      await quickbooks.settled();
      await monitoringJobs?.stop();
      monitoringJobs = null;
      await reportJobs?.stop();
      reportJobs = null;
      await replyTriage?.stop();
      replyTriage = null;
      await engagementJobs?.stop();
      engagementJobs = null;
      await monitoring.settled();
      await dispatcher.stop();
      providers.close();
      await contacts.close();
      await core.walCheckpoints.close();
      await core.analyticsReads.close();
      await kdb.destroy().catch(() => undefined);
      if (db.open) db.close();
    },
  };
}
