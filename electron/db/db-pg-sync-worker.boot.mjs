// Starts the PostgreSQL connection's worker from TypeScript sources (tests, tsx, CLI). See electron/workers.ts.
import { startWorker } from '../contacts/import/dev-worker-build.mjs';

await startWorker(new URL('./pg-sync-worker.ts', import.meta.url), 'db-pg-sync-worker');
