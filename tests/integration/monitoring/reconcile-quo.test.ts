import { afterEach, describe, expect, it } from 'vitest';
import { markInterruptedUnknown, markSending } from '../../../electron/campaigns/dispatch/claim';
import { call, desk, MINUTE, type Desk } from './desk';

let d: Desk;
afterEach(async () => {
  await d.close();
});

const reconcile = (since?: Date, until?: Date) =>
  call(d.app, 'reconciliation:run', { since: since?.toISOString(), until: until?.toISOString() });

function confirmationsTo(phone: string) {
  return d.app.db
    .prepare(`SELECT state, error_code AS errorCode FROM outbox_messages WHERE kind = 'confirmation' AND to_phone = ?`)
    .all(phone) as Array<{ state: string; errorCode: string | null }>;
}

describe('reconciliation against the fake Quo server', () => {
  it('fixes missed delivery receipts through the event path, and a second run changes nothing', async () => {
    d = await desk({ provider: 'quo' });
    const start = d.now();
    const { campaignId } = await d.sendCampaign(3);
    const sent = d.outbox(campaignId);
    expect(sent.map((m) => m.state)).toEqual(['sent', 'sent', 'sent']);
    // The provider delivered two and could not deliver one; no webhook ever reached us.
    d.quo!.markDelivered(sent[0].providerMessageId!);
    d.quo!.markDelivered(sent[1].providerMessageId!);
    d.quo!.markUndelivered(sent[2].providerMessageId!);
    d.advance(20 * MINUTE);

    const run = await reconcile(new Date(start.getTime() - 60 * MINUTE), d.now());
    expect(run).toMatchObject({ status: 'ok', provider: 'quo', trigger: 'manual', error: null });
    expect(run.diff!.listing).toBe('workspace');
    expect(run.diff!.statusesFixed.map((f) => [f.outboxId, f.before, f.after])).toEqual([
      [sent[0].id, 'sent', 'delivered'],
      [sent[1].id, 'sent', 'delivered'],
      [sent[2].id, 'sent', 'undelivered'],
    ]);
    expect(d.outbox(campaignId).map((m) => m.state)).toEqual(['delivered', 'delivered', 'undelivered']);
    // They went through the same store as webhooks, under deterministic ids.
    const events = d.app.db.prepare(`SELECT event_id AS eventId, state FROM webhook_events ORDER BY event_id`).all();
    // Sorted like the query: the provider's ids follow the order the sends reached it, which concurrent sends may swap.
    expect(events).toEqual(
      [
        { eventId: `recon:${sent[0].providerMessageId}:delivered`, state: 'processed' },
        { eventId: `recon:${sent[1].providerMessageId}:delivered`, state: 'processed' },
        { eventId: `recon:${sent[2].providerMessageId}:undelivered`, state: 'processed' },
      ].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)),
    );

    const before = d.snapshot();
    d.advance(MINUTE);
    const again = await reconcile(new Date(start.getTime() - 60 * MINUTE), d.now());
    expect(again.status).toBe('ok');
    expect(again.diff).toMatchObject({
      statusesFixed: [],
      unknownResolved: [],
      inboundIngested: [],
      optOutsFound: [],
      errors: [],
    });
    expect(d.snapshot()).toEqual(before);

    // The real webhook for the same delivery, arriving late, is a harmless duplicate.
    d.app.ingest({
      kind: 'status',
      provider: 'quo',
      eventId: 'EVlate1',
      providerMessageId: sent[0].providerMessageId!,
      status: 'delivered',
      at: start.toISOString(),
    });
    d.app.tick();
    expect(d.snapshot()).toEqual(before);
  });

  it('resolves unknown messages both ways: found at Quo → sent with its id; confirmed absent after the settle period → queued again and sent once', async () => {
    d = await desk({ provider: 'quo' });
    const start = d.now();
    // One send reaches Quo but the answer never comes back: unknown, though it was sent.
    d.quo!.faults.next({ kind: 'accepted_then_timeout' }, 1, 'send');
    const { campaignId, phones } = await d.sendCampaign(1);
    const [maybeSent] = d.outbox(campaignId);
    expect(maybeSent).toMatchObject({ state: 'unknown', providerMessageId: null });
    expect(d.quo!.sent).toHaveLength(1);

    // Another message is claimed, then the app dies before any request: unknown, and never at Quo.
    const second = d.app.db
      .prepare(`INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES ('+14155550199', 'Ivy', ?, ?)`)
      .run(start.toISOString(), start.toISOString());
    const crashed = Number(
      d.app.db
        .prepare(
          `INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, from_number, body, provider, state, created_at, updated_at, next_attempt_at) VALUES (?, ?, 'campaign', '+14155550199', '+15550100000', 'Bloom Florist: tulips are in! Reply STOP to opt out', 'quo', 'queued', ?, ?, ?)`,
        )
        .run(campaignId, Number(second.lastInsertRowid), start.toISOString(), start.toISOString(), start.toISOString())
        .lastInsertRowid,
    );
    markSending(d.app.db, [crashed], start.toISOString());
    markInterruptedUnknown(d.app.db, start.toISOString());

    // Five minutes on: the found one is settled; the absent one is too recent to conclude anything.
    d.advance(5 * MINUTE);
    const early = await reconcile(new Date(start.getTime() - 60 * MINUTE), d.now());
    expect(early.diff!.unknownResolved).toEqual([
      {
        outboxId: maybeSent.id,
        phone: phones[0],
        resolution: 'found',
        after: 'sent',
        providerMessageId: d.quo!.sent[0].id,
        reason: expect.stringContaining('Found at quo'),
      },
    ]);
    expect(early.diff!.unknownPending).toEqual([
      { outboxId: crashed, phone: '+14155550199', reason: expect.stringContaining('waiting 15 min') },
    ]);
    expect(d.app.db.prepare('SELECT state FROM outbox_messages WHERE id = ?').get(crashed)).toEqual({
      state: 'unknown',
    });

    // Past the settle period, with a listing that covers the attempt: it never arrived, so it is queued again.
    d.advance(15 * MINUTE);
    const late = await reconcile(new Date(start.getTime() - 60 * MINUTE), d.now());
    expect(late.diff!.unknownResolved).toEqual([
      {
        outboxId: crashed,
        phone: '+14155550199',
        resolution: 'requeued',
        after: 'queued',
        providerMessageId: null,
        reason: expect.stringContaining('back in the queue'),
      },
    ]);
    expect(
      d.app.db.prepare('SELECT state, error_code AS errorCode FROM outbox_messages WHERE id = ?').get(crashed),
    ).toEqual({ state: 'queued', errorCode: 'reconciled_absent' });
    expect(d.app.db.prepare('SELECT status FROM campaigns WHERE id = ?').get(campaignId)).toEqual({
      status: 'sending',
    });

    await d.app.dispatcher.runUntilIdle(300);
    const to = (phone: string) => d.quo!.sent.filter((m) => m.to.includes(phone)).length;
    expect(to(phones[0])).toBe(1);
    expect(to('+14155550199')).toBe(1);
    expect(d.quo!.duplicates()).toEqual([]);
    const audit = d.app.db.prepare(`SELECT action FROM audit_log WHERE actor = 'reconciliation' ORDER BY id`).all();
    expect(audit).toEqual([{ action: 'reconciliation.found' }, { action: 'reconciliation.absent' }]);
  });

  it('never concludes "absent" from a range that does not cover the attempt', async () => {
    d = await desk({ provider: 'quo' });
    const start = d.now();
    const { campaignId } = await d.sendCampaign(1);
    const [row] = d.outbox(campaignId);
    d.app.db
      .prepare(`UPDATE outbox_messages SET state = 'unknown', provider_message_id = NULL WHERE id = ?`)
      .run(row.id);
    d.quo!.faults.clear();
    // The message is at Quo, but the range ends before it was sent: not found, and not declared absent either.
    d.advance(60 * MINUTE);
    const run = await reconcile(new Date(start.getTime() - 120 * MINUTE), new Date(start.getTime() - 30 * MINUTE));
    expect(run.diff!.unknownResolved).toEqual([]);
    expect(run.diff!.unknownPending).toEqual([
      { outboxId: row.id, phone: row.phone, reason: expect.stringContaining('not well inside the reconciled range') },
    ]);
    expect(d.outbox(campaignId)[0].state).toBe('unknown');
  });

  it('processes a STOP sent while the app was closed (only in the listing, never webhooked) as an opt-out, with exactly one confirmation', async () => {
    d = await desk({ provider: 'quo' });
    const start = d.now();
    const { phones } = await d.sendCampaign(2);
    d.advance(30 * MINUTE);
    // The app was closed: the customer's STOP is at Quo only, two minutes old when reconciliation runs.
    const stop = d.quo!.addInbound({
      from: phones[0],
      text: 'Stop.',
      createdAt: new Date(d.now().getTime() - 2 * MINUTE),
    });
    const hello = d.quo!.addInbound({
      from: phones[1],
      text: 'What time do you open?',
      createdAt: new Date(d.now().getTime() - 3 * MINUTE),
    });

    const run = await reconcile(new Date(start.getTime() - 60 * MINUTE), d.now());
    expect(run.diff!.inboundIngested.map((i) => i.providerMessageId).sort()).toEqual([stop.id, hello.id].sort());
    expect(run.diff!.optOutsFound).toEqual([
      { phone: phones[0], providerMessageId: stop.id, body: 'Stop.', at: stop.createdAt },
    ]);
    expect(d.app.db.prepare('SELECT opted_out FROM contacts WHERE phone = ?').get(phones[0])).toEqual({ opted_out: 1 });
    expect(d.app.db.prepare('SELECT opted_out FROM contacts WHERE phone = ?').get(phones[1])).toEqual({ opted_out: 0 });
    // Audited like any keyword reply, pointing at the inbound message it came from.
    const audit = d.app.db
      .prepare(
        `SELECT a.source, a.new_state AS state, i.provider_message_id AS messageId FROM optout_audit a JOIN inbound_messages i ON i.id = a.inbound_message_id WHERE a.phone = ?`,
      )
      .all(phones[0]);
    expect(audit).toEqual([{ source: 'keyword', state: 'opted_out', messageId: stop.id }]);
    expect(confirmationsTo(phones[0])).toEqual([{ state: 'queued', errorCode: null }]);

    // Again, and then the webhook Quo finally delivers: no second opt-out, no second confirmation.
    const before = d.snapshot();
    const again = await reconcile(new Date(start.getTime() - 60 * MINUTE), d.now());
    expect(again.diff).toMatchObject({ inboundIngested: [], optOutsFound: [] });
    d.app.ingest({
      kind: 'inbound',
      provider: 'quo',
      eventId: 'EVstop-webhook',
      providerMessageId: stop.id,
      from: phones[0],
      to: '+15550100000',
      body: 'Stop.',
      at: stop.createdAt,
    });
    d.app.tick();
    expect(d.snapshot()).toEqual(before);
    expect(confirmationsTo(phones[0])).toHaveLength(1);
    await d.app.dispatcher.runUntilIdle(300);
    expect(d.quo!.sent.filter((m) => m.to.includes(phones[0])).map((m) => m.text)).toEqual([
      expect.stringContaining('tulips'),
      expect.stringContaining('unsubscribed'),
    ]);
  });

  it('records a STOP found hours later as an opt-out with its one confirmation held back (the 5-minute window has passed)', async () => {
    d = await desk({ provider: 'quo' });
    const start = d.now();
    const { phones } = await d.sendCampaign(1);
    const stop = d.quo!.addInbound({
      from: phones[0],
      text: 'STOP',
      createdAt: new Date(start.getTime() + 10 * MINUTE),
    });
    d.advance(3 * 60 * MINUTE);
    const run = await reconcile(new Date(start.getTime() - 60 * MINUTE), d.now());
    expect(run.diff!.optOutsFound.map((o) => o.providerMessageId)).toEqual([stop.id]);
    expect(d.app.db.prepare('SELECT opted_out FROM contacts WHERE phone = ?').get(phones[0])).toEqual({ opted_out: 1 });
    const confirmations = confirmationsTo(phones[0]);
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0].state).toBe('skipped');
  });

  it('keeps the contact opted out when a START missed earlier turns up after a newer STOP', async () => {
    d = await desk({ provider: 'quo' });
    const start = d.now();
    const { phones } = await d.sendCampaign(1);
    d.app.db.prepare('UPDATE contacts SET opted_out = 1 WHERE phone = ?').run(phones[0]);
    // START (missed while closed) at +10 min, then STOP at +20 min, which did arrive by webhook.
    const startText = d.quo!.addInbound({
      from: phones[0],
      text: 'START',
      createdAt: new Date(start.getTime() + 10 * MINUTE),
    });
    const stopText = d.quo!.addInbound({
      from: phones[0],
      text: 'STOP',
      createdAt: new Date(start.getTime() + 20 * MINUTE),
    });
    d.advance(21 * MINUTE);
    d.app.ingest({
      kind: 'inbound',
      provider: 'quo',
      eventId: 'EVstop',
      providerMessageId: stopText.id,
      from: phones[0],
      to: '+15550100000',
      body: 'STOP',
      at: stopText.createdAt,
    });
    d.app.tick();
    d.advance(60 * MINUTE);
    const run = await reconcile(new Date(start.getTime() - 60 * MINUTE), d.now());
    expect(run.diff!.inboundIngested.map((i) => i.providerMessageId)).toEqual([startText.id]);
    expect(d.app.db.prepare('SELECT opted_out FROM contacts WHERE phone = ?').get(phones[0])).toEqual({ opted_out: 1 });
    expect(
      d.app.db
        .prepare(`SELECT COUNT(*) AS n FROM optout_audit WHERE phone = ? AND new_state = 'opted_in'`)
        .get(phones[0]),
    ).toEqual({ n: 0 });
  });

  it("falls back to Quo's per-conversation listing when the workspace listing is refused", async () => {
    d = await desk({ provider: 'quo' });
    const start = d.now();
    const { campaignId, phones } = await d.sendCampaign(2);
    const sent = d.outbox(campaignId);
    d.quo!.markDelivered(sent[1].providerMessageId!);
    const reply = d.quo!.addInbound({
      from: phones[0],
      text: 'Do you deliver?',
      createdAt: new Date(start.getTime() + MINUTE),
    });
    d.advance(20 * MINUTE);
    // The first read (the versioned workspace listing) is refused as if this key could not use it.
    d.quo!.faults.next({ kind: 'server_error', status: 404 }, 1, 'read');
    const run = await reconcile(new Date(start.getTime() - 60 * MINUTE), d.now());
    expect(run.status).toBe('ok');
    expect(run.diff!.listing).toBe('conversations');
    expect(run.diff!.statusesFixed.map((f) => [f.outboxId, f.after])).toEqual([[sent[1].id, 'delivered']]);
    expect(run.diff!.inboundIngested.map((i) => i.providerMessageId)).toEqual([reply.id]);
    expect(
      d.quo!.requests.filter((r) => r.path === '/v1/messages' && r.method === 'GET').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('records a failed run with a message the owner can act on when Quo cannot be reached', async () => {
    d = await desk({ provider: 'quo' });
    d.app.secrets.delete('quo.apiKey');
    const run = await reconcile();
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/API key|quo\.apiKey/i);
    const runs = await call(d.app, 'reconciliation:runs', {});
    expect(runs.map((r) => r.id)).toEqual([run.id]);
  });

  it('refuses a range that ends before it starts', async () => {
    d = await desk({ provider: 'quo' });
    const r = await d.app.dispatch('reconciliation:run', {
      since: d.now().toISOString(),
      until: new Date(d.now().getTime() - MINUTE).toISOString(),
    });
    expect(r).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('before its end') },
    });
  });
});
