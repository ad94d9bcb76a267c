import type { DeskCore } from '../../core';
import { createTypedBus } from '../../events/typed-bus';
import { pricesForSend } from '../../analytics';
import { DEFAULT_BACKOFF } from './backoff';
import type { BreakerState } from './breaker';
import { markInterruptedUnknown } from './claim';
import { nextDueAt, providersWithWork } from './due';
import { breakerOf, claimDue } from './claiming';
import type { DispatchEventBus, DispatchEvents } from './events';
import { acquireDispatchLock } from './lock';
import { createOutcomeWriter } from './outcomes';
import { createProgressReporter } from './progress';
import { providerLimiters, providerRate } from './provider-rate';
import { pacingNowMs } from './rate-limit';
import { startSends } from './sending';
import { campaignCounts } from './record';
import { campaignName } from '../queries';
import { reportFailed, reportOk, type DispatchState, type DispatcherOptions } from './state';

export type { WindowCheck } from './claim';
export type { DispatcherOptions } from './state';

export interface DispatcherStatus {
  running: boolean;
  inFlight: number;
  breakers: Record<string, BreakerState>;
}

/** The outcome writer: records outcomes in group commits, tells who is watching, claims the next messages in the same commit. */
function outcomeWriter(s: () => DispatchState, core: DeskCore, options: DispatcherOptions) {
  return createOutcomeWriter({
    db: core.db,
    now: core.now,
    random: core.random,
    maxAttempts: options.maxAttempts ?? 5,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    price: pricesForSend(core),
    onCampaignTouched: (campaignId, completed) => {
      if (completed) {
        core.events.emit('app:dataChanged', { area: 'campaigns' });
        s().events.emit('campaign:finished', {
          campaignId,
          name: campaignName(core.db, campaignId),
          counts: campaignCounts(core.db, campaignId),
        });
      }
      s().progress.touched(campaignId);
    },
    // The next messages' `sending` rides on the outcomes' commit: one sync instead of two, and the outbox pages
    // both touch are written once. They are started only after that commit.
    claimInSameCommit: () => {
      const state = s();
      if (!state.running && !state.draining) return undefined;
      const { batches, error } = claimDue(state);
      if (error) reportFailed(state, 'send queue', error);
      return () => startSends(state, batches);
    },
  });
}

/** One pass: claim and start sends for every provider with due work. Returns how many sends started. */
function tick(s: DispatchState): number {
  const { batches, error } = claimDue(s);
  const started = startSends(s, batches);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the claim threw, unchanged
  if (error) throw error;
  return started;
}

/** Milliseconds until something may become sendable (rate window, retry time, quiet-hours window). */
function nextWakeMs(s: DispatchState): number {
  const at = nextDueAt(s.core.db);
  const rateWait = s.limiters.waitMs(pacingNowMs(), s.pollMs);
  const retryWait = at ? Math.max(1, Date.parse(at) - s.core.now().getTime()) : Infinity;
  return Math.max(1, Math.min(rateWait, retryWait, s.pollMs));
}

function loop(s: DispatchState): void {
  if (!s.running) return;
  try {
    tick(s);
    reportOk(s, 'send queue');
  } catch (err) {
    reportFailed(s, 'send queue', err);
  }
  s.timer = setTimeout(() => loop(s), nextWakeMs(s));
}

/** Takes the sending lock; messages a dead run left in `sending` become `unknown` first. */
function takeLock(s: DispatchState): void {
  s.release = acquireDispatchLock(s.core.paths.dataDir);
  markInterruptedUnknown(s.core.db, s.core.now().toISOString());
}

/** Idle: nothing due within `maxWaitMs`, or only providers whose breaker is open (they are down right now). */
function idle(s: DispatchState, maxWaitMs: number): boolean {
  const horizon = new Date(s.core.now().getTime() + maxWaitMs).toISOString();
  return !providersWithWork(s.core.db, horizon).some((p) => breakerOf(s, p).mayTry(pacingNowMs() + maxWaitMs));
}

/** Sends until nothing more can be sent now (quiet hours, retries later, open breaker): `campaigns run --until-idle`. */
async function runUntilIdle(s: DispatchState, maxWaitMs: number): Promise<void> {
  const ownLock = !s.release;
  if (ownLock) takeLock(s);
  s.draining++;
  try {
    for (;;) {
      if (!tick(s) && s.pending.size === 0) {
        const wait = nextWakeMs(s);
        if (idle(s, maxWaitMs)) return;
        await new Promise((r) => setTimeout(r, Math.min(wait, maxWaitMs)));
        continue;
      }
      await new Promise<void>((r) => {
        s.wake = r;
        setTimeout(r, nextWakeMs(s));
      });
      s.wake = null;
    }
  } finally {
    s.draining--;
    await Promise.allSettled([...s.pending]);
    if (ownLock) {
      s.release?.();
      s.release = null;
    }
  }
}

/**
 * The send queue. Claims due messages (committing `sending` before any HTTP call), re-checks opt-out and quiet hours
 * at that moment (claim.ts), sends within each provider's rate limit and breaker (sending.ts), and records the
 * outcome (outcomes.ts). Never resends a message whose fate is unknown. What the owner hears of it is said by the
 * listeners of `events` (notifications.ts).
 */
export function createDispatcher(core: DeskCore, options: DispatcherOptions) {
  const s: DispatchState = {
    core,
    options,
    concurrency: options.concurrency ?? 16,
    pollMs: options.pollMs ?? 250,
    limiters: providerLimiters(providerRate(core.settings, options.rates)),
    breakers: new Map(),
    inFlight: new Map(),
    pending: new Set(),
    events: createTypedBus<DispatchEvents>(options.log),
    progress: createProgressReporter(core.db, core.events),
    writer: outcomeWriter(() => s, core, options),
    running: false,
    draining: 0,
    wake: null,
    release: null,
    timer: null,
  };
  const listenable: Pick<DispatchEventBus, 'on'> = s.events;
  return {
    /** Facts about sending (finished campaigns, pauses, breakers) for listeners such as the owner's notifications. */
    events: listenable,
    start() {
      if (s.running) return;
      takeLock(s);
      s.running = true;
      loop(s);
    },
    async stop() {
      s.running = false;
      if (s.timer) clearTimeout(s.timer);
      await Promise.allSettled([...s.pending]);
      s.progress.stop();
      s.release?.();
      s.release = null;
    },
    tick: () => tick(s),
    runUntilIdle: (maxWaitMs = 2_000) => runUntilIdle(s, maxWaitMs),
    status: (): DispatcherStatus => ({
      running: s.running,
      inFlight: [...s.inFlight.values()].reduce((a, b) => a + b, 0),
      breakers: Object.fromEntries([...s.breakers.entries()].map(([k, b]) => [k, b.state()])),
    }),
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
