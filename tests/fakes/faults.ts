/**
 * Fault injection shared by the fake provider servers. A fault is chosen per request, either from a queue
 * ("the next 3 sends get a 503") or at random with a seeded generator, so chaos runs are repeatable.
 *
 * Each fault keeps the fake's record of what "really" happened honest:
 *   server_error          answered 5xx without processing            → not recorded
 *   rate_limited          answered 429 (+ Retry-After) unprocessed  → not recorded
 *   slow                  waits, then processes and answers          → recorded even if the client gave up
 *   accepted_then_timeout processes, then never answers (or late)    → recorded
 *   reset_before          reads the request, resets the connection  → not recorded
 *   reset_after           processes, then resets the connection     → recorded
 */

export type Fault =
  | { kind: 'server_error'; status?: number }
  /** retryAfter is the header value (seconds or an HTTP date); null sends no header. Default '1'. */
  | { kind: 'rate_limited'; retryAfter?: string | null }
  | { kind: 'slow'; delayMs: number }
  /** answerAfterMs: answer that late; absent: never answer (the socket stays open until the client leaves). */
  | { kind: 'accepted_then_timeout'; answerAfterMs?: number }
  | { kind: 'reset_before' }
  | { kind: 'reset_after' };

export type FaultKind = Fault['kind'];

/** Which requests a fault may hit: sends (POST of a message), reads (everything else), or any. */
export type FaultTarget = 'send' | 'read' | 'any';

export interface RandomFault {
  fault: Fault;
  /** 0–1; the probabilities of all rules together must not exceed 1. */
  probability: number;
}

export interface FaultPlan {
  /** The next `count` matching requests get `fault` (queued after faults already waiting). */
  next(fault: Fault, count?: number, target?: FaultTarget): void;
  /** From now on, each matching request draws one fault (or none) with a generator seeded by `seed`. */
  random(rules: RandomFault[], options: { seed: number; target?: FaultTarget }): void;
  /** Forget queued and random faults (counters stay). */
  clear(): void;
  /** Used by the fake servers: the fault for this request, or null. */
  take(requestTarget: 'send' | 'read'): Fault | null;
  /** How many times each fault was applied. */
  readonly injected: Readonly<Record<FaultKind, number>>;
}

/** mulberry32: tiny, fast and good enough to make chaos runs repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function matches(target: FaultTarget, requestTarget: 'send' | 'read'): boolean {
  return target === 'any' || target === requestTarget;
}

export function createFaultPlan(): FaultPlan {
  const queue: Array<{ fault: Fault; target: FaultTarget }> = [];
  let randomRules: { rules: RandomFault[]; target: FaultTarget; draw: () => number } | null = null;
  const injected: Record<FaultKind, number> = {
    server_error: 0,
    rate_limited: 0,
    slow: 0,
    accepted_then_timeout: 0,
    reset_before: 0,
    reset_after: 0,
  };

  const apply = (fault: Fault): Fault => {
    injected[fault.kind] += 1;
    return fault;
  };

  return {
    injected,
    next(fault, count = 1, target = 'any') {
      for (let i = 0; i < count; i += 1) queue.push({ fault, target });
    },
    random(rules, options) {
      const total = rules.reduce((sum, rule) => sum + rule.probability, 0);
      if (total > 1 + 1e-9) throw new Error(`fault probabilities add up to ${total}, more than 1`);
      randomRules = { rules, target: options.target ?? 'any', draw: seededRandom(options.seed) };
    },
    clear() {
      queue.length = 0;
      randomRules = null;
    },
    take(requestTarget) {
      const index = queue.findIndex((entry) => matches(entry.target, requestTarget));
      if (index >= 0) return apply(queue.splice(index, 1)[0].fault);
      if (!randomRules || !matches(randomRules.target, requestTarget)) return null;
      const roll = randomRules.draw();
      let upTo = 0;
      for (const rule of randomRules.rules) {
        upTo += rule.probability;
        if (roll < upTo) return apply(rule.fault);
      }
      return null;
    },
  };
}
