import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createApp } from '../../../electron/app';
import { runCli } from '../../../electron/cli/index';
import { unusedLoopbackUrl } from '../../fakes/fake-server';
import { startFakeQuo, type FakeQuo } from '../../fakes/quo';
import { tempDir } from '../../helpers/db';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => '',
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

let quo: FakeQuo;
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A database set up for Quo (the fake), with one sent message the fake has since delivered, and one dead letter. */
async function prepared(): Promise<{ db: string; messageId: string; deadId: number }> {
  const t = tempDir();
  cleanups.push(t.cleanup);
  quo = await startFakeQuo({ rateLimitPerSecond: 'unlimited' });
  cleanups.push(() => quo.close());
  const db = join(t.dir, 'desk.sqlite');
  const app = await createApp({ dbPath: db, log: () => undefined });
  app.settings.set('provider', 'quo');
  app.settings.set('quo.baseUrl', quo.url);
  app.settings.set('quo.from', '+15550100000');
  app.settings.set('webhooks.port', Number(new URL(await unusedLoopbackUrl()).port));
  app.secrets.set('quo.apiKey', 'test-quo-key');
  const sentAt = new Date(Date.now() - 30 * 60_000);
  const m = quo.addMessage({
    direction: 'outgoing',
    participant: '+14155550100',
    text: 'Tulips are in! Reply STOP to opt out',
    status: 'delivered',
    createdAt: sentAt,
  });
  const nowIso = new Date().toISOString();
  app.db
    .prepare(
      `INSERT INTO outbox_messages (kind, to_phone, from_number, body, provider, state, provider_message_id, created_at, updated_at, sent_at) VALUES ('help', '+14155550100', '+15550100000', ?, 'quo', 'sent', ?, ?, ?, ?)`,
    )
    .run(m.text, m.id, nowIso, nowIso, sentAt.toISOString());
  // A dead letter: processing it failed (the inbox refused it) until the queue gave up.
  app.db.exec(
    `CREATE TRIGGER refuse_all BEFORE INSERT ON inbound_messages BEGIN SELECT RAISE(ABORT, 'inbox refused'); END`,
  );
  const deadId = app.ingest({
    kind: 'inbound',
    provider: 'quo',
    eventId: 'EVdead',
    providerMessageId: 'ACdead',
    from: '+14155550101',
    to: '+15550100000',
    body: 'Hi!',
    at: nowIso,
  })!;
  for (let i = 0; i < 8; i++) {
    app.db.prepare('UPDATE webhook_events SET next_attempt_at = NULL WHERE id = ?').run(deadId);
    app.monitoring.retryPass();
  }
  app.db.exec('DROP TRIGGER refuse_all');
  await app.close();
  return { db, messageId: m.id, deadId };
}

describe('monitoring CLI', () => {
  it('reconcile --json prints the diff report, and a second run finds nothing to fix', async () => {
    const { db, messageId } = await prepared();
    const first = await cli([
      '--db',
      db,
      'reconcile',
      '--since',
      new Date(Date.now() - 3_600_000).toISOString(),
      '--json',
    ]);
    expect(first.code).toBe(0);
    const run = JSON.parse(first.stdout);
    expect(run).toMatchObject({
      provider: 'quo',
      trigger: 'manual',
      status: 'ok',
      diff: {
        listing: 'workspace',
        statusesFixed: [{ providerMessageId: messageId, before: 'sent', after: 'delivered' }],
      },
    });
    const second = await cli(['--db', db, '--json', 'reconcile']);
    expect(JSON.parse(second.stdout).diff.statusesFixed).toEqual([]);
    const text = await cli(['--db', db, 'reconcile']);
    expect(text.stdout).toMatch(/Nothing to fix: the provider and this app agree\./);
  });

  it('reconcile refuses a bad date (exit 2) and exits 1 with the reason when the provider cannot be listed', async () => {
    const { db } = await prepared();
    const bad = await cli(['--db', db, 'reconcile', '--since', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since must be an ISO date/);
    await quo.close();
    const down = await cli(['--db', db, '--json', 'reconcile']);
    expect(down.code).toBe(1);
    expect(JSON.parse(down.stderr).error.message).toMatch(/Reconciliation \d+ failed: .*Could not reach Quo/);
  });

  it('health --json runs the checks now and exits 0 even when red', async () => {
    const { db } = await prepared();
    const r = await cli(['--db', db, 'health', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.status).toBe('red');
    expect(report.reason).toMatch(/^Relay: The webhook relay is not listening/);
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual(['relay', 'tunnel', 'webhook_lag', 'registration']);
  });

  it('deadletters list shows the dead letter; replay processes it', async () => {
    const { db, deadId } = await prepared();
    const list = await cli(['--db', db, '--json', 'deadletters', 'list', '--dead']);
    expect(JSON.parse(list.stdout)).toMatchObject({
      total: 1,
      rows: [{ id: deadId, state: 'dead', attempts: 8, lastError: 'inbox refused' }],
    });
    expect((await cli(['--db', db, 'deadletters', 'list'])).stdout).toMatch(
      /dead\s+quo\s+8×\s+text from \+14155550101: Hi!/,
    );
    const replay = await cli(['--db', db, 'deadletters', 'replay', String(deadId)]);
    expect(replay).toMatchObject({ code: 0, stdout: `Event ${deadId} replayed and processed.` });
    expect((await cli(['--db', db, 'deadletters', 'list'])).stdout).toBe('No dead letters and no failing events.');
    expect((await cli(['--db', db, 'deadletters', 'replay', 'x'])).code).toBe(2);
  });
});
