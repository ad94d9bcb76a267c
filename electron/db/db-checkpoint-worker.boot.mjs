// Starts the WAL checkpoint worker from TypeScript sources (tests, tsx, CLI). See electron/workers.ts.
import { startWorker } from '../contacts/import/dev-worker-build.mjs';

await startWorker(new URL('./checkpoint-worker.ts', import.meta.url), 'db-checkpoint-worker');
