import type { BackgroundProblem, MonitoringDashboard, ProviderName } from '../../shared/ipc/channels/monitoring';
import type { OutboxState } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import type { DispatcherStatus } from '../campaigns';
import { lastFinishedRun } from '../reconciliation';
import type { HealthMonitor } from './health';
import {
  failureCodes,
  lastEventReceivedAt,
  queuedCountsByState,
  sendTimes,
  webhookEventCountsByState,
  webhookTimings,
} from './queries';

const PROVIDERS: ProviderName[] = ['sandbox', 'quo', 'twilio'];

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Sends per minute for the last hour, oldest minute first (index 59 = the current minute). */
export function sendsPerMinute(db: SqliteDb, now: Date): number[] {
  const buckets = new Array<number>(60).fill(0);
  const start = now.getTime() - 60 * 60_000;
  for (const sentAt of sendTimes(db, new Date(start).toISOString(), now.toISOString())) {
    const index = Math.min(59, Math.floor((Date.parse(sentAt) - start) / 60_000));
    if (index >= 0) buckets[index]++;
  }
  return buckets;
}

/**
 * Webhook lag for the provider in use: how long after the provider's own event time we stored each of the last day's
 * webhooks (the Sandbox has no lag to measure; reconciliation's corrections are not webhooks), and how long since the
 * last one.
 */
export function webhookLag(db: SqliteDb, now: Date, provider: ProviderName): MonitoringDashboard['webhooks'] {
  const since = new Date(now.getTime() - 86_400_000).toISOString();
  const rows = webhookTimings(db, provider, since);
  const lags = rows
    .map((r) => (r.eventAt ? Date.parse(r.receivedAt) - Date.parse(r.eventAt) : NaN))
    .filter((ms) => Number.isFinite(ms))
    .map((ms) => Math.max(0, ms))
    .sort((a, b) => a - b);
  const last = lastEventReceivedAt(db, provider);
  return {
    lastEventAt: last,
    sinceLastEventMs: last ? Math.max(0, now.getTime() - Date.parse(last)) : null,
    lagMedianMs: percentile(lags, 0.5),
    lagP95Ms: percentile(lags, 0.95),
    samples: lags.length,
  };
}

export interface DashboardDeps {
  db: SqliteDb;
  now: () => Date;
  provider: () => ProviderName;
  dispatcher: () => DispatcherStatus;
  health: HealthMonitor;
  /** What each provider still needs before it can send (empty: set up). */
  setup: () => Record<ProviderName, string[]>;
  /** failing background work and refused stored settings */
  problems?: () => BackgroundProblem[];
}

/** Everything the Monitoring page shows, in one read. */
export function monitoringDashboard(deps: DashboardDeps): MonitoringDashboard {
  const { db } = deps;
  const now = deps.now();
  // Kept by triggers (migration 0008); counting the outbox itself would read every row on every poll.
  const queue: Partial<Record<OutboxState, number>> = queuedCountsByState(db);
  const events = { pending: 0, processed: 0, failed: 0, dead: 0 };
  for (const r of webhookEventCountsByState(db)) events[r.state] = r.n;
  const perMinute = sendsPerMinute(db, now);
  const sum = (from: number) => perMinute.slice(from).reduce((a, b) => a + b, 0);
  const failures = failureCodes(db);
  const status = deps.dispatcher();
  const health = deps.health.history(48);
  const provider = deps.provider();
  const setup = deps.setup();
  return {
    at: now.toISOString(),
    queue,
    events,
    sendRate: { lastMinute: sum(59), last15Minutes: sum(45), lastHour: sum(0), perMinute },
    failures,
    webhooks: webhookLag(db, now, provider),
    breakers: PROVIDERS.map((p) => ({
      provider: p,
      state: status.breakers[p] ?? 'closed',
      setUp: setup[p].length === 0,
      missing: setup[p],
    })),
    dispatcherRunning: status.running,
    provider,
    lastReconciliation: lastFinishedRun(db),
    health: health[0] ?? null,
    healthHistory: health
      .map((h) => ({ at: h.at, status: h.status, reason: h.reason, checksRan: h.checksRan }))
      .reverse(),
    problems: deps.problems?.() ?? [],
  };
}
