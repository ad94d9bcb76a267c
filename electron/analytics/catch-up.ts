import type { SqliteDb } from '../db/connection';
import { ingestOutcomes } from './ingest';
import type { AnalyticsSettings } from './settings';

/** Rounds of ingestOutcomes a report waits for at most; what is left is the background tick's. */
const MAX_ROUNDS = 20;

const running = new WeakMap<SqliteDb, Promise<void>>();
const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface CatchUpOptions {
  maxRounds?: number;
  /** Runs each round (benchmarks wrap it to time it). */
  around?: (round: () => number) => number;
}

/**
 * Takes in the outcomes that arrived since the last tick before a report is read, one bounded round
 * (ingestOutcomes) per event-loop task, so the main thread is never held for the whole backlog (issue 13: never
 * > 50 ms; a backlog of contacts waiting to be rescored is 20 rounds of a few ms each). One catch-up per connection at a
 * time: a report asked for while one runs waits for that one.
 */
export function catchUpInSlices(
  db: SqliteDb,
  s: AnalyticsSettings,
  now: Date,
  options: CatchUpOptions = {},
): Promise<void> {
  const current = running.get(db);
  if (current) return current;
  const run = (async () => {
    for (let i = 0; i < (options.maxRounds ?? MAX_ROUNDS); i++) {
      if (i > 0) await nextTask();
      const round = () => ingestOutcomes(db, s, now);
      if ((options.around ? options.around(round) : round()) === 0) return;
    }
  })().finally(() => running.delete(db));
  running.set(db, run);
  return run;
}
