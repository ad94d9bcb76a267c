// Starts the import worker from TypeScript sources (tests, tsx, CLI). See electron/workers.ts.
import { startWorker } from './dev-worker-build.mjs';

await startWorker(new URL('./import-worker.ts', import.meta.url), 'contacts-import-worker');
