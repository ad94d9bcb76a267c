import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relayHarness, START, type RelayHarness } from './harness';
import { quoLegacyHeaders, quoReceived, send, standardHeaders } from './signers';

let h: RelayHarness;
beforeEach(async () => {
  h = await relayHarness();
});
afterEach(async () => {
  await h.close();
});

const received = (n: number, text = 'Hello') =>
  JSON.stringify(
    quoReceived({
      eventId: `EV${n}`,
      messageId: `AC${n}`,
      from: '+14155550100',
      to: '+14155550000',
      body: text,
      createdAt: '2026-11-28T14:59:00Z',
    }),
  );
const postQuo = (body: string | Buffer, headers = quoLegacyHeaders(body, START)) =>
  send(`${h.relay.url}/webhooks/quo`, { headers, body });

describe('Webhook relay routes', () => {
  it('answers health checks with the time and the probe it was given', async () => {
    const answer = await send(`${h.relay.url}/healthz?probe=tunnel-check-8d1f`, { method: 'GET' });
    expect(answer).toMatchObject({
      status: 200,
      json: { ok: true, at: '2026-11-28T15:00:00.000Z', probe: 'tunnel-check-8d1f' },
    });
  });

  it('answers 404 for unknown paths and 405 for the wrong method, storing nothing', async () => {
    const body = received(1);
    expect((await send(`${h.relay.url}/webhooks/other`, { headers: quoLegacyHeaders(body, START), body })).status).toBe(
      404,
    );
    const wrong = await send(`${h.relay.url}/webhooks/quo`, { method: 'GET' });
    expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'POST']);
    expect((await send(`${h.relay.url}/healthz`, { body: '{}' })).status).toBe(405);
    expect(h.rows()).toEqual([]);
  });

  it('answers 413 to a body over the limit, even a correctly signed one, storing nothing', async () => {
    const text = 'x'.repeat(256 * 1024);
    const body = received(1, text);
    const answer = await postQuo(body);
    expect(answer).toMatchObject({ status: 413, json: { ok: false } });
    // Far over the limit, the relay stops reading at once instead of draining megabytes.
    const huge = Buffer.alloc(5_000_000, 'a');
    expect((await postQuo(huge, quoLegacyHeaders(huge, START))).status).toBe(413);
    expect(h.rows()).toEqual([]);
    // A body just under the limit goes through.
    const fits = received(2, 'y'.repeat(256 * 1024 - received(2, '').length));
    expect(Buffer.byteLength(fits)).toBe(256 * 1024);
    expect((await postQuo(fits)).status).toBe(200);
  });

  it('answers 400 to malformed JSON or a non-event after a valid signature, storing nothing', async () => {
    const broken = '{"id": "EV1", "type": "message.received", ';
    expect(await postQuo(broken)).toMatchObject({
      status: 400,
      json: { ok: false, reason: 'the body is not valid JSON' },
    });
    expect((await postQuo(JSON.stringify({ type: 'message.received', data: {} }))).status).toBe(400);
    expect((await postQuo(JSON.stringify([1, 2]))).status).toBe(400);
    expect(h.rows()).toEqual([]);
  });

  it('acknowledges a duplicate delivery without storing it twice', async () => {
    const body = received(7);
    expect((await postQuo(body)).json).toEqual({ ok: true, stored: 1, duplicates: 0 });
    h.advance(60_000); // Quo retries later, with a fresh signature.
    expect((await postQuo(body, quoLegacyHeaders(body, START + 60_000))).json).toEqual({
      ok: true,
      stored: 0,
      duplicates: 1,
    });
    expect(h.rows()).toHaveLength(1);
    expect(h.storedSignals()).toBe(1);
  });

  it('acknowledges event types the desk does not use, says so, and stores nothing', async () => {
    for (const type of ['call.completed', 'contact.updated']) {
      const body = JSON.stringify({
        id: `EV-${type}`,
        object: 'event',
        type,
        createdAt: '2026-11-28T14:59:00Z',
        data: { object: { id: 'CA1' } },
      });
      expect((await postQuo(body)).json).toEqual({
        ok: true,
        stored: 0,
        duplicates: 0,
        ignored: `${type} events are not used by the desk`,
      });
    }
    expect(h.rows()).toEqual([]);
  });

  it('stores many concurrent deliveries, each acknowledged after it is stored', async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => postQuo(received(100 + i))));
    expect(answers.every((a) => a.status === 200 && a.json?.stored === 1)).toBe(true);
    expect(h.rows()).toHaveLength(60);
  });

  it('answers 500 when an event cannot be stored, without failing the requests committed alongside it', async () => {
    // A real SQLite failure for one event id (as a full disk or a locked file would cause), not a stand-in.
    h.app.db.exec(
      `CREATE TRIGGER refuse_ev_bad BEFORE INSERT ON webhook_events WHEN NEW.event_id = 'EVbad' BEGIN SELECT RAISE(ABORT, 'cannot write'); END`,
    );
    const bad = JSON.stringify({ ...JSON.parse(received(1)), id: 'EVbad' });
    const [failed, ok] = await Promise.all([postQuo(bad), postQuo(received(2))]);
    expect(failed).toMatchObject({ status: 500, json: { ok: false } });
    expect(ok.json).toMatchObject({ ok: true, stored: 1 });
    expect(h.rows().map((r) => r.eventId)).toEqual(['EV2']);
  });
});

describe('Quo events end to end', () => {
  it('turns a signed STOP reply into an opt-out and exactly one confirmation', async () => {
    const iso = h.now().toISOString();
    h.app.db
      .prepare(`INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES ('+14155550100', 'Ana', ?, ?)`)
      .run(iso, iso);
    const body = received(900, 'STOP');
    expect((await postQuo(body)).json).toMatchObject({ stored: 1 });
    h.app.tick();
    expect(h.app.db.prepare('SELECT opted_out FROM contacts WHERE phone = ?').get('+14155550100')).toEqual({
      opted_out: 1,
    });
    expect(h.app.db.prepare('SELECT source, message_text FROM optout_audit').all()).toEqual([
      { source: 'keyword', message_text: 'STOP' },
    ]);
    const confirmations = h.app.db
      .prepare(`SELECT to_phone, body, provider FROM outbox_messages WHERE kind = 'confirmation'`)
      .all();
    expect(confirmations).toEqual([
      {
        to_phone: '+14155550100',
        body: "You're unsubscribed from Bloom Florist. No more messages. Reply START to resubscribe.",
        provider: 'quo',
      },
    ]);
    // Quo delivers at least once: the same STOP again changes nothing.
    await postQuo(body, quoLegacyHeaders(body, START + 1));
    h.app.tick();
    expect(h.app.db.prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'confirmation'`).get()).toEqual({
      n: 1,
    });
  });

  it('marks a sent message failed with the carrier error from a new-style message.failed', async () => {
    const iso = h.now().toISOString();
    h.app.db
      .prepare(
        `INSERT INTO outbox_messages (to_phone, body, provider, state, provider_message_id, created_at, updated_at, sent_at) VALUES ('+14155550100', 'Hi', 'quo', 'sent', 'ACfail', ?, ?, ?)`,
      )
      .run(iso, iso, iso);
    const body = JSON.stringify({
      id: 'EVfail',
      apiVersion: '2026-03-30',
      createdAt: '2026-11-28T14:59:30Z',
      type: 'message.failed',
      data: {
        resource: { id: 'ACfail', status: 'failed', errorCode: '30007', errorMessage: 'Carrier filtered' },
        context: {},
        links: {},
      },
    });
    expect((await postQuo(body, standardHeaders('msg_fail', body, START / 1000))).json).toMatchObject({ stored: 1 });
    h.app.tick();
    expect(
      h.app.db
        .prepare(`SELECT state, error_code, error_message FROM outbox_messages WHERE provider_message_id = 'ACfail'`)
        .get(),
    ).toEqual({ state: 'failed', error_code: '30007', error_message: 'Carrier filtered' });
  });
});

describe('Graceful close', () => {
  it('finishes a request already in flight, then refuses new connections', async () => {
    const body = received(1);
    const headers = quoLegacyHeaders(body, START);
    const url = new URL(h.relay.url);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let text = '';
    const continued = new Promise<void>((resolve) =>
      socket.on('data', (d) => {
        text += d.toString();
        if (text.includes('100 Continue')) resolve();
      }),
    );
    const reply = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // "Expect: 100-continue" makes the relay say when it has begun the request, so close() lands mid-request for sure.
    const head = [
      `POST /webhooks/quo HTTP/1.1`,
      `Host: ${url.host}`,
      `Content-Type: application/json`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      `Expect: 100-continue`,
      `openphone-signature: ${headers['openphone-signature']}`,
    ];
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
    await continued;
    const closed = h.relay.close();
    socket.write(body.slice(0, 40));
    socket.end(body.slice(40));
    await reply;
    await closed;
    expect(text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200/);
    expect(text).toContain('"stored":1');
    expect(h.rows().map((r) => r.eventId)).toEqual(['EV1']);
    await expect(fetch(`${h.relay.url}/healthz`)).rejects.toThrow();
  });
});
