/**
 * The process the crash test kills: opens the app on a database, launches (or resumes) the campaign, and sends until
 * idle against the fake Quo server given on the command line. Exits 0 when done.
 */
import { createApp } from '../../../electron/app';
import { resumeSnapshots } from '../../../electron/campaigns/snapshot';
import { launchCampaign } from '../../../electron/campaigns/lifecycle';
import { daytimeClock } from '../../helpers/seed';

const [dbPath, campaignIdText] = process.argv.slice(2);
const app = await createApp({
  dbPath,
  now: daytimeClock(),
  log: () => undefined,
  providerTimeoutMs: 2_000,
  dispatch: { rates: { quo: Number.POSITIVE_INFINITY }, concurrency: 8, pollMs: 10 },
});
const id = Number(campaignIdText);
const status = (app.db.prepare('SELECT status FROM campaigns WHERE id = ?').get(id) as { status: string }).status;
if (status === 'draft') await launchCampaign(app, id);
else await resumeSnapshots(app);
process.send?.('launched');
await app.dispatcher.runUntilIdle();
await app.close();
process.exit(0);
