// Starts the predictions worker from TypeScript sources (tests, tsx, CLI). See electron/workers.ts.
import { startWorker } from '../../contacts/import/dev-worker-build.mjs';

await startWorker(new URL('./predict-worker.ts', import.meta.url), 'analytics-predict-worker');
