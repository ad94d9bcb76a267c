import type { BackgroundProblem } from '../../shared/ipc/channels/monitoring';

/**
 * Failures of the work that runs by itself (the send queue's ticks, provider events, schedules). Such work repeats
 * every fraction of a second, so one cause would otherwise log thousands of identical stack traces; each distinct
 * failure is logged once, counted, and shown on the Monitoring page until the job runs cleanly again.
 */
export interface BackgroundProblems {
  /** `job` failed this time with `err`. */
  failed(job: string, err: unknown): void;
  /** `job` ran cleanly: its problem, if any, is over. */
  ok(job: string): void;
  list(): BackgroundProblem[];
}

/** Distinct failures remembered as already logged (a bound, in case messages carry ids). */
const LOGGED_MAX = 200;

export function createBackgroundProblems(
  now: () => Date,
  log: (msg: string, err?: unknown) => void,
): BackgroundProblems {
  const current = new Map<string, BackgroundProblem>();
  const logged = new Set<string>();
  return {
    failed(job, err) {
      const message = err instanceof Error ? err.message : String(err);
      const at = now().toISOString();
      const seen = current.get(job);
      if (seen && seen.message === message) {
        seen.count++;
        seen.lastAt = at;
      } else current.set(job, { job, message, since: at, lastAt: at, count: 1 });
      const key = `${job}\u0000${message}`;
      if (logged.has(key)) return;
      if (logged.size >= LOGGED_MAX) logged.clear();
      logged.add(key);
      log(`${job} failed (logged once; the Monitoring page shows while it lasts)`, err);
    },
    ok(job) {
      current.delete(job);
    },
    list: () => [...current.values()].map((p) => ({ ...p })),
  };
}
