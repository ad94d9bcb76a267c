import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createApp, type DeskApp } from '../../../electron/app';
import { launchCampaign } from '../../../electron/campaigns/lifecycle';
import { startFakeQuo, type FakeQuo } from '../../fakes/quo';
import { tempDir } from '../../helpers/db';
import { daytimeClock, seedContacts } from '../../helpers/seed';

const MAX_ATTEMPTS = 4;
let app: DeskApp;
let quo: FakeQuo;
let cleanup: () => void;

async function setup(breaker: { threshold: number; halfOpenMs: number }) {
  const t = tempDir();
  cleanup = t.cleanup;
  quo = await startFakeQuo({ rateLimitPerSecond: 'unlimited' });
  app = await createApp({
    dbPath: join(t.dir, 'desk.sqlite'),
    now: daytimeClock(),
    log: () => undefined,
    providerTimeoutMs: 400,
    dispatch: {
      rates: { quo: 500 },
      concurrency: 8,
      maxAttempts: MAX_ATTEMPTS,
      backoff: { baseMs: 20, capMs: 200 },
      breakerThreshold: breaker.threshold,
      breakerHalfOpenMs: breaker.halfOpenMs,
      pollMs: 10,
    },
  });
  app.settings.set('provider', 'quo');
  app.settings.set('quo.baseUrl', quo.url);
  app.settings.set('quo.from', '+15550100000');
  app.secrets.set('quo.apiKey', 'test-quo-key');
}

async function campaign(n: number): Promise<number> {
  seedContacts(app.db, n);
  const c = app.db
    .prepare(
      `INSERT INTO campaigns (name, body, audience_json, provider, created_at, updated_at) VALUES ('chaos', 'Sale! Reply STOP to opt out', '{}', 'quo', 'x', 'x')`,
    )
    .run();
  await launchCampaign(app, Number(c.lastInsertRowid));
  return Number(c.lastInsertRowid);
}

/** Runs the queue until nothing is left to retry (retries are due within the backoff cap). */
async function drain(campaignId: number) {
  for (let i = 0; i < 200; i++) {
    await app.dispatcher.runUntilIdle(500);
    const open = app.db
      .prepare(
        `SELECT COUNT(*) AS n FROM outbox_messages WHERE campaign_id = ? AND state IN ('queued', 'retry_wait', 'sending')`,
      )
      .get(campaignId) as { n: number };
    if (!open.n) return;
  }
  throw new Error('queue did not drain');
}

afterEach(async () => {
  await app.close();
  await quo.close();
  cleanup();
});

describe('chaos: a flaky provider', () => {
  beforeEach(() => setup({ threshold: 50, halfOpenMs: 200 }));

  it('never duplicates and never exceeds the attempt cap under 5xx, 429, accepted-then-timeout and resets', async () => {
    quo.faults.random(
      [
        { fault: { kind: 'server_error', status: 503 }, probability: 0.2 },
        { fault: { kind: 'rate_limited', retryAfter: '0' }, probability: 0.05 },
        { fault: { kind: 'accepted_then_timeout', answerAfterMs: 1500 }, probability: 0.02 },
        { fault: { kind: 'reset_before' }, probability: 0.005 },
        { fault: { kind: 'reset_after' }, probability: 0.005 },
      ],
      { seed: 7, target: 'send' },
    );
    const id = await campaign(400);
    await drain(id);
    const rows = app.db
      .prepare(`SELECT to_phone, state, attempts, error_code FROM outbox_messages WHERE campaign_id = ?`)
      .all(id) as Array<{ to_phone: string; state: string; attempts: number; error_code: string | null }>;
    const atFake = new Map<string, number>();
    for (const m of quo.sent) for (const to of m.to) atFake.set(to, (atFake.get(to) ?? 0) + 1);
    expect([...atFake.values()].filter((n) => n > 1)).toEqual([]);
    expect(rows.filter((r) => r.attempts > MAX_ATTEMPTS)).toEqual([]);
    expect(rows.filter((r) => !['sent', 'failed', 'unknown'].includes(r.state))).toEqual([]);
    // A message we call unknown is one whose request may have arrived; one we call failed never arrived.
    for (const r of rows.filter((x) => x.state === 'failed')) expect(atFake.has(r.to_phone)).toBe(false);
    for (const r of rows.filter((x) => x.state === 'sent')) expect(atFake.get(r.to_phone)).toBe(1);
    const unknown = rows.filter((r) => r.state === 'unknown');
    expect(unknown.every((r) => ['timeout', 'connection_lost'].includes(r.error_code ?? ''))).toBe(true);
    console.log(
      `[chaos] ${JSON.stringify({ messages: rows.length, sent: rows.filter((r) => r.state === 'sent').length, failed: rows.filter((r) => r.state === 'failed').length, unknown: unknown.length, injected: quo.faults.injected, maxAttempts: Math.max(...rows.map((r) => r.attempts)) })}`,
    );
  });
});

describe('chaos: a full outage', () => {
  beforeEach(() => setup({ threshold: 5, halfOpenMs: 300 }));

  it('opens the breaker (pausing sends), probes, and closes again when the provider is back', async () => {
    quo.faults.next({ kind: 'server_error', status: 500 }, 10_000, 'send');
    const id = await campaign(60);
    await app.dispatcher.runUntilIdle(100);
    expect(app.dispatcher.status().breakers.quo).toBe('open');
    const requestsWhileDown = quo.requests.length;
    // While open, nothing is sent (no hammering); messages wait as retries, none failed yet beyond the cap.
    await new Promise((r) => setTimeout(r, 150));
    await app.dispatcher.runUntilIdle(50);
    expect(quo.requests.length).toBe(requestsWhileDown);
    quo.faults.clear();
    await new Promise((r) => setTimeout(r, 350));
    await drain(id);
    expect(app.dispatcher.status().breakers.quo).toBe('closed');
    const states = app.db
      .prepare(`SELECT state, COUNT(*) AS n FROM outbox_messages WHERE campaign_id = ? GROUP BY state`)
      .all(id);
    expect(states).toEqual([{ state: 'sent', n: 60 }]);
    const audit = app.db
      .prepare(`SELECT detail_json FROM audit_log WHERE action = 'provider.breaker' ORDER BY id`)
      .all() as { detail_json: string }[];
    expect(audit.map((a) => JSON.parse(a.detail_json).state)).toEqual(['open', 'half_open', 'closed']);
  });
});
