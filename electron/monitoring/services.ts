import cron, { type ScheduledTask } from 'node-cron';
import type { BackgroundProblem, MonitoringDashboard } from '../../shared/ipc/channels/monitoring';
import type { DispatcherStatus } from '../campaigns';
import type { DeskCore } from '../core';
import type { FetchLike } from '../http/client';
import { createReconciler, type Reconciler, type ReconcilerOptions } from '../reconciliation';
import type { ProviderEvent, Relay } from '../webhooks';
import { monitoringDashboard } from './dashboard';
import { createDeadLetters, type DeadLetters } from './dead-letters';
import { createHealthMonitor, type HealthMonitor } from './health';
import { providerSetup } from './provider-setup';
import { deadLetterCount } from './queries';

export interface MonitoringDeps {
  core: DeskCore;
  ingest: (event: ProviderEvent) => number | null;
  /** One pass of provider-event processing (processPending). */
  processNow: () => { processed: number; failed: number };
  relay: () => Relay | null;
  dispatcherStatus: () => DispatcherStatus;
  fetch?: FetchLike;
  reconciliation?: ReconcilerOptions;
  healthTimeoutMs?: number;
  /** failing background work (the send queue…), for the dashboard */
  problems?: () => BackgroundProblem[];
}

/** Reconciliation, health, dead letters and the dashboard: the parts the Monitoring page, the CLI and the jobs share. */
export interface MonitoringServices {
  reconciler: Reconciler;
  health: HealthMonitor;
  deadLetters: DeadLetters;
  /** The retry queue's pass: processes due events (fresh and retries) and tells the owner about new dead letters. */
  retryPass(): { processed: number; failed: number };
  dashboard(): MonitoringDashboard;
  /** Resolves once no reconciliation or health check is in progress (called before the database closes). */
  settled(): Promise<void>;
}

export function createMonitoring(deps: MonitoringDeps): MonitoringServices {
  const { core } = deps;
  const deadCount = () => deadLetterCount(core.db);
  let knownDead = deadCount();
  const health = createHealthMonitor({ core, relay: deps.relay, fetch: deps.fetch, timeoutMs: deps.healthTimeoutMs });
  return {
    reconciler: createReconciler({ core, ingest: deps.ingest, processNow: deps.processNow }, deps.reconciliation),
    health,
    deadLetters: createDeadLetters(core, deps.processNow),
    retryPass() {
      const result = deps.processNow();
      if (result.processed) core.events.emit('app:dataChanged', { area: 'inbox' });
      const dead = deadCount();
      if (dead > knownDead) {
        const added = dead - knownDead;
        core.events.emit('app:notify', {
          title: `${added} provider event${added === 1 ? '' : 's'} could not be processed`,
          body: 'They kept failing and were set aside. Open Monitoring → Dead letters to look, fix and replay.',
          level: 'warning',
        });
      }
      knownDead = dead;
      return result;
    },
    dashboard: () =>
      monitoringDashboard({
        db: core.db,
        now: core.now,
        provider: () => core.settings.get('provider'),
        dispatcher: deps.dispatcherStatus,
        health,
        setup: () => providerSetup(core.settings, core.secrets),
        problems: () => [...(deps.problems?.() ?? []), ...storedSettingProblems(core)],
      }),
    async settled() {
      await Promise.all([this.reconciler.settled(), health.settled()]);
    },
  };
}

/** Stored settings refused (an older app or a hand edit wrote them): used as their defaults until changed. */
function storedSettingProblems(core: DeskCore): BackgroundProblem[] {
  const at = core.now().toISOString();
  return core.settings.refusedStored().map((p) => ({
    job: `setting ${p.key}`,
    message: `${JSON.stringify(p.stored)} is not used (${p.message}); the default ${JSON.stringify(core.settings.row(p.key).defaultValue)} applies until you change it in Settings.`,
    since: at,
    lastAt: at,
    count: 1,
  }));
}

export interface MonitoringJobs {
  stop(): Promise<void>;
}

/**
 * The schedules (node-cron, local time): the retry queue every 10 s, reconciliation daily at 03:30 and at start-up
 * when the last run is over a day old, health hourly (the first a minute after start, once the relay is up).
 */
export function startMonitoringJobs(
  services: MonitoringServices,
  log: (msg: string, err?: unknown) => void,
): MonitoringJobs {
  const inFlight = new Set<Promise<void>>();
  // Awaited, so noOverlap can skip a tick while a long run is still going; a failure is logged, never thrown at cron.
  // Tracked, so stopping waits for a run in progress instead of closing the database under it.
  const guard = (what: string, job: () => unknown) => () => {
    const run = (async () => {
      try {
        await job();
      } catch (err) {
        log(`${what} failed`, err);
      }
    })();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  };
  const tasks: ScheduledTask[] = [
    cron.schedule(
      '*/10 * * * * *',
      guard('retry queue', () => services.retryPass()),
      { noOverlap: true },
    ),
    cron.schedule(
      '30 3 * * *',
      guard('daily reconciliation', () => services.reconciler.daily()),
      { noOverlap: true },
    ),
    cron.schedule(
      '0 * * * *',
      guard('health check', () => services.health.run('scheduled')),
      { noOverlap: true },
    ),
  ];
  void guard('start-up reconciliation', () => services.reconciler.atStartup())();
  const firstHealth = setTimeout(() => void guard('health check', () => services.health.run('scheduled'))(), 60_000);
  firstHealth.unref();
  return {
    async stop() {
      clearTimeout(firstHealth);
      await Promise.all(tasks.map((t) => Promise.resolve(t.destroy())));
      await Promise.allSettled([...inFlight]);
    },
  };
}
