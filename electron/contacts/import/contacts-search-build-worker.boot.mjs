// Starts a bulk import's search-index builder from TypeScript sources (tests, tsx, CLI). See electron/workers.ts.
import { startWorker } from './dev-worker-build.mjs';

await startWorker(new URL('./search-build-worker.ts', import.meta.url), 'contacts-search-build-worker');
