// Starts the engagement recompute worker from TypeScript sources (tests, tsx, CLI). See electron/workers.ts.
import { startWorker } from '../../contacts/import/dev-worker-build.mjs';

await startWorker(new URL('./recompute-worker.ts', import.meta.url), 'engagement-recompute-worker');
