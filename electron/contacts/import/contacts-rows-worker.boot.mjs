// Starts a row-normalising worker from TypeScript sources (tests, tsx, CLI). See electron/workers.ts.
import { startWorker } from './dev-worker-build.mjs';

await startWorker(new URL('./rows-worker.ts', import.meta.url), 'contacts-rows-worker');
