/**
 * The process the e-mail kill test kills: opens the app on a database whose campaign already holds its e-mails (as a
 * snapshot writes them) and sends until idle through the SMTP server set in its settings. Exits 0 when done.
 */
import { openKillTestApp } from './kill-app';

const [dbPath] = process.argv.slice(2);
const app = await openKillTestApp(dbPath);
process.send?.('started');
await app.dispatcher.runUntilIdle();
await app.close();
process.exit(0);
