import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../electron/app';
import { launchCampaign } from '../../electron/campaigns/lifecycle';
import { tempDir } from '../helpers/db';
import { daytimeClock, seedContacts } from '../helpers/seed';

/**
 * Campaign benchmarks, one JSON line each:
 *  snapshot  — audience snapshot + render + outbox write for --contacts N (default 1,000,000), with the longest
 *              event-loop block seen meanwhile (the Electron main thread must never block > 50 ms);
 *  quo10     — dispatch of --messages N (default 500) against the fake Quo enforcing 10 requests/s: achieved rate, 429s;
 *  overhead  — dispatch against an unlimited, minimal Quo-shaped server in another process: messages per second of
 *              local capacity (the full fake's bookkeeping would measure the fake, not us).
 */
const { values } = parseArgs({
  options: {
    part: { type: 'string', default: 'all' },
    contacts: { type: 'string' },
    messages: { type: 'string' },
    json: { type: 'boolean' },
    'distinct-names': { type: 'boolean' },
  },
});
const part = values.part;

async function appWithQuo(quoUrl: string, rate: number) {
  const t = tempDir('smsdesk-bench-');
  const app = await createApp({
    dbPath: join(t.dir, 'desk.sqlite'),
    now: daytimeClock(),
    log: () => undefined,
    dispatch: { rates: { quo: rate }, pollMs: 5, concurrency: 32 },
  });
  app.settings.set('provider', 'quo');
  app.settings.set('quo.baseUrl', quoUrl);
  app.settings.set('quo.from', '+15550100000');
  app.secrets.set('quo.apiKey', 'test-quo-key');
  return { app, cleanup: t.cleanup };
}

async function snapshot(contacts: number) {
  const t = tempDir('smsdesk-bench-');
  const app = await createApp({ dbPath: join(t.dir, 'desk.sqlite'), now: daytimeClock(), log: () => undefined });
  app.settings.set('business.name', 'Bloom Florist');
  for (let i = 0; i < contacts; i += 100_000) seedContacts(app.db, Math.min(100_000, contacts - i), { start: i });
  // The seeded contacts share a few first names, so most texts are rendered once and reused (as real lists' first
  // names repeat, less so); --distinct-names gives every contact its own, so every text is rendered.
  if (values['distinct-names']) app.db.prepare(`UPDATE contacts SET first_name = first_name || id`).run();
  const c = app.db
    .prepare(
      `INSERT INTO campaigns (name, body, audience_json, provider, created_at, updated_at) VALUES ('bench', 'Hi {{first_name|there}}, spring sale at {{business_name}}: 20% off this weekend. Reply STOP to opt out', '{}', 'sandbox', 'x', 'x')`,
    )
    .run();
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const t0 = performance.now();
  await launchCampaign(app, Number(c.lastInsertRowid));
  const ms = performance.now() - t0;
  // A block at the very end of the launch is recorded only when the monitor's next timer fires: let it fire.
  await new Promise((resolve) => setTimeout(resolve, 20));
  lag.disable();
  const n = (app.db.prepare('SELECT COUNT(*) AS n FROM outbox_messages').get() as { n: number }).n;
  console.log(
    JSON.stringify({
      bench: 'campaign-snapshot',
      contacts,
      distinctNames: !!values['distinct-names'],
      messages: n,
      ms: Math.round(ms),
      messagesPerSecond: Math.round((n / ms) * 1000),
      maxEventLoopBlockMs: Math.round(lag.max / 1e6),
      p99EventLoopBlockMs: Math.round(lag.percentile(99) / 1e6),
      rssMb: Math.round(process.memoryUsage().rss / 1048576),
    }),
  );
  await app.close();
  t.cleanup();
}

/** The fake runs in its own process, as the real provider would: its clock is not stalled by our commits. */
async function quo10(messages: number) {
  const child = fork(join(import.meta.dirname, '_fake-quo-process.ts'), ['10'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve) => child.once('message', (m) => resolve(m as string)));
  const { app, cleanup } = await appWithQuo(url, 10);
  seedContacts(app.db, messages);
  const c = app.db
    .prepare(
      `INSERT INTO campaigns (name, body, audience_json, provider, created_at, updated_at) VALUES ('bench', 'Sale! Reply STOP to opt out', '{}', 'quo', 'x', 'x')`,
    )
    .run();
  await launchCampaign(app, Number(c.lastInsertRowid));
  const t0 = performance.now();
  await app.dispatcher.runUntilIdle();
  const ms = performance.now() - t0;
  child.send('stats');
  const stats = await new Promise<{ sent: number; rateLimited: number }>((resolve) =>
    child.once('message', (m) => resolve(m as { sent: number; rateLimited: number })),
  );
  const achieved = (stats.sent / ms) * 1000;
  console.log(
    JSON.stringify({
      bench: 'dispatch-quo-10rps',
      messages,
      sent: stats.sent,
      ms: Math.round(ms),
      achievedPerSecond: Number(achieved.toFixed(2)),
      ofLimitPercent: Number(((achieved / 10) * 100).toFixed(1)),
      rateLimited429: stats.rateLimited,
    }),
  );
  await app.close();
  child.kill();
  cleanup();
}

/** The fake runs in its own process, so the figure is our side's capacity, not the fake's. */
async function overhead(messages: number) {
  const child = fork(join(import.meta.dirname, '_quo-sink-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve) => child.once('message', (m) => resolve(m as string)));
  const { app, cleanup } = await appWithQuo(url, Number.POSITIVE_INFINITY);
  seedContacts(app.db, messages);
  const c = app.db
    .prepare(
      `INSERT INTO campaigns (name, body, audience_json, provider, created_at, updated_at) VALUES ('bench', 'Sale! Reply STOP to opt out', '{}', 'quo', 'x', 'x')`,
    )
    .run();
  await launchCampaign(app, Number(c.lastInsertRowid));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await app.dispatcher.runUntilIdle();
  const ms = performance.now() - t0;
  // CPU time of this process per message: on a shared machine wall-clock rates swing with the neighbours' load, this does not.
  const cpu = process.cpuUsage(cpu0);
  const sent = (app.db.prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE state = 'sent'`).get() as { n: number })
    .n;
  console.log(
    JSON.stringify({
      bench: 'dispatch-overhead-unlimited',
      messages,
      sent,
      ms: Math.round(ms),
      messagesPerSecond: Math.round((sent / ms) * 1000),
      cpuUsPerMessage: Math.round((cpu.user + cpu.system) / sent),
      cpuSystemUsPerMessage: Math.round(cpu.system / sent),
    }),
  );
  await app.close();
  child.kill();
  cleanup();
}

if (part === 'all' || part === 'snapshot')
  await snapshot(Number(values.contacts ?? (part === 'all' ? 100_000 : 1_000_000)));
if (part === 'all' || part === 'quo10') await quo10(Number(values.messages ?? (part === 'all' ? 100 : 500)));
if (part === 'all' || part === 'overhead') await overhead(Number(values.messages ?? 5000));
