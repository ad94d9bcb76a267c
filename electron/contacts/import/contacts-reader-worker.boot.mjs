// Starts an import's reader worker from TypeScript sources (tests, tsx, CLI). See electron/workers.ts.
import { startWorker } from './dev-worker-build.mjs';

await startWorker(new URL('./reader-worker.ts', import.meta.url), 'contacts-reader-worker');
