import { AppError, isAppError } from '../../shared/errors';
import type { ProviderName, ReconciliationRun } from '../../shared/ipc/channels/monitoring';
import { applyPlan, type ApplyDeps } from './apply';
import { settleStuckEmails, type EmailSettling } from './email';
import { listProvider } from './listing';
import { DEFAULT_PLAN_OPTIONS, planReconciliation, type PlanOptions } from './plan';
import {
  finishRun,
  lastCompleteUntil,
  lastFinishedRun,
  listRuns,
  markInterrupted,
  startRun,
  type RunTrigger,
} from './runs';
import { providersUsedSince } from './queries';

const isProviderName = (p: string): p is ProviderName => p === 'sandbox' || p === 'quo' || p === 'twilio';

export interface ReconcilerOptions extends Partial<PlanOptions> {
  /** A scheduled run looks back at least this far (default 48 h), so a day's messages are always seen twice. */
  lookbackMs?: number;
  /** …and never further than this (default 30 days), however long the app was closed. */
  maxRangeMs?: number;
}

export interface RunRequest {
  provider?: ProviderName;
  since?: Date;
  until?: Date;
  trigger: RunTrigger;
}

const DAY = 86_400_000;

/**
 * Compares what the provider holds with our outbox and inbox, one provider and date range at a time, and fixes what
 * webhooks missed. One run at a time per app; the daily job, the start-up catch-up and the manual screen share it.
 */
export function createReconciler(deps: ApplyDeps, options: ReconcilerOptions = {}) {
  const { core } = deps;
  const { db } = core;
  const planOptions: PlanOptions = {
    settleMs: options.settleMs ?? DEFAULT_PLAN_OPTIONS.settleMs,
    matchWindowMs: options.matchWindowMs ?? DEFAULT_PLAN_OPTIONS.matchWindowMs,
  };
  const lookbackMs = options.lookbackMs ?? 2 * DAY;
  const maxRangeMs = options.maxRangeMs ?? 30 * DAY;
  let running: Promise<ReconciliationRun[]> | null = null;
  let lastEmails: EmailSettling | null = null;

  /** E-mails stuck in sending/sent/unknown, looked up one by one (Postmark); never fails the SMS runs. */
  async function settleEmails(): Promise<EmailSettling> {
    try {
      lastEmails = await settleStuckEmails(deps, { settleMs: planOptions.settleMs });
    } catch (err) {
      const message = isAppError(err) || err instanceof Error ? err.message : String(err);
      lastEmails = { provider: 'postmark', lookedUp: 0, settled: 0, errors: [message] };
    }
    return lastEmails;
  }

  function checkRange(since: Date, until: Date, now: Date): void {
    if (since.getTime() >= until.getTime())
      throw new AppError('invalid_input', 'The start of the range must be before its end.');
    if (until.getTime() - since.getTime() > maxRangeMs)
      throw new AppError('invalid_input', `Reconcile at most ${Math.round(maxRangeMs / DAY)} days at a time.`);
    if (since.getTime() > now.getTime())
      throw new AppError('invalid_input', 'The range starts in the future; nothing can be listed there yet.');
  }

  async function runOne(
    provider: ProviderName,
    since: Date,
    until: Date,
    trigger: RunTrigger,
  ): Promise<ReconciliationRun> {
    const id = startRun(db, {
      provider,
      trigger,
      since: since.toISOString(),
      until: until.toISOString(),
      startedAt: core.now().toISOString(),
    });
    try {
      const client = core.provider(provider);
      const listing = await listProvider(client, db, { since, until });
      const plan = planReconciliation(db, provider, listing, { since, until }, core.now(), planOptions);
      const diff = { ...applyPlan(deps, provider, plan, listing.errors), listing: listing.kind };
      const status = listing.failed ? 'failed' : listing.errors.length ? 'partial' : 'ok';
      // The first error is the run's headline; with a Quo fallback the second says what actually went wrong.
      const error = listing.errors.length ? listing.errors.slice(0, 2).join(' ') : null;
      return finishRun(db, id, { status, finishedAt: core.now().toISOString(), listing: listing.kind, diff, error });
    } catch (err) {
      const message = isAppError(err) || err instanceof Error ? err.message : String(err);
      return finishRun(db, id, {
        status: 'failed',
        finishedAt: core.now().toISOString(),
        listing: null,
        diff: null,
        error: message,
      });
    }
  }

  /** Providers worth reconciling on a schedule: the one in use, and any other that sent or has unknown messages. */
  function scheduledProviders(since: Date): ProviderName[] {
    const used = providersUsedSince(db, since.toISOString()).filter(isProviderName);
    return [...new Set<ProviderName>([core.settings.get('provider'), ...used])];
  }

  function scheduledSince(provider: ProviderName, now: Date): Date {
    // Continue from the previous complete run (with an hour of overlap), at least `lookbackMs`, at most `maxRangeMs`.
    const previous = lastCompleteUntil(db, provider);
    const floor = now.getTime() - maxRangeMs;
    const fromPrevious = previous ? Date.parse(previous) - 3_600_000 : now.getTime() - lookbackMs;
    return new Date(Math.max(floor, Math.min(now.getTime() - lookbackMs, fromPrevious)));
  }

  async function execute(request: RunRequest): Promise<ReconciliationRun[]> {
    const now = core.now();
    if (request.trigger === 'manual') {
      const until = request.until ?? now;
      const since = request.since ?? new Date(until.getTime() - DAY);
      checkRange(since, until, now);
      const run = await runOne(request.provider ?? core.settings.get('provider'), since, until, 'manual');
      await settleEmails();
      return [run];
    }
    const runs: ReconciliationRun[] = [];
    for (const provider of request.provider
      ? [request.provider]
      : scheduledProviders(new Date(now.getTime() - lookbackMs))) {
      runs.push(await runOne(provider, scheduledSince(provider, now), now, request.trigger));
    }
    await settleEmails();
    return runs;
  }

  return {
    /** Runs now; refuses (conflict) while another run is in progress rather than listing the provider twice. */
    async run(request: RunRequest): Promise<ReconciliationRun[]> {
      if (running)
        throw new AppError('conflict', 'A reconciliation is already running. Try again when it has finished.');
      running = execute(request);
      try {
        return await running;
      } finally {
        running = null;
      }
    },
    /** The daily job: every provider in use, from where the last run ended. Failures are recorded in the run. */
    async daily(): Promise<ReconciliationRun[]> {
      if (running) return [];
      return this.run({ trigger: 'daily' });
    },
    /** At start-up: finish the bookkeeping of a run the last session left open, and catch up if the last run is over a day old. */
    async atStartup(): Promise<ReconciliationRun[]> {
      markInterrupted(db, core.now().toISOString());
      const last = lastFinishedRun(db);
      if (last && core.now().getTime() - Date.parse(last.startedAt) < DAY) return [];
      if (running) return [];
      return this.run({ trigger: 'startup' });
    },
    /** Settles stuck e-mails now (every run does it after the SMS providers). */
    settleEmails,
    /** What the last e-mail settling did, or null before the first. */
    lastEmailSettling: () => lastEmails,
    isRunning: () => running !== null,
    /** Resolves once no run is in progress (for shutdown: the database must not close under a run). */
    settled: (): Promise<void> =>
      running
        ? running.then(
            () => undefined,
            () => undefined,
          )
        : Promise.resolve(),
    runs: (limit: number) => listRuns(db, limit),
  };
}

export type Reconciler = ReturnType<typeof createReconciler>;
