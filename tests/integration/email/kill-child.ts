/**
 * The process the e-mail kill test kills: opens the app on a database whose campaign already holds its e-mails (as a
 * snapshot writes them) and sends until idle through the SMTP server set in its settings. Exits 0 when done.
 */
import { createApp } from '../../../electron/app';
import { daytimeClock } from '../../helpers/seed';

const [dbPath] = process.argv.slice(2);
const app = await createApp({
  dbPath,
  now: daytimeClock(),
  log: () => undefined,
  providerTimeoutMs: 2_000,
  dispatch: { rates: { smtp: Number.POSITIVE_INFINITY }, concurrency: 8, pollMs: 10 },
});
process.send?.('started');
await app.dispatcher.runUntilIdle();
await app.close();
process.exit(0);
