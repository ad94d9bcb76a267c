import type { DeskCore } from '../../core';
import type { OutboxProviderId } from '../../providers';
import type { BackgroundProblems } from '../../monitoring';
import type { BackoffOptions } from './backoff';
import type { ProviderBreaker } from './breaker';
import type { OutboxItem, WindowCheck } from './claim';
import type { DispatchEventBus } from './events';
import type { createOutcomeWriter } from './outcomes';
import type { createProgressReporter } from './progress';
import type { providerLimiters } from './provider-rate';

export interface DispatcherOptions {
  windowCheck: WindowCheck;
  concurrency?: number;
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** Requests per second per provider; defaults come from settings (quo.ratePerSecond…). */
  rates?: Partial<Record<OutboxProviderId, number>>;
  breakerThreshold?: number;
  breakerHalfOpenMs?: number;
  /** How often the loop looks for work when idle. */
  pollMs?: number;
  log?: (msg: string, err?: unknown) => void;
  /** Where a failing tick is reported (logged once per distinct error, shown on Monitoring); else `log` each time. */
  problems?: BackgroundProblems;
}

/** The dispatcher's parts and its moving state, shared by the functions of its loop. */
export interface DispatchState {
  core: DeskCore;
  options: DispatcherOptions;
  concurrency: number;
  pollMs: number;
  limiters: ReturnType<typeof providerLimiters>;
  breakers: Map<OutboxProviderId, ProviderBreaker>;
  /** Requests out per provider (counts towards `concurrency`). */
  inFlight: Map<OutboxProviderId, number>;
  /** Sends started and not yet recorded. */
  pending: Set<Promise<void>>;
  events: DispatchEventBus;
  progress: ReturnType<typeof createProgressReporter>;
  writer: ReturnType<typeof createOutcomeWriter>;
  running: boolean;
  /** runUntilIdle calls in progress: like `running`, they let the outcome writer claim the next messages. */
  draining: number;
  /** Wakes runUntilIdle when a send ends. */
  wake: (() => void) | null;
  release: (() => void) | null;
  timer: NodeJS.Timeout | null;
}

/** Claimed messages of one provider, committed as `sending`, to be sent. */
export interface Batch {
  provider: OutboxProviderId;
  items: OutboxItem[];
}

/** A failing job is reported to the Monitoring page when there is one, else logged. */
export function reportFailed(s: DispatchState, job: string, err: unknown): void {
  if (s.options.problems) s.options.problems.failed(job, err);
  else s.options.log?.(`${job} failed`, err);
}

export function reportOk(s: DispatchState, job: string): void {
  s.options.problems?.ok(job);
}
