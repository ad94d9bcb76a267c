import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../electron/app';
import { seededRandom } from '../../fakes/faults';
import { startFakeSmtp, type FakeSmtp } from '../../fakes/smtp';
import { bundleChild } from '../../helpers/child-bundle';
import { runKillableChild } from '../../helpers/kill-child';
import { tempDir } from '../../helpers/db';
import { emailReady } from '../../helpers/email-outbox';
import { daytimeClock, seedContacts } from '../../helpers/seed';
import { EMAIL_AB } from './helpers';

const SEEDS = Number(process.env.EMAIL_WINNER_KILL_SEEDS ?? 4);
const CONTACTS = 150;
/** The dispatcher's concurrency in the child: at most this many e-mails can be on their way at the kill. */
const IN_FLIGHT = 8;

let smtp: FakeSmtp;
let childJs: string;
beforeAll(async () => {
  smtp = await startFakeSmtp();
  childJs = await bundleChild('email-winner-kill-child', 'tests/integration/abtests/email-winner-kill-child.ts');
});
afterAll(async () => {
  await smtp.close();
  rmSync(dirname(childJs), { recursive: true, force: true });
});

/** An e-mail A/B test launched on 20 % of `CONTACTS` e-mail-only contacts, its sample already sent; the rest held. */
async function launchedTest(dbPath: string, seed: number): Promise<{ campaignId: number; held: number }> {
  const app = await createApp({ dbPath, now: daytimeClock(), log: () => undefined });
  emailReady(app, 'https://desk.example.test');
  app.settings.set('email.provider', 'smtp');
  app.settings.set('smtp.host', '127.0.0.1');
  app.settings.set('smtp.port', smtp.port);
  app.settings.set('smtp.maxConnections', 4);
  app.settings.set('smtp.rateLimit', 10_000);
  app.settings.set('business.name', 'Bloom Salon');
  const ids = seedContacts(app.db, CONTACTS, { tag: 'regulars', nowIso: app.now().toISOString() });
  const set = app.db.prepare(
    `UPDATE contacts SET textable = 0, not_textable_reason = 'landline', email = ?, email_consent = 1 WHERE id = ?`,
  );
  for (const id of ids) set.run(`guest${id}.s${seed}@example.com`, id);
  const created = await app.dispatch('campaigns:create', {
    name: `Colour week ${seed}`,
    audience: { tags: ['regulars'] },
    channels: ['email'],
    ab: { ...EMAIL_AB, testPercent: 20 },
    trackLinks: true,
  });
  if (!created.ok) throw new Error(created.error.message);
  const launched = await app.dispatch('campaigns:launch', { id: created.value.id, acknowledge: 'test fixture' });
  if (!launched.ok) throw new Error(launched.error.message);
  const at = app.now().toISOString();
  app.db
    .prepare(`UPDATE outbox_messages SET state = 'sent', sent_at = ? WHERE campaign_id = ? AND state = 'queued'`)
    .run(at, created.value.id);
  const held = Number(
    app.db
      .prepare(`SELECT COUNT(*) FROM outbox_messages WHERE campaign_id = ? AND state = 'held'`)
      .pluck()
      .get(created.value.id),
  );
  await app.close();
  return { campaignId: created.value.id, held };
}

describe('e-mail A/B winner crash safety: SIGKILL while the winner goes to the rest, restart, finish (real SMTP server)', () => {
  it(`sends the winner to each held-back recipient at most once and loses none, over ${SEEDS} seeds`, async () => {
    const summary: Array<Record<string, number | string>> = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const t = tempDir('smsdesk-email-winner-kill-');
      const dbPath = join(t.dir, 'desk.sqlite');
      const { campaignId, held } = await launchedTest(dbPath, seed);
      const random = seededRandom(seed);
      const before = smtp.received.length;
      // Odd seeds die inside the release (between two of its chunks), even ones while its e-mails are being sent.
      const inRelease = seed % 2 === 1;
      const after = 1 + Math.floor(random() * (held - 2));
      const args = [dbPath, String(campaignId), 'release'];
      const first = inRelease
        ? await runKillableChild(childJs, [...args, String(after)], null)
        : await runKillableChild(childJs, args, { after, received: () => smtp.received.length - before });
      const check = await createApp({ dbPath, log: () => undefined });
      const releaseDone = check.db
        .prepare('SELECT winner_done_at FROM ab_state WHERE campaign_id = ?')
        .pluck()
        .get(campaignId);
      await check.close();
      const second = await runKillableChild(childJs, [dbPath, String(campaignId), 'resume'], null);
      expect(second.code).toBe(0);

      const end = await createApp({ dbPath, log: () => undefined });
      const rows = end.db
        .prepare(
          `SELECT to_email AS email, state, variant, subject FROM outbox_messages WHERE campaign_id = ? AND ab_remainder = 1`,
        )
        .all(campaignId) as Array<{ email: string; state: string; variant: string; subject: string }>;
      const stillHeld = end.db
        .prepare(`SELECT COUNT(*) FROM outbox_messages WHERE campaign_id = ? AND state = 'held'`)
        .pluck()
        .get(campaignId);
      await end.close();
      const atServer = new Map<string, number>();
      for (const m of smtp.received.slice(before)) atServer.set(m.to[0], (atServer.get(m.to[0]) ?? 0) + 1);

      // Every held recipient got the winner's message written once, and nobody is left waiting.
      expect(first.killed).toBe(true);
      expect(stillHeld).toBe(0);
      expect(rows).toHaveLength(held);
      expect(rows.every((r) => r.variant === 'B' && r.subject.endsWith('20% off colour ends Friday'))).toBe(true);
      // Nothing doubled; only the rest was e-mailed; what we call sent, the server took once.
      expect([...atServer.values()].filter((n) => n > 1)).toEqual([]);
      const byEmail = new Map(rows.map((r) => [r.email, r.state]));
      for (const to of atServer.keys()) expect(['sent', 'unknown']).toContain(byEmail.get(to));
      const sent = rows.filter((r) => r.state === 'sent');
      for (const r of sent) expect(atServer.get(r.email)).toBe(1);
      const unknown = rows.filter((r) => r.state === 'unknown');
      expect(unknown.length).toBeLessThanOrEqual(IN_FLIGHT);
      expect(sent.length + unknown.length).toBe(held);
      if (inRelease) expect(releaseDone).toBeNull();
      summary.push({
        seed,
        killed: inRelease ? 'in release' : 'while sending',
        killAfter: after,
        held,
        sent: sent.length,
        unknown: unknown.length,
        duplicates: [...atServer.values()].filter((n) => n > 1).length,
      });
      t.cleanup();
    }
    console.log(`[email-winner-kill] ${JSON.stringify(summary)}`);
  }, 600_000);
});
