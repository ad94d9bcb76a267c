import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { relayHarness, START, type RelayHarness } from './harness';
import { quoLegacyHeaders, quoLegacySignature, quoReceived, send, standardHeaders } from './signers';

let h: RelayHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const received = (n: number) =>
  JSON.stringify(
    quoReceived({
      eventId: `EV${n}`,
      messageId: `AC${n}`,
      from: '+14155550100',
      to: '+14155550000',
      body: 'Hello',
      createdAt: '2026-11-28T14:59:00Z',
    }),
  );
const forgedEntry = (atMs: number) => `hmac;1;${atMs};${randomBytes(32).toString('base64')}`;

/** A raw keep-alive connection to the relay, collecting everything it answers. */
async function rawConnection(url: string) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  let text = '';
  let closed = false;
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  socket.on('data', (d) => {
    text += d.toString();
    wake();
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    closed = true;
    wake();
  });
  const until = (done: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (done() ? resolve() : waiters.push(check));
      check();
    });
  return {
    socket,
    get: (path: string) => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`),
    text: () => text,
    closed: () => closed,
    /** Resolves once `n` complete answers (or the close) have arrived. */
    answers: (n: number) =>
      until(() => closed || ((text.match(/HTTP\/1\.1 \d{3}/g) ?? []).length >= n && text.endsWith('}'))),
    whenClosed: () => until(() => closed),
  };
}

describe('Quo legacy signature header size', () => {
  it('refuses a header of hundreds of entries before hashing, even with a valid entry among them, storing nothing', async () => {
    h = await relayHarness();
    const body = received(1);
    const valid = quoLegacySignature(body, START);
    const header = [...Array.from({ length: 226 }, () => forgedEntry(START)), valid].join(',');
    const answer = await send(`${h.relay.url}/webhooks/quo`, {
      headers: { 'content-type': 'application/json', 'openphone-signature': header },
      body,
    });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ ok: false, reason: 'openphone-signature has 227 entries; Quo sends at most 4' });
    expect(answer.headers.get('connection')).toBe('close');
    expect(h.rows()).toEqual([]);
  });

  it('answers such a header without waiting for (or reading) the body, and closes the connection', async () => {
    h = await relayHarness();
    const conn = await rawConnection(h.relay.url);
    const header = Array.from({ length: 227 }, () => forgedEntry(START)).join(',');
    // Headers only: a relay that read the body first would still be waiting for these 256,000 bytes.
    conn.socket.write(
      `POST /webhooks/quo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 256000\r\nopenphone-signature: ${header}\r\n\r\n`,
    );
    await conn.whenClosed();
    expect(conn.text()).toMatch(/^HTTP\/1\.1 401/);
    expect(conn.text()).toContain('openphone-signature has 227 entries');
  });

  it('still accepts the two entries Quo sends while a secret is rotated', async () => {
    h = await relayHarness();
    const body = received(2);
    const header = `${forgedEntry(START)}, ${quoLegacySignature(body, START)}`;
    expect(
      (
        await send(`${h.relay.url}/webhooks/quo`, {
          headers: { 'content-type': 'application/json', 'openphone-signature': header },
          body,
        })
      ).json,
    ).toEqual({ ok: true, stored: 1, duplicates: 0 });
  });
});

describe('Failed-signature budget per sender', () => {
  const forged = (body: string, from: string) => ({
    'content-type': 'application/json',
    'openphone-signature': forgedEntry(START),
    'x-forwarded-for': from,
  });

  it('refuses a sender with 429 after its failures run out, leaves other senders alone, and lets it back as the budget refills', async () => {
    h = await relayHarness({ failureBudget: { burst: 3, perMinute: 6 } });
    const url = `${h.relay.url}/webhooks/quo`;
    const body = received(3);
    // The tunnel appends the address it saw; what the sender wrote before it is not trusted.
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await send(url, { headers: forged(body, `10.0.0.${i}, 203.0.113.7`), body })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await send(url, {
      headers: { ...quoLegacyHeaders(body, START), 'x-forwarded-for': '203.0.113.7' },
      body,
    });
    expect([refused.status, refused.headers.get('retry-after'), refused.json?.reason]).toEqual([
      429,
      '10',
      'too many requests with a wrong signature from this address',
    ]);
    expect(h.rows()).toEqual([]);

    // Another sender (the real provider, say) is not affected.
    expect(
      (await send(url, { headers: { ...quoLegacyHeaders(body, START), 'x-forwarded-for': '198.51.100.20' }, body }))
        .json,
    ).toMatchObject({ stored: 1 });

    // Six a minute: one more failure is allowed ten seconds later.
    h.advance(10_000);
    const body4 = received(4);
    expect(
      (
        await send(url, {
          headers: { ...quoLegacyHeaders(body4, START + 10_000), 'x-forwarded-for': '203.0.113.7' },
          body: body4,
        })
      ).status,
    ).toBe(200);
    expect((await send(url, { headers: forged(body4, '203.0.113.7'), body: body4 })).status).toBe(401);
    expect((await send(url, { headers: forged(body4, '203.0.113.7'), body: body4 })).status).toBe(429);
  });

  it('counts Standard Webhooks and Twilio failures too, and refuses an over-long header before its body is read', async () => {
    h = await relayHarness({ failureBudget: { burst: 2, perMinute: 1 } });
    const body = received(5);
    const wrong = {
      ...standardHeaders('msg_1', body, START / 1000),
      'webhook-signature': `v1,${randomBytes(32).toString('base64')}`,
      'x-forwarded-for': '203.0.113.8',
    };
    expect((await send(`${h.relay.url}/webhooks/quo`, { headers: wrong, body })).status).toBe(401);
    const tooMany = Array.from({ length: 5 }, () => forgedEntry(START)).join(',');
    expect(
      (
        await send(`${h.relay.url}/webhooks/quo`, {
          headers: { 'openphone-signature': tooMany, 'x-forwarded-for': '203.0.113.8' },
          body,
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await send(`${h.relay.url}/webhooks/twilio`, {
          headers: { 'x-twilio-signature': 'bm9wZQ==', 'x-forwarded-for': '203.0.113.8' },
          body: 'From=%2B1',
        })
      ).status,
    ).toBe(429);
  });
});

describe('Open connections', () => {
  it('closes the longest-idle keep-alive connection to make room for a new one', async () => {
    h = await relayHarness({ maxConnections: 2 });
    const first = await rawConnection(h.relay.url);
    first.get('/healthz?probe=first');
    await first.answers(1);
    const second = await rawConnection(h.relay.url);
    second.get('/healthz?probe=second');
    await second.answers(1);
    // Both are idle keep-alive sockets now; a third connection is over the cap.
    const third = await rawConnection(h.relay.url);
    third.get('/healthz?probe=third');
    await third.answers(1);
    await first.whenClosed();
    expect(third.text()).toContain('"probe":"third"');
    expect(second.closed()).toBe(false);
    second.get('/healthz?probe=again');
    await second.answers(2);
    expect(second.text()).toContain('"probe":"again"');
    for (const c of [second, third]) c.socket.destroy();
  });

  it('refuses a new connection when every open one is in the middle of a request', async () => {
    h = await relayHarness({ maxConnections: 1 });
    const busy = await rawConnection(h.relay.url);
    // Headers sent, body not yet: a request in progress.
    busy.socket.write(
      `POST /webhooks/quo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n`,
    );
    await new Promise<void>((resolve) => busy.socket.once('data', () => resolve()));
    const refused = await rawConnection(h.relay.url);
    refused.get('/healthz');
    await refused.whenClosed();
    expect(refused.text()).toBe('');
    expect(busy.closed()).toBe(false);
    busy.socket.destroy();
  });
});

describe('Graceful close with keep-alive', () => {
  it('answers a request that has just arrived on an idle keep-alive connection instead of resetting it', async () => {
    h = await relayHarness();
    const conn = await rawConnection(h.relay.url);
    conn.get('/healthz?probe=one');
    await conn.answers(1);
    // The next request is on the wire when the relay is told to close.
    conn.get('/healthz?probe=two');
    const closed = h.relay.close(5_000);
    await conn.whenClosed();
    await closed;
    const answers = conn.text().split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 200/);
    expect(answers[1]).toMatch(/connection: close/i);
    expect(answers[1]).toContain('"probe":"two"');
  });
});
