import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderEvent } from '../../../electron/webhooks/events';
import { call, desk, type Desk } from './desk';

let d: Desk;
afterEach(async () => {
  await d.close();
});

const reply: ProviderEvent = {
  kind: 'inbound',
  provider: 'quo',
  eventId: 'EVboom',
  providerMessageId: 'ACboom',
  from: '+14155550123',
  to: '+15550100000',
  body: 'boom: what time do you open?',
  at: '2026-12-02T18:59:00.000Z',
};

/** A real processing failure: the inbox refuses this one message, as a full disk or a broken row would. */
function breakInbox() {
  d.app.db.exec(
    `CREATE TRIGGER refuse_boom BEFORE INSERT ON inbound_messages WHEN NEW.body LIKE 'boom%' BEGIN SELECT RAISE(ABORT, 'the inbox could not store this message'); END`,
  );
}

function row() {
  return d.app.db
    .prepare(
      `SELECT state, attempts, next_attempt_at AS nextAt, last_error AS lastError FROM webhook_events WHERE event_id = 'EVboom'`,
    )
    .get() as { state: string; attempts: number; nextAt: string; lastError: string | null };
}

/** Runs the retry queue until the event is dead, moving the clock to each retry; returns the waits it chose (s). */
function retryUntilDead(): number[] {
  const waits: number[] = [];
  for (let i = 0; i < 20 && row().state !== 'dead'; i++) {
    d.app.monitoring.retryPass();
    const r = row();
    if (r.state === 'dead') break;
    const wait = Date.parse(r.nextAt) - d.now().getTime();
    waits.push(wait / 1000);
    // Not due yet: a pass now leaves it alone.
    d.app.monitoring.retryPass();
    expect(row().attempts).toBe(r.attempts);
    d.advance(wait);
  }
  return waits;
}

describe('retry queue and dead letters', () => {
  it('backs off exponentially, dead-letters after 8 attempts, notifies once, and replays after a fix with the attempts reset', async () => {
    d = await desk({ provider: 'quo' });
    breakInbox();
    const seen: string[] = [];
    d.app.events.subscribe((name, payload) => name === 'app:notify' && seen.push((payload as { title: string }).title));
    d.app.ingest(reply);

    expect(retryUntilDead()).toEqual([2, 4, 8, 16, 32, 64, 128]);
    expect(row()).toMatchObject({ state: 'dead', attempts: 8, lastError: 'the inbox could not store this message' });
    d.app.monitoring.retryPass();
    expect(seen).toEqual(['1 provider event could not be processed']);

    const list = await call(d.app, 'deadletters:list', {});
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({
      provider: 'quo',
      eventId: 'EVboom',
      type: 'inbound',
      state: 'dead',
      attempts: 8,
      lastError: 'the inbox could not store this message',
      summary: 'text from +14155550123: boom: what time do you open?',
    });
    const detail = await call(d.app, 'deadletters:get', { id: list.rows[0].id });
    expect(JSON.parse(detail.event)).toEqual(reply);

    // The cause is fixed (the trigger goes); replay puts it back with the attempts reset and processes it at once.
    d.app.db.exec('DROP TRIGGER refuse_boom');
    const replayed = await call(d.app, 'deadletters:replay', { id: list.rows[0].id });
    expect(replayed).toMatchObject({ state: 'processed', attempts: 1, lastError: null });
    expect(d.app.db.prepare(`SELECT body FROM inbound_messages WHERE provider_message_id = 'ACboom'`).get()).toEqual({
      body: reply.body,
    });
    expect(d.app.db.prepare(`SELECT action, actor FROM audit_log WHERE action LIKE 'deadletter.%'`).all()).toEqual([
      { action: 'deadletter.replay', actor: 'user' },
    ]);
    expect((await call(d.app, 'deadletters:list', {})).total).toBe(0);
  });

  it("fixes a dead letter's event: invalid JSON and invalid shapes are refused with the field named; a valid fix is audited and replays", async () => {
    d = await desk({ provider: 'quo' });
    breakInbox();
    d.app.ingest(reply);
    retryUntilDead();
    const id = (d.app.db.prepare(`SELECT id FROM webhook_events WHERE event_id = 'EVboom'`).get() as { id: number }).id;
    const update = (event: string) => d.app.dispatch('deadletters:update', { id, event });

    expect(await update('{ not json')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('not valid JSON') },
    });
    expect(await update(JSON.stringify({ ...reply, from: '415-555-0123' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('from: expected an E.164 phone number') },
    });
    expect(await update(JSON.stringify({ ...reply, eventId: 'EVother' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('must stay quo / EVboom') },
    });
    expect(await update(JSON.stringify({ ...reply, extra: 1 }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    const fixed = { ...reply, body: 'What time do you open?' };
    const saved = await call(d.app, 'deadletters:update', { id, event: JSON.stringify(fixed) });
    expect(JSON.parse(saved.event)).toEqual(fixed);
    expect(saved.editedAt).toBe(d.now().toISOString());
    expect(saved.raw).toBeNull();
    // Still dead until replayed; the trigger is still there, and the fixed text passes it.
    expect(saved.state).toBe('dead');
    expect(await call(d.app, 'deadletters:replay', { id })).toMatchObject({ state: 'processed' });
    expect(d.app.db.prepare(`SELECT body FROM inbound_messages WHERE provider_message_id = 'ACboom'`).get()).toEqual({
      body: 'What time do you open?',
    });
    const audit = d.app.db
      .prepare(`SELECT action, detail_json AS detail FROM audit_log WHERE action LIKE 'deadletter.%' ORDER BY id`)
      .all() as Array<{ action: string; detail: string }>;
    expect(audit.map((a) => a.action)).toEqual(['deadletter.edit', 'deadletter.replay']);
    expect(JSON.parse(audit[0].detail)).toMatchObject({
      before: { body: reply.body },
      after: { body: 'What time do you open?' },
    });
  });

  it('lists failing events that are still being retried, and refuses to edit them', async () => {
    d = await desk({ provider: 'quo' });
    breakInbox();
    d.app.ingest(reply);
    d.app.monitoring.retryPass();
    const list = await call(d.app, 'deadletters:list', { state: 'failed' });
    expect(list.rows).toEqual([
      expect.objectContaining({
        state: 'failed',
        attempts: 1,
        nextAttemptAt: new Date(d.now().getTime() + 2000).toISOString(),
      }),
    ]);
    expect(
      await d.app.dispatch('deadletters:update', { id: list.rows[0].id, event: JSON.stringify(reply) }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await call(d.app, 'deadletters:list', { state: 'dead' })).total).toBe(0);
  });
});
