import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Where the app's worker threads live.
 *
 * Under plain Node with TypeScript sources (vitest, tsx, the CLI) each worker starts from a small `.boot.mjs`
 * beside its source that bundles the `.ts` entry (electron/contacts/import/dev-worker-build.mjs) and imports it.
 * In the built Electron app there are no `.ts` files: the bundler emits each entry of `workerEntries` as
 * `<name>.js` in the same folder as the main bundle (electron.vite.config.ts adds them to the main build's inputs).
 */
export const workerEntries = {
  'contacts-import-worker': 'electron/contacts/import/import-worker.ts',
  'contacts-rows-worker': 'electron/contacts/import/rows-worker.ts',
  'contacts-reader-worker': 'electron/contacts/import/reader-worker.ts',
  'db-checkpoint-worker': 'electron/db/checkpoint-worker.ts',
  'db-pg-sync-worker': 'electron/db/pg-sync-worker.ts',
  'analytics-rebuild-worker': 'electron/analytics/rebuild-worker.ts',
  'analytics-read-worker': 'electron/analytics/read-worker.ts',
  'engagement-recompute-worker': 'electron/analytics/engagement/recompute-worker.ts',
  'analytics-predict-worker': 'electron/analytics/predict/predict-worker.ts',
} as const;

export type WorkerName = keyof typeof workerEntries;

/** @param base the starting module's import.meta.url: its `.boot.mjs` files sit beside it */
export function workerUrl(name: WorkerName, base: string): URL {
  return /\.[cm]?ts$/.test(new URL(base).pathname)
    ? new URL(`./${name}.boot.mjs`, base)
    : new URL(`./${name}.js`, base);
}

/**
 * Starts one of the app's workers. It does not inherit the process's Node options: under tsx those load tsx's
 * loader into every thread, about 0.4 s of start-up each, and no worker needs it (a boot file bundles its worker).
 */
export function startWorker(name: WorkerName, base: string, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  return new Worker(workerUrl(name, base), { ...options, execArgv: [] });
}
