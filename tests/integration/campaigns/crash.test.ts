import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createApp } from '../../../electron/app';
import { startFakeQuo, type FakeQuo } from '../../fakes/quo';
import { seededRandom } from '../../fakes/faults';
import { bundleChild } from '../../helpers/child-bundle';
import { runKillableChild } from '../../helpers/kill-child';
import { tempDir } from '../../helpers/db';
import { seedContacts } from '../../helpers/seed';

const SEEDS = Number(process.env.CRASH_SEEDS ?? 20);
const MESSAGES = Number(process.env.CRASH_MESSAGES ?? 2000);
const FINAL = new Set(['sent', 'delivered', 'undelivered', 'failed', 'skipped']);

let quo: FakeQuo;
/** The child as plain JavaScript (tests/helpers/child-bundle.ts): forty of them start, tsx would compile each. */
let childJs: string;
beforeAll(async () => {
  quo = await startFakeQuo({ rateLimitPerSecond: 'unlimited' });
  childJs = await bundleChild('crash-child', 'tests/integration/campaigns/crash-child.ts');
});
afterAll(async () => {
  await quo.close();
  rmSync(dirname(childJs), { recursive: true, force: true });
});

/**
 * Runs the child; with `killAt`, SIGKILLs it once the fake has received that many of its messages (0: right after
 * the launch, while the audience is being written), so that every seed is killed mid-campaign however fast it sends.
 * The child reports when it has launched; the fake runs in this process, so its count is current.
 */
const runChild = (dbPath: string, campaignId: number, killAt: { sent: number; receivedSoFar: () => number } | null) =>
  runKillableChild(
    childJs,
    [dbPath, String(campaignId)],
    killAt && { after: killAt.sent, received: killAt.receivedSoFar },
  );

describe('crash safety: SIGKILL mid-campaign, restart, finish', () => {
  it(`never sends twice and never loses a message, over ${SEEDS} seeds of ${MESSAGES} messages`, async () => {
    const summary: Array<Record<string, number>> = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const t = tempDir('smsdesk-crash-');
      const dbPath = join(t.dir, 'desk.sqlite');
      const setup = await createApp({ dbPath, log: () => undefined });
      setup.settings.set('provider', 'quo');
      setup.settings.set('quo.baseUrl', quo.url);
      setup.settings.set('quo.from', '+15550100000');
      setup.secrets.set('quo.apiKey', 'test-quo-key');
      seedContacts(setup.db, MESSAGES, { start: seed * 10_000 });
      const c = setup.db
        .prepare(
          `INSERT INTO campaigns (name, body, audience_json, provider, created_at, updated_at) VALUES (?, 'Flash sale today. Reply STOP to opt out', '{}', 'quo', ?, ?)`,
        )
        .run(`crash ${seed}`, 'x', 'x');
      const campaignId = Number(c.lastInsertRowid);
      await setup.close();

      const before = quo.sent.length;
      const random = seededRandom(seed);
      const first = await runChild(dbPath, campaignId, {
        sent: Math.floor(random() * MESSAGES * 0.9),
        receivedSoFar: () => quo.sent.length - before,
      });
      const receivedAtKill = quo.sent.length - before;
      const second = await runChild(dbPath, campaignId, null);
      expect(second.code).toBe(0);

      const check = await createApp({ dbPath, log: () => undefined });
      const rows = check.db
        .prepare(`SELECT to_phone, state, provider_message_id FROM outbox_messages WHERE campaign_id = ?`)
        .all(campaignId) as Array<{ to_phone: string; state: string; provider_message_id: string | null }>;
      await check.close();
      const sentHere = quo.sent.slice(before);
      const atFake = new Map<string, number>();
      for (const m of sentHere) for (const to of m.to) atFake.set(to, (atFake.get(to) ?? 0) + 1);

      // Nothing lost: the whole audience is in the outbox, and each message ended or is honestly unknown.
      expect(rows).toHaveLength(MESSAGES);
      const open = rows.filter((r) => !FINAL.has(r.state) && r.state !== 'unknown');
      expect(open).toEqual([]);
      // Nothing doubled: the fake saw each recipient at most once.
      expect([...atFake.entries()].filter(([, n]) => n > 1)).toEqual([]);
      // Every message the fake accepted is one we recorded as sent or as unknown, never one we think is unsent.
      const byPhone = new Map(rows.map((r) => [r.to_phone, r]));
      for (const to of atFake.keys()) expect(['sent', 'delivered', 'unknown']).toContain(byPhone.get(to)?.state);
      // Every message we call sent really reached the fake; unknowns are only those in flight at the kill.
      const sent = rows.filter((r) => r.state === 'sent');
      for (const r of sent) expect(atFake.get(r.to_phone)).toBe(1);
      const unknown = rows.filter((r) => r.state === 'unknown');
      expect(unknown.length).toBeLessThanOrEqual(first.killed ? 8 : 0);
      summary.push({
        seed,
        killed: first.killed ? 1 : 0,
        receivedBeforeKill: receivedAtKill,
        sent: sent.length,
        unknown: unknown.length,
        unknownButReceived: unknown.filter((u) => atFake.has(u.to_phone)).length,
        duplicates: 0,
      });
      t.cleanup();
    }
    console.log(`[crash] ${JSON.stringify(summary)}`);
    expect(summary.filter((s) => s.killed).length).toBe(SEEDS);
  }, 1_200_000);
});
