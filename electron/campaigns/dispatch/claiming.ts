import type { QuietHoursPolicy } from '../../../shared/campaigns';
import type { OutboxProviderId } from '../../providers';
import { createProviderBreaker, type ProviderBreaker } from './breaker';
import { claimBatch, type OutboxItem } from './claim';
import { providersWithWork } from './due';
import { pacingNowMs } from './rate-limit';
import { reportFailed, reportOk, type Batch, type DispatchState } from './state';

/** The provider's circuit breaker, made on first use; its changes are audited and told on the dispatch bus. */
export function breakerOf(s: DispatchState, p: OutboxProviderId): ProviderBreaker {
  let b = s.breakers.get(p);
  if (!b) {
    b = createProviderBreaker(s.options.breakerThreshold ?? 5, s.options.breakerHalfOpenMs ?? 15_000);
    b.onChange((state) => {
      s.core.audit('provider.breaker', p, { state }, 'dispatcher');
      s.events.emit('provider:breaker', { provider: p, state });
    });
    s.breakers.set(p, b);
  }
  return b;
}

/** How many messages this provider may start now: its free concurrency within its rate window, one probe when suspect. */
function freeSlots(s: DispatchState, p: OutboxProviderId, nowMs: number): number {
  const b = breakerOf(s, p);
  if (!b.mayTry(nowMs)) return 0;
  const busy = s.inFlight.get(p) ?? 0;
  const free = Math.min(s.concurrency - busy, s.limiters.of(p).available(nowMs));
  if (b.state() !== 'closed') return busy ? 0 : 1; // a single probe while the provider is suspected down
  return free;
}

const ownPolicy = (s: DispatchState) => (): QuietHoursPolicy => ({
  start: s.core.settings.get('quietHours.start'),
  end: s.core.settings.get('quietHours.end'),
  excludedDays: [],
});

/** Claims what this provider may send now; returns the claimed items (already committed as `sending`). */
export function claimFor(s: DispatchState, p: OutboxProviderId): OutboxItem[] {
  const nowMs = pacingNowMs();
  const slots = freeSlots(s, p, nowMs);
  if (slots <= 0) return [];
  const { claimed, windowChecked, windowError } = claimBatch(s.core.db, p, slots, {
    now: s.core.now(),
    windowCheck: s.options.windowCheck,
    defaultPolicy: ownPolicy(s),
  });
  if (windowError !== undefined) reportFailed(s, 'checking sending hours', windowError);
  else if (windowChecked) reportOk(s, 'checking sending hours');
  for (let i = 0; i < claimed.length; i++) s.limiters.of(p).take(nowMs);
  return claimed;
}

/**
 * Claims for every provider with due work. Never throws: a provider whose claim fails (its savepoint rolled back)
 * does not stop the others, whose claims are committed (or will be, with the outcome flush they ride on) and must
 * be sent; the first error is returned instead.
 */
export function claimDue(s: DispatchState): { batches: Batch[]; error?: unknown } {
  const batches: Batch[] = [];
  let error: unknown;
  let providers: OutboxProviderId[];
  try {
    providers = providersWithWork(s.core.db, s.core.now().toISOString());
  } catch (err) {
    return { batches, error: err };
  }
  for (const provider of providers) {
    try {
      const items = claimFor(s, provider);
      if (items.length) batches.push({ provider, items });
    } catch (err) {
      error ??= err;
    }
  }
  return { batches, error };
}
