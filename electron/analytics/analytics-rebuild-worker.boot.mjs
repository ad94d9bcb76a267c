// Starts the analytics roll-up rebuild worker from TypeScript sources (tests, tsx, CLI). See electron/workers.ts.
import { startWorker } from '../contacts/import/dev-worker-build.mjs';

await startWorker(new URL('./rebuild-worker.ts', import.meta.url), 'analytics-rebuild-worker');
