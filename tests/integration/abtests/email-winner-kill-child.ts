/**
 * The process the e-mail winner kill test kills. `release`: sends variant B to the held-back rest of an e-mail A/B
 * test while the dispatcher sends what is queued; with a count, the child SIGKILLs itself between two chunks of the
 * release once that many of the rest are queued (an interrupted release). `resume`: what a restarted app does — the
 * background check continues the release — then sends until idle. Exits 0 when done.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { checkWaitingAbTests } from '../../../electron/abtests/jobs';
import { sendWinner } from '../../../electron/abtests/winner';
import { openKillTestApp } from '../email/kill-app';

const [dbPath, idText, mode, killAfter] = process.argv.slice(2);
const campaignId = Number(idText);
const app = await openKillTestApp(dbPath);
process.send?.('started');
if (mode === 'resume') {
  await checkWaitingAbTests(app);
} else {
  if (killAfter !== undefined) {
    const queued = app.db
      .prepare('SELECT COUNT(*) FROM outbox_messages WHERE campaign_id = ? AND ab_remainder = 1')
      .pluck();
    // The release yields to the event loop between chunks: this check runs there, and dies mid-release.
    const watch = () => {
      if (Number(queued.get(campaignId)) >= Number(killAfter)) process.kill(process.pid, 'SIGKILL');
      else setImmediate(watch);
    };
    setImmediate(watch);
  }
  let released = false;
  const release = sendWinner(app, campaignId, { variant: 1, chunk: 3 }).finally(() => (released = true));
  while (!released) {
    await app.dispatcher.runUntilIdle();
    await sleep(1);
  }
  await release;
}
await app.dispatcher.runUntilIdle();
await app.close();
process.exit(0);
