import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleType } from 'cockatiel';
import type { SendOutcome } from '../../providers';

/** A provider-side failure that says "the provider is down", as opposed to "this message is bad". */
class ProviderDown extends Error {
  constructor(readonly outcome: SendOutcome) {
    super('provider down');
  }
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface ProviderBreaker {
  state(): BreakerState;
  /** False while the breaker is open and its cool-down has not passed: do not even claim messages. */
  mayTry(nowMs: number): boolean;
  /** Runs a send through the breaker; `null` means the breaker refused it and no request was made. */
  run(send: () => Promise<SendOutcome>): Promise<SendOutcome | null>;
  onChange(listener: (state: BreakerState) => void): void;
}

/** Server errors and lost connections count; 4xx about a message and 429s (we were too fast) do not. */
export function signalsOutage(o: SendOutcome): boolean {
  if (o.ok) return false;
  if (o.kind === 'unknown') return true;
  return o.kind === 'retryable' && o.httpStatus !== 429;
}

/**
 * One circuit breaker per provider (cockatiel): after `threshold` consecutive outage signals it opens and sending to
 * that provider pauses; after `halfOpenAfterMs` a single probe goes through, and success closes it again.
 */
export function createProviderBreaker(threshold = 5, halfOpenAfterMs = 15_000): ProviderBreaker {
  const policy = circuitBreaker(handleType(ProviderDown), {
    halfOpenAfter: halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(threshold),
  });
  const toState = (s: CircuitState): BreakerState =>
    s === CircuitState.Closed ? 'closed' : s === CircuitState.HalfOpen ? 'half_open' : 'open';
  let openedAt = 0;
  // Wall clock on purpose: cockatiel times its own half-open cool-down with Date.now(), and mayTry must agree with it.
  policy.onBreak(() => (openedAt = Date.now()));
  return {
    mayTry: (nowMs) => policy.state !== CircuitState.Open || nowMs - openedAt >= halfOpenAfterMs,
    state: () => {
      // cockatiel moves from open to half-open lazily, on the next call; report what a call would meet.
      const s = toState(policy.state);
      return s;
    },
    async run(send) {
      try {
        return await policy.execute(async () => {
          const outcome = await send();
          if (signalsOutage(outcome)) throw new ProviderDown(outcome);
          return outcome;
        });
      } catch (err) {
        if (err instanceof ProviderDown) return err.outcome;
        if (err instanceof BrokenCircuitError) return null;
        throw err;
      }
    },
    onChange(listener) {
      policy.onStateChange((s) => listener(toState(s)));
    },
  };
}
