import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../electron/app';
import { seededRandom } from '../../fakes/faults';
import { startFakeSmtp, type FakeSmtp } from '../../fakes/smtp';
import { bundleChild } from '../../helpers/child-bundle';
import { runKillableChild } from '../../helpers/kill-child';
import { tempDir } from '../../helpers/db';
import { emailReady, insertEmailCampaign } from '../../helpers/email-outbox';
import { daytimeClock } from '../../helpers/seed';

const SEEDS = Number(process.env.EMAIL_KILL_SEEDS ?? 3);
const MESSAGES = Number(process.env.EMAIL_KILL_MESSAGES ?? 200);
const FINAL = new Set(['sent', 'delivered', 'undelivered', 'failed', 'skipped']);
/** The dispatcher's concurrency in the child: at most this many e-mails can be on their way at the kill. */
const IN_FLIGHT = 8;

let smtp: FakeSmtp;
/** The child as plain JavaScript (tests/helpers/child-bundle.ts), so no start pays tsx's compile. */
let childJs: string;
beforeAll(async () => {
  smtp = await startFakeSmtp();
  childJs = await bundleChild('kill-child', 'tests/integration/email/kill-child.ts');
});
afterAll(async () => {
  await smtp.close();
  rmSync(dirname(childJs), { recursive: true, force: true });
});

/** Runs the child; with `killAt`, SIGKILLs it once the SMTP server has taken that many of its e-mails. */
const runChild = (dbPath: string, killAt: { after: number; received: () => number } | null) =>
  runKillableChild(childJs, [dbPath], killAt);

describe('e-mail crash safety: SIGKILL mid-campaign, restart, finish (real SMTP server)', () => {
  it(`never sends an e-mail twice and never loses one, over ${SEEDS} seeds of ${MESSAGES} e-mails`, async () => {
    const summary: Array<Record<string, number>> = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const t = tempDir('smsdesk-email-kill-');
      const dbPath = join(t.dir, 'desk.sqlite');
      const setup = await createApp({ dbPath, now: daytimeClock(), log: () => undefined });
      emailReady(setup, 'https://desk.example.test');
      setup.settings.set('email.provider', 'smtp');
      setup.settings.set('smtp.host', '127.0.0.1');
      setup.settings.set('smtp.port', smtp.port);
      setup.settings.set('smtp.maxConnections', 4);
      setup.settings.set('smtp.rateLimit', 10_000);
      const { campaignId } = insertEmailCampaign(setup.db, MESSAGES, {
        provider: 'smtp',
        nowIso: setup.now().toISOString(),
        name: `kill ${seed}`,
        domain: `seed${seed}.test`,
      });
      await setup.close();

      const before = smtp.received.length;
      const random = seededRandom(seed);
      const first = await runChild(dbPath, {
        after: Math.floor(random() * MESSAGES * 0.9),
        received: () => smtp.received.length - before,
      });
      const second = await runChild(dbPath, null);
      expect(second.code).toBe(0);

      const check = await createApp({ dbPath, log: () => undefined });
      const rows = check.db
        .prepare(`SELECT to_email AS email, state FROM outbox_messages WHERE campaign_id = ?`)
        .all(campaignId) as Array<{ email: string; state: string }>;
      await check.close();
      const atServer = new Map<string, number>();
      for (const m of smtp.received.slice(before)) atServer.set(m.to[0], (atServer.get(m.to[0]) ?? 0) + 1);

      // Nothing lost: every e-mail ended, or is honestly unknown (on its way at the kill).
      expect(rows).toHaveLength(MESSAGES);
      expect(rows.filter((r) => !FINAL.has(r.state) && r.state !== 'unknown')).toEqual([]);
      // Nothing doubled: the server took each recipient's e-mail at most once.
      const duplicates = [...atServer.entries()].filter(([, n]) => n > 1);
      expect(duplicates).toEqual([]);
      // What the server took is recorded as sent or unknown; what we call sent, the server took.
      const byEmail = new Map(rows.map((r) => [r.email, r.state]));
      for (const to of atServer.keys()) expect(['sent', 'unknown']).toContain(byEmail.get(to));
      const sent = rows.filter((r) => r.state === 'sent');
      for (const r of sent) expect(atServer.get(r.email)).toBe(1);
      const unknown = rows.filter((r) => r.state === 'unknown');
      expect(unknown.length).toBeLessThanOrEqual(first.killed ? IN_FLIGHT : 0);
      summary.push({
        seed,
        killed: first.killed ? 1 : 0,
        sent: sent.length,
        unknown: unknown.length,
        unknownButReceived: unknown.filter((u) => atServer.has(u.email)).length,
        lost: MESSAGES - sent.length - unknown.length,
        duplicates: duplicates.length,
      });
      t.cleanup();
    }
    console.log(`[email-kill] ${JSON.stringify(summary)}`);
    expect(summary.filter((s) => s.killed).length).toBe(SEEDS);
  }, 600_000);
});
