import type { Worker } from 'node:worker_threads';
import { AppError, isAppError, type ErrorCode } from '../../shared/errors';
import type { AnalyticsSummaryView, CampaignResultsView, RecipientsPage } from '../../shared/ipc/channels/analytics';
import type { SqliteDb } from '../db/connection';
import { startWorker } from '../workers';
import { campaignRecipients, type RecipientsQuery } from './recipients';
import { campaignResults } from './results';
import type { AnalyticsSettings } from './settings';
import { analyticsSummary, type SummaryQuery } from './summary';
import type { CompareGroupInput } from './insights/compare';
import type { AbMetric } from '../../shared/abtests/wording';

/**
 * The reads behind the dashboard, the results page, best time and segment comparison, by name, with plain (cloneable)
 * arguments. Best time and comparison are loaded on their first use: they bring in the contacts and campaigns domains
 * (phone numbers, quiet hours), which took the reader thread's start from ~280 to ~450 ms of CPU, and the dashboard —
 * the app's home — waits for that start on its first load.
 */
export const ANALYTICS_READS = {
  summary: (db: SqliteDb, a: { settings: AnalyticsSettings; query: SummaryQuery; now: string }): AnalyticsSummaryView =>
    analyticsSummary(db, a.settings, a.query, new Date(a.now)),
  results: (db: SqliteDb, a: { settings: AnalyticsSettings; campaignId: number; now: string }): CampaignResultsView =>
    campaignResults(db, a.settings, a.campaignId, new Date(a.now)),
  recipients: (db: SqliteDb, a: { currency: string; query: RecipientsQuery }): RecipientsPage =>
    campaignRecipients(db, a.currency, a.query),
  bestTime: async (db: SqliteDb, a: { businessZone: string }) =>
    (await loadBestTime()).bestTimeReport(db, a.businessZone),
  compare: async (db: SqliteDb, a: { groups: CompareGroupInput[]; metric: AbMetric; now: string }) =>
    (await loadCompare()).compareSegments(db, a.groups, a.metric, new Date(a.now)),
};
const loadBestTime = () => import('./insights/best-time');
const loadCompare = () => import('./insights/compare');

/** Loads the code best time and comparison load on first use (the reader thread does it once it is idle). */
export async function loadInsightsCode(): Promise<void> {
  await loadBestTime();
  await loadCompare();
}
export type ReadKind = keyof typeof ANALYTICS_READS;
export type ReadArgs<K extends ReadKind> = Parameters<(typeof ANALYTICS_READS)[K]>[1];
export type ReadAnswer<K extends ReadKind> = Awaited<ReturnType<(typeof ANALYTICS_READS)[K]>>;

export type ToReadWorker = { id: number; kind: ReadKind; args: ReadArgs<ReadKind> };
export type FromReadWorker =
  | { id: number; ok: true; value: ReadAnswer<ReadKind> }
  | { id: number; ok: false; code: ErrorCode; message: string }
  | { warmed: true };

export interface AnalyticsReads {
  /** Starts the reader thread now (at app start), so the first report does not pay for it on the main thread. */
  warm(): void;
  /**
   * Settles once the reader thread has started and, idle, loaded the code that best time and comparison would
   * otherwise load on their first ask (see read-worker.ts); starts the thread if it is not running.
   */
  warmed(): Promise<void>;
  read<K extends ReadKind>(kind: K, args: ReadArgs<K>): Promise<ReadAnswer<K>>;
  /** Ends the worker thread (awaited: its connection is closed before the app closes the file). */
  close(): Promise<void>;
}

/** Runs one read on `db`: the worker's body, and the in-thread path of an in-memory database. */
export async function runRead<K extends ReadKind>(db: SqliteDb, kind: K, args: ReadArgs<K>): Promise<ReadAnswer<K>> {
  // The table's entries differ in argument type; `kind` and `args` come as a pair, checked by the signature above.
  const read = ANALYTICS_READS[kind] as (db: SqliteDb, a: ReadArgs<K>) => ReadAnswer<K> | Promise<ReadAnswer<K>>;
  return read(db, args);
}

/**
 * The dashboard summary and a campaign's results read days of roll-ups and a campaign's outcomes: ~150 ms at ten
 * million messages, too long to hold the Electron main thread (issue 13: never > 50 ms). They run on a worker thread
 * with its own read connection (WAL: it sees every committed write, and never blocks the writer). Started on the
 * app's start (warm) or on the first read, kept for the next ones; restarted if it dies. An in-memory database has no file another connection
 * could open, so its reads run here.
 */
export function createAnalyticsReads(db: SqliteDb, file: { dbPath: string; nativeBinding?: string }): AnalyticsReads {
  if (file.dbPath === ':memory:' || file.dbPath === '') {
    return {
      warm: () => {},
      warmed: loadInsightsCode,
      read: (kind, args) => runRead(db, kind, args),
      close: async () => {},
    };
  }
  let worker: Worker | null = null;
  // Settles when the running thread says it has loaded its on-first-use code (or has gone); one per thread started.
  let warmedUp: Promise<void> = Promise.resolve();
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: ReadAnswer<ReadKind>) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const start = (): Worker => {
    const w = startWorker('analytics-read-worker', import.meta.url, {
      workerData: { dbPath: file.dbPath, nativeBinding: file.nativeBinding },
    });
    let warmedNow = () => {};
    warmedUp = new Promise<void>((resolve) => (warmedNow = resolve));
    w.on('message', (msg: FromReadWorker) => {
      if ('warmed' in msg) return warmedNow();
      const p = waiting.get(msg.id);
      if (!p) return;
      waiting.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new AppError(msg.code, msg.message));
    });
    const gone = (e: Error) => {
      if (worker === w) worker = null;
      warmedNow(); // nothing more to wait for from this thread
      failAll(e);
    };
    w.on('error', (e) => gone(new AppError('internal', `The results reader stopped: ${e.message}`)));
    w.on('exit', (code) => gone(new AppError('internal', `The results reader stopped (exit code ${code}).`)));
    return w;
  };
  return {
    warm() {
      worker ??= start();
    },
    async warmed() {
      worker ??= start();
      await warmedUp;
    },
    read<K extends ReadKind>(kind: K, args: ReadArgs<K>): Promise<ReadAnswer<K>> {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise<ReadAnswer<K>>((resolve, reject) => {
        // The worker answers this id with this kind's answer (runRead on the other side).
        waiting.set(id, { resolve: resolve as (v: ReadAnswer<ReadKind>) => void, reject });
        w.postMessage({ id, kind, args } satisfies ToReadWorker);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (!w) return;
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        void w.terminate();
      });
      failAll(new AppError('internal', 'The app is closing.'));
    },
  };
}

/** An error from the worker as it crosses back: a business error keeps its code, anything else is internal. */
export function readFailure(id: number, e: unknown): FromReadWorker {
  return isAppError(e)
    ? { id, ok: false, code: e.code, message: e.message }
    : { id, ok: false, code: 'internal', message: e instanceof Error ? e.message : String(e) };
}
