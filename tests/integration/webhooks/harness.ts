import { join } from 'node:path';
import { createApp, type DeskApp } from '../../../electron/app';
import {
  sqliteTransaction,
  startRelay,
  type Relay,
  type RelayOptions,
  type WebhookSecrets,
} from '../../../electron/webhooks/relay';
import { tempDir } from '../../helpers/db';
import { PUBLIC_URL, QUO_SIGNING_SECRET, QUO_WEBHOOK_SECRET, TWILIO_AUTH_TOKEN } from './signers';

export const START = Date.parse('2026-11-28T15:00:00Z');

/** A real app on a temp database with the relay in front of it on 127.0.0.1, and a clock the test moves. */
export async function relayHarness(overrides: Partial<RelayOptions> = {}) {
  const dir = tempDir('smsdesk-relay-');
  let t = START;
  const now = () => new Date(t);
  const app: DeskApp = await createApp({ dbPath: join(dir.dir, 'desk.sqlite'), now, log: () => undefined });
  app.settings.set('business.name', 'Bloom Florist');
  const secrets: WebhookSecrets = {
    quoSigningSecret: QUO_SIGNING_SECRET,
    quoWebhookSecret: QUO_WEBHOOK_SECRET,
    twilioAuthToken: TWILIO_AUTH_TOKEN,
  };
  let storedSignals = 0;
  const relay: Relay = await startRelay({
    port: 0,
    publicUrl: PUBLIC_URL,
    secrets: () => secrets,
    ingest: (event, raw) => app.ingest(event, raw),
    transaction: sqliteTransaction(app.db),
    now,
    onStored: () => storedSignals++,
    ...overrides,
  });
  return {
    app,
    relay,
    secrets,
    now,
    advance: (ms: number) => (t += ms),
    storedSignals: () => storedSignals,
    rows: () =>
      app.db
        .prepare('SELECT provider, event_id AS eventId, type, state FROM webhook_events ORDER BY id')
        .all() as Array<{ provider: string; eventId: string; type: string; state: string }>,
    async close() {
      await relay.close();
      await app.close();
      dir.cleanup();
    },
  };
}

export type RelayHarness = Awaited<ReturnType<typeof relayHarness>>;
