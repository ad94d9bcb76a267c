import { createApp } from '../../../electron/app';
import { sqliteTransaction, startRelay } from '../../../electron/webhooks/relay';
import { PUBLIC_URL, QUO_SIGNING_SECRET, QUO_WEBHOOK_SECRET, TWILIO_AUTH_TOKEN } from './signers';

/**
 * The relay as its own process, for crash tests: builds the app on the database path given as the first argument,
 * starts the relay on a free loopback port and prints `{"port":…}` once it is listening.
 */
const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: relay-child.ts <database path>');
const app = await createApp({ dbPath, log: () => undefined });
const relay = await startRelay({
  port: 0,
  publicUrl: PUBLIC_URL,
  secrets: {
    quoSigningSecret: QUO_SIGNING_SECRET,
    quoWebhookSecret: QUO_WEBHOOK_SECRET,
    twilioAuthToken: TWILIO_AUTH_TOKEN,
  },
  ingest: (event, raw) => app.ingest(event, raw),
  transaction: sqliteTransaction(app.db),
  now: () => new Date(),
});
process.stdout.write(`${JSON.stringify({ port: relay.port })}\n`);
process.on('SIGTERM', () => {
  void relay
    .close()
    .then(() => app.close())
    .then(() => process.exit(0));
});
