import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../app';
import { startHarness } from './server';

/** `npm run web`: the real core and the built renderer on 127.0.0.1 for a person to look at in a browser. */
const { values } = parseArgs({
  options: { db: { type: 'string' }, port: { type: 'string' } },
  allowPositionals: false,
});
const staticDir = resolve('out/renderer');
if (!existsSync(resolve(staticDir, 'index.html'))) {
  console.error('error: the renderer is not built; run `npm run build:web` first (npm run web does it for you).');
  process.exit(1);
}
const app = await createApp({ dbPath: values.db ?? process.env.SMS_DESK_DB });
app.startJobs();
const harness = await startHarness(app, { staticDir, port: values.port ? Number(values.port) : 0 });
console.log(`SMS Campaign Desk (browser harness) on ${harness.url}`);
console.log(`Database: ${app.paths.dbPath}. Press Ctrl+C to stop.`);
const stop = async () => {
  await harness.close();
  await app.close();
  process.exit(0);
};
const onSignal = () => {
  stop().catch((err: unknown) => {
    console.error('The harness did not stop cleanly:', err);
    process.exit(1);
  });
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
