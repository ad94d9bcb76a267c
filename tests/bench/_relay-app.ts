import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../electron/app';
import { sqliteTransaction, startRelay } from '../../electron/webhooks/relay';
import { QUO_SIGNING_SECRET } from '../integration/webhooks/signers';

/** A real app on a fresh temp database with the relay in front of it on 127.0.0.1, as the webhook benchmarks use it. */
export async function startBenchRelay(options: { batchWindowMs?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-'));
  const app = await createApp({ dbPath: join(dir, 'desk.sqlite'), log: () => undefined });
  const relay = await startRelay({
    port: 0,
    secrets: { quoSigningSecret: QUO_SIGNING_SECRET },
    ingest: (event, raw) => app.ingest(event, raw),
    transaction: sqliteTransaction(app.db),
    batchWindowMs: options.batchWindowMs,
    now: () => new Date(),
  });
  return {
    app,
    relay,
    async close(graceMs?: number) {
      await relay.close(graceMs);
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
