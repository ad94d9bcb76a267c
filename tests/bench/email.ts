import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../electron/app';
import { startFakeSmtp } from '../fakes/smtp';
import { tempDir } from '../helpers/db';
import { emailReady, insertEmailCampaign } from '../helpers/email-outbox';
import { daytimeClock } from '../helpers/seed';

/**
 * E-mail throughput: --messages N (default 2,000) campaign e-mails (text + HTML, unsubscribe headers) through the
 * real outbox and dispatcher to a real SMTP server (smtp-server) on 127.0.0.1, with nodemailer's pool of
 * --connections (default 5) and no rate limit: e-mails per second, CPU per e-mail. The server runs in this process
 * (its parsing costs CPU here too), so the figure is a floor of what the desk can hand to a mail server.
 */
const { values } = parseArgs({
  options: { messages: { type: 'string', default: '2000' }, connections: { type: 'string', default: '5' } },
});
const messages = Number(values.messages);
const connections = Number(values.connections);

const smtp = await startFakeSmtp();
const t = tempDir('smsdesk-bench-email-');
const app = await createApp({
  dbPath: join(t.dir, 'desk.sqlite'),
  now: daytimeClock(),
  log: () => undefined,
  dispatch: { rates: { smtp: Number.POSITIVE_INFINITY }, pollMs: 5, concurrency: 32 },
});
emailReady(app, 'https://desk.example.test');
app.settings.set('email.provider', 'smtp');
app.settings.set('smtp.host', '127.0.0.1');
app.settings.set('smtp.port', smtp.port);
app.settings.set('smtp.maxConnections', connections);
app.settings.set('smtp.rateLimit', 10_000);
const { campaignId } = insertEmailCampaign(app.db, messages, { provider: 'smtp', nowIso: app.now().toISOString() });

const cpu = process.cpuUsage();
const started = performance.now();
await app.dispatcher.runUntilIdle(5_000);
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
const sent = app.db
  .prepare(`SELECT COUNT(*) FROM outbox_messages WHERE campaign_id = ? AND state = 'sent'`)
  .pluck()
  .get(campaignId) as number;
console.log(
  JSON.stringify({
    bench: 'email-smtp',
    messages,
    sent,
    received: smtp.received.length,
    connections,
    connectionsOpened: smtp.connections,
    ms: Math.round(ms),
    messagesPerSecond: Math.round((sent / ms) * 1000 * 10) / 10,
    cpuUsPerMessage: Math.round((used.user + used.system) / Math.max(1, sent)),
    loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
  }),
);
await app.close();
await smtp.close();
t.cleanup();
