import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createApp, type DeskApp } from '../../../electron/app';
import { launchCampaign } from '../../../electron/campaigns/lifecycle';
import { startFakeQuo, type FakeQuo } from '../../fakes/quo';
import { tempDir } from '../../helpers/db';
import { seedContacts, seedPhone } from '../../helpers/seed';
import { QUO_SIGNING_SECRET, quoLegacyHeaders, quoReceived, send } from '../webhooks/signers';

const OUR_NUMBER = '+15550100000';
const CAMPAIGNS = 3;
const CONTACTS = 8;

/**
 * Real time shifted into a weekday afternoon (inside every US sending window), made strictly increasing: no two
 * readings are equal, so "claimed after the STOP was stored" is an exact comparison of two timestamps.
 */
function monotonicDaytimeClock(): () => Date {
  const offset = Date.parse('2026-12-02T19:00:00Z') - Date.now();
  let last = 0;
  return () => {
    last = Math.max(Date.now() + offset, last + 1);
    return new Date(last);
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

let app: DeskApp | undefined;
let quo: FakeQuo | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await app?.close();
  await quo?.close();
  cleanup?.();
});

describe('opt-out race: a STOP that arrives while campaigns are sending', () => {
  it('no marketing message to the contact is claimed after the STOP is stored; one already in flight may finish; exactly one confirmation', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const clock = monotonicDaytimeClock();
    quo = await startFakeQuo({ rateLimitPerSecond: 'unlimited', now: clock });
    // Every send takes a while at the provider, so the STOP lands while a message to the same contact is in flight.
    quo.faults.next({ kind: 'slow', delayMs: 300 }, 10_000, 'send');
    app = await createApp({
      dbPath: join(t.dir, 'desk.sqlite'),
      now: clock,
      log: () => undefined,
      dispatch: { concurrency: 4, rates: { quo: 1000 }, pollMs: 2 },
    });
    app.settings.set('provider', 'quo');
    app.settings.set('quo.baseUrl', quo.url);
    app.settings.set('quo.from', OUR_NUMBER);
    app.settings.set('business.name', 'Bloom Florist');
    app.secrets.set('quo.apiKey', 'test-quo-key');
    app.secrets.set('quo.signingSecret', QUO_SIGNING_SECRET);
    const relay = await app.startRelay({ port: 0 });

    const [targetId] = seedContacts(app.db, CONTACTS, { tag: 'all' });
    const target = seedPhone(0);
    for (let i = 1; i <= CAMPAIGNS; i++) {
      const c = app.db
        .prepare(
          `INSERT INTO campaigns (name, body, audience_json, provider, created_at, updated_at) VALUES (?, ?, '{"tags":["all"]}', 'quo', 'x', 'x')`,
        )
        .run(`Sale ${i}`, `Bloom Florist sale ${i}! Reply STOP to opt out`);
      await launchCampaign(app, Number(c.lastInsertRowid));
    }
    const db = app.db;
    const targetRows = () =>
      db
        .prepare(
          `SELECT id, state, sending_at AS sendingAt, provider_message_id AS providerMessageId, error_code AS errorCode FROM outbox_messages WHERE contact_id = ? AND kind = 'campaign' ORDER BY id`,
        )
        .all(targetId) as Array<{
        id: number;
        state: string;
        sendingAt: string | null;
        providerMessageId: string | null;
        errorCode: string | null;
      }>;
    expect(targetRows()).toHaveLength(CAMPAIGNS);

    app.dispatcher.start();
    await until(() => targetRows().some((r) => r.state === 'sending'), 'a message to the contact to be in flight');
    const stopAt = clock().toISOString();
    const body = JSON.stringify(
      quoReceived({
        eventId: 'EV-race-stop',
        messageId: 'AC-race-stop',
        from: target,
        to: OUR_NUMBER,
        body: 'STOP',
        createdAt: stopAt,
      }),
    );
    const answer = await send(`${relay.url}/webhooks/quo`, {
      headers: quoLegacyHeaders(body, clock().getTime()),
      body,
    });
    expect(answer.json).toMatchObject({ ok: true, stored: 1 });
    await until(
      () =>
        (
          db
            .prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE state IN ('queued', 'sending', 'retry_wait')`)
            .get() as { n: number }
        ).n === 0,
      'the queue to drain',
    );
    await app.dispatcher.stop();

    const storedAt = (
      db.prepare(`SELECT received_at AS at FROM webhook_events WHERE event_id = 'EV-race-stop'`).get() as { at: string }
    ).at;
    const rows = targetRows();
    // The rule: nothing to the contact was claimed (committed as `sending`) after the STOP was stored…
    expect(rows.filter((r) => r.sendingAt !== null && r.sendingAt > storedAt)).toEqual([]);
    // …the messages still queued at that moment were dropped…
    expect(rows.filter((r) => r.state === 'skipped').map((r) => r.errorCode)).toEqual(
      Array(CAMPAIGNS - 1).fill('opted_out'),
    );
    // …and every marketing text the provider received for the contact was claimed before the STOP, even the one the
    // provider only finished after it (it was already in flight, which the rule allows).
    const marketing = quo.sent.filter((m) => m.to.includes(target) && m.text.includes('sale'));
    expect(marketing).toHaveLength(1);
    const claimedAt = new Map(rows.map((r) => [r.providerMessageId, r.sendingAt]));
    for (const m of marketing) expect(claimedAt.get(m.id)! < storedAt).toBe(true);
    expect(marketing.filter((m) => m.createdAt > storedAt)).toHaveLength(1);

    // Exactly one confirmation, after the STOP, from the number the contact wrote to.
    const service = quo.sent.filter((m) => m.to.includes(target) && !m.text.includes('sale'));
    expect(service.map((m) => ({ text: m.text, from: m.from }))).toEqual([
      {
        text: "You're unsubscribed from Bloom Florist. No more messages. Reply START to resubscribe.",
        from: OUR_NUMBER,
      },
    ]);
    // Everyone else got every campaign.
    const others = quo.sent.filter((m) => !m.to.includes(target));
    expect(others).toHaveLength((CONTACTS - 1) * CAMPAIGNS);
  });

  it('a STOP stored by the relay is applied before any timer runs, so no dispatcher tick can fall between store and opt-out', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const clock = monotonicDaytimeClock();
    app = await createApp({ dbPath: join(t.dir, 'desk.sqlite'), now: clock, log: () => undefined });
    app.secrets.set('quo.signingSecret', QUO_SIGNING_SECRET);
    const relay = await app.startRelay({ port: 0 });
    seedContacts(app.db, 1);
    const target = seedPhone(0);
    const db = app.db;
    // A timer that is due on every turn of the event loop (it holds the loop a little longer than its own period),
    // standing in for the dispatcher's loop: whatever it sees, a claim made at that moment would see too.
    const seen: string[] = [];
    const probe = setInterval(() => {
      const stored = db.prepare(`SELECT 1 FROM webhook_events WHERE event_id = 'EV-gap-stop'`).get() !== undefined;
      const optedOut =
        (db.prepare('SELECT opted_out FROM contacts WHERE phone = ?').get(target) as { opted_out: number })
          .opted_out === 1;
      if (stored && !optedOut) seen.push('stored but not yet opted out');
      const until = performance.now() + 1.5;
      while (performance.now() < until) {
        /* hold the loop past the timer's period */
      }
    }, 1);
    try {
      const body = JSON.stringify(
        quoReceived({
          eventId: 'EV-gap-stop',
          messageId: 'AC-gap-stop',
          from: target,
          to: OUR_NUMBER,
          body: 'STOP',
          createdAt: clock().toISOString(),
        }),
      );
      const answer = await send(`${relay.url}/webhooks/quo`, {
        headers: quoLegacyHeaders(body, clock().getTime()),
        body,
      });
      expect(answer.json).toMatchObject({ ok: true, stored: 1 });
      await sleep(20);
    } finally {
      clearInterval(probe);
    }
    expect(
      (db.prepare('SELECT opted_out FROM contacts WHERE phone = ?').get(target) as { opted_out: number }).opted_out,
    ).toBe(1);
    expect(seen).toEqual([]);
  });
});
