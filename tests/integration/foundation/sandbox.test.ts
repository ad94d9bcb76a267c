import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createApp, type DeskApp } from '../../../electron/app';
import { tempDir } from '../../helpers/db';

/** A controllable clock and a scripted random source: the sandbox's behaviour is then exact. */
function harness() {
  let t = Date.parse('2026-11-28T15:00:00Z');
  const script: number[] = [];
  return {
    now: () => new Date(t),
    advance: (ms: number) => (t += ms),
    random: () => (script.length ? script.shift()! : 0.99),
    script,
  };
}

let app: DeskApp;
let h: ReturnType<typeof harness>;
let cleanup: () => void;

beforeEach(async () => {
  const d = tempDir();
  cleanup = d.cleanup;
  h = harness();
  app = await createApp({ dbPath: join(d.dir, 'desk.sqlite'), now: h.now, random: h.random, log: () => undefined });
  app.settings.set('sandbox.deliveryDelayMs', 1000);
  app.settings.set('business.name', 'Bloom Florist');
  const iso = h.now().toISOString();
  app.db
    .prepare(`INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES ('+14155550100', 'Ana', ?, ?)`)
    .run(iso, iso);
});
afterEach(async () => {
  await app.close();
  cleanup();
});

/** Puts one campaign message in the outbox as the dispatcher would after a successful send. */
async function sendOne(to = '+14155550100') {
  const iso = h.now().toISOString();
  const campaign = app.db
    .prepare(`INSERT INTO campaigns (name, status, created_at, updated_at) VALUES ('Spring', 'sending', ?, ?)`)
    .run(iso, iso);
  const contact = app.db.prepare('SELECT id FROM contacts WHERE phone = ?').get(to) as { id: number };
  const sent = await app
    .provider('sandbox')
    .send({ to, from: '+14155550000', body: 'Spring sale! Reply STOP to opt out' });
  if (!sent.ok) throw new Error('sandbox refused');
  app.db
    .prepare(
      `INSERT INTO outbox_messages (campaign_id, contact_id, to_phone, body, provider, state, provider_message_id, created_at, updated_at, sent_at) VALUES (?, ?, ?, 'x', 'sandbox', 'sent', ?, ?, ?, ?)`,
    )
    .run(campaign.lastInsertRowid, contact.id, to, sent.providerMessageId, iso, iso, iso);
  return sent.providerMessageId;
}

const outboxState = (id: string) =>
  app.db.prepare('SELECT state, error_code FROM outbox_messages WHERE provider_message_id = ?').get(id) as {
    state: string;
    error_code: string | null;
  };

describe('Sandbox provider', () => {
  it('accepts a send, then delivers it after the configured delay through the provider-event path', async () => {
    h.script.push(0.99); // outcome: delivered
    const id = await sendOne();
    app.tick();
    expect(outboxState(id).state).toBe('sent');
    h.advance(999);
    app.tick();
    expect(outboxState(id).state).toBe('sent');
    h.advance(1);
    app.tick();
    expect(outboxState(id).state).toBe('delivered');
    const events = app.db.prepare(`SELECT provider, type, state FROM webhook_events`).all();
    expect(events).toEqual([{ provider: 'sandbox', type: 'status', state: 'processed' }]);
    expect(await app.provider('sandbox').lookup(id)).toMatchObject({ status: 'delivered', to: '+14155550100' });
  });

  it('fails the configured share of messages with a carrier error', async () => {
    app.settings.set('sandbox.failureRate', 0.5);
    h.script.push(0.1); // below failureRate → failed
    const id = await sendOne();
    h.advance(1000);
    app.tick();
    expect(outboxState(id)).toEqual({ state: 'failed', error_code: '30006' });
  });

  it('simulates a STOP reply: the contact is opted out, audited, dropped from queued messages, and confirmed exactly once', async () => {
    app.settings.set('sandbox.stopRate', 0.2);
    h.script.push(0.03); // failureRate 0.02 ≤ r < 0.22 → stop
    const id = await sendOne();
    const iso = h.now().toISOString();
    app.db
      .prepare(`INSERT INTO campaigns (name, status, created_at, updated_at) VALUES ('Later', 'sending', ?, ?)`)
      .run(iso, iso);
    app.db
      .prepare(
        `INSERT INTO outbox_messages (campaign_id, contact_id, to_phone, body, provider, state, created_at, updated_at) VALUES (2, 1, '+14155550100', 'second', 'sandbox', 'queued', ?, ?)`,
      )
      .run(iso, iso);
    h.advance(1000);
    app.tick();
    expect(outboxState(id).state).toBe('delivered');
    const contact = app.db.prepare('SELECT opted_out FROM contacts WHERE phone = ?').get('+14155550100');
    expect(contact).toEqual({ opted_out: 1 });
    expect(app.db.prepare(`SELECT state, error_code FROM outbox_messages WHERE body = 'second'`).get()).toEqual({
      state: 'skipped',
      error_code: 'opted_out',
    });
    const audit = app.db.prepare('SELECT phone, old_state, new_state, source, message_text FROM optout_audit').all();
    expect(audit).toEqual([
      { phone: '+14155550100', old_state: 'opted_in', new_state: 'opted_out', source: 'keyword', message_text: 'STOP' },
    ]);
    const confirmations = app.db
      .prepare(`SELECT body, kind, provider FROM outbox_messages WHERE kind = 'confirmation'`)
      .all();
    expect(confirmations).toEqual([
      {
        body: "You're unsubscribed from Bloom Florist. No more messages. Reply START to resubscribe.",
        kind: 'confirmation',
        provider: 'sandbox',
      },
    ]);
    // The same STOP delivered again (providers deliver at least once) changes nothing.
    const inbound = app.db
      .prepare('SELECT provider_message_id AS id, from_phone, to_phone, body, received_at FROM inbound_messages')
      .get() as { id: string; from_phone: string; to_phone: string; body: string; received_at: string };
    expect(
      app.ingest({
        kind: 'inbound',
        provider: 'sandbox',
        eventId: `${inbound.id}:received`,
        providerMessageId: inbound.id,
        from: inbound.from_phone,
        to: inbound.to_phone,
        body: 'STOP',
        at: inbound.received_at,
      }),
    ).toBeNull();
    app.ingest({
      kind: 'inbound',
      provider: 'sandbox',
      eventId: 'other-event-same-message',
      providerMessageId: inbound.id,
      from: inbound.from_phone,
      to: inbound.to_phone,
      body: 'STOP',
      at: inbound.received_at,
    });
    app.tick();
    expect(app.db.prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'confirmation'`).get()).toEqual({
      n: 1,
    });
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM optout_audit').get()).toEqual({ n: 1 });
  });

  it('simulates an ordinary reply that lands in the inbox, linked to the contact and the campaign', async () => {
    app.settings.set('sandbox.replyRate', 0.5);
    h.script.push(0.3, 0); // reply; first canned reply
    await sendOne();
    h.advance(1000);
    app.tick();
    const convo = await app.dispatch('inbox:conversations', {});
    expect(convo).toMatchObject({
      ok: true,
      value: [{ phone: '+14155550100', name: 'Ana', lastMessage: 'Thanks!', unread: 1, optedOut: false }],
    });
    expect(app.db.prepare('SELECT campaign_id, keyword FROM inbound_messages').get()).toEqual({
      campaign_id: 1,
      keyword: null,
    });
  });

  it('keeps pending receipts across a restart (they live in the database)', async () => {
    h.script.push(0.99);
    const id = await sendOne();
    const dbPath = app.paths.dbPath;
    await app.close();
    app = await createApp({ dbPath, now: h.now, random: h.random, log: () => undefined });
    h.advance(5000);
    app.tick();
    expect(outboxState(id).state).toBe('delivered');
  });
});
