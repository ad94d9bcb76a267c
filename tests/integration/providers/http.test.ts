import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  callHttp,
  classifyFetchFailure,
  classifyStatus,
  parseRetryAfter,
  readWithRetry,
} from '../../../electron/http/client';
import { unusedLoopbackUrl } from '../../fakes/fake-server';
import { startFakeQuo, type FakeQuo } from '../../fakes/quo';

const NOW = new Date('2026-05-01T15:00:00.000Z');
let fake: FakeQuo | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('Retry-After', () => {
  it('reads delay-seconds, HTTP dates, past dates and nonsense', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
    expect(parseRetryAfter('Fri, 01 May 2026 15:02:00 GMT', NOW)).toBe(120_000);
    expect(parseRetryAfter('Fri, 01 May 2026 14:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe('status classes', () => {
  it('408, 429 and 5xx are retryable; other 4xx are permanent', () => {
    expect([200, 201, 202].map(classifyStatus)).toEqual(['ok', 'ok', 'ok']);
    expect([408, 429, 500, 502, 503, 504].map(classifyStatus)).toEqual(Array(6).fill('retryable'));
    expect([400, 401, 402, 403, 404, 409, 422].map(classifyStatus)).toEqual(Array(7).fill('permanent'));
  });
});

describe('fetch failures', () => {
  const failed = (cause: unknown) => new TypeError('fetch failed', { cause });
  const coded = (code: string) => Object.assign(new Error(code), { code });

  it('a refused connect reported as an AggregateError (happy eyeballs) is "not sent"', () => {
    const aggregate = Object.assign(
      new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'connect failed'),
      { code: 'ECONNREFUSED' },
    );
    expect(classifyFetchFailure(failed(aggregate), { timedOut: false, cancelled: false })).toMatchObject({
      kind: 'not_sent',
      code: 'connection_refused',
    });
  });

  it('a refusal mixed with a socket error is "maybe sent": only pure connect failures count as not sent', () => {
    const mixed = Object.assign(coded('UND_ERR_SOCKET'), { cause: coded('ECONNREFUSED') });
    expect(classifyFetchFailure(failed(mixed), { timedOut: false, cancelled: false })).toMatchObject({
      kind: 'maybe_sent',
      code: 'connection_lost',
    });
  });

  it('our own timeout and headers timeouts are "maybe sent"', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    expect(classifyFetchFailure(abort, { timedOut: true, cancelled: false })).toMatchObject({
      kind: 'maybe_sent',
      code: 'timeout',
    });
    expect(
      classifyFetchFailure(failed(coded('UND_ERR_HEADERS_TIMEOUT')), { timedOut: false, cancelled: false }),
    ).toMatchObject({ kind: 'maybe_sent', code: 'network_error' });
  });

  it('real sockets: a refused port is not sent, a reset is maybe sent', async () => {
    const refused = await callHttp(
      await unusedLoopbackUrl(),
      { method: 'POST', body: 'x' },
      { fetch, timeoutMs: 2000 },
    );
    expect(refused).toMatchObject({ kind: 'not_sent', code: 'connection_refused' });
    const server = createServer((req) => req.socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const reset = await callHttp(
      `http://127.0.0.1:${port}/`,
      { method: 'POST', body: 'x' },
      { fetch, timeoutMs: 2000 },
    );
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(reset).toMatchObject({ kind: 'maybe_sent', code: 'connection_lost' });
  });
});

describe('the built-in node:http transport (no fetch injected)', () => {
  async function serve(
    handler: (req: IncomingMessage, res: ServerResponse) => void,
  ): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return {
      url: `http://127.0.0.1:${port}/`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  it('a refused port is not sent; a reset after connecting is maybe sent', async () => {
    expect(await callHttp(await unusedLoopbackUrl(), { method: 'POST', body: 'x' }, { timeoutMs: 2000 })).toMatchObject(
      { kind: 'not_sent', code: 'connection_refused' },
    );
    const server = await serve((req) => req.socket.destroy());
    const reset = await callHttp(server.url, { method: 'POST', body: 'x' }, { timeoutMs: 2000 });
    await server.close();
    expect(reset).toMatchObject({ kind: 'maybe_sent', code: 'connection_lost' });
  });

  it('a header value that cannot be written (a pasted key with a line break) is not sent', async () => {
    const result = await callHttp(
      await unusedLoopbackUrl(),
      { method: 'POST', headers: { Authorization: 'key\nmore' }, body: 'x' },
      { timeoutMs: 2000 },
    );
    expect(result).toMatchObject({ kind: 'not_sent', code: 'connection_refused' });
  });

  it('sends the body and headers, reads status, body and Retry-After, and reuses the connection', async () => {
    const seen: Array<{ body: string; auth: string | undefined; port: number | undefined }> = [];
    const server = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ body, auth: req.headers.authorization, port: req.socket.remotePort });
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
        res.end('{"message":"slow down"}');
      });
    });
    const call = () =>
      callHttp(
        server.url,
        {
          method: 'POST',
          headers: { Authorization: 'key', 'Content-Type': 'application/json' },
          body: '{"to":["+15551234567"]}',
        },
        { timeoutMs: 2000 },
      );
    const first = await call();
    const second = await call();
    await server.close();
    expect(first).toMatchObject({
      kind: 'answered',
      status: 429,
      text: '{"message":"slow down"}',
      bodyIncomplete: false,
    });
    expect(first.kind === 'answered' && first.headers.get('Retry-After')).toBe('7');
    expect(seen.map((s) => [s.body, s.auth])).toEqual(Array(2).fill(['{"to":["+15551234567"]}', 'key']));
    expect(seen[1].port).toBe(seen[0].port);
    expect(second).toMatchObject({ kind: 'answered', status: 429 });
  });

  it('no answer within the timeout is maybe sent; an answer cut short is answered with an incomplete body', async () => {
    const silent = await serve(() => undefined);
    const timedOut = await callHttp(silent.url, { method: 'POST', body: 'x' }, { timeoutMs: 200 });
    await silent.close();
    expect(timedOut).toMatchObject({ kind: 'maybe_sent', code: 'timeout' });
    const cut = await serve((req, res) => {
      res.writeHead(202, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"data":');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const partial = await callHttp(cut.url, { method: 'POST', body: 'x' }, { timeoutMs: 2000 });
    await cut.close();
    expect(partial).toMatchObject({ kind: 'answered', status: 202, bodyIncomplete: true });
  });

  it('cancelled while waiting for the answer is maybe sent', async () => {
    const silent = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const cancelled = await callHttp(
      silent.url,
      { method: 'POST', body: 'x' },
      { timeoutMs: 2000, signal: controller.signal },
    );
    await silent.close();
    expect(cancelled).toMatchObject({ kind: 'maybe_sent', code: 'cancelled' });
  });
});

describe('reads with retry', () => {
  it('repeats a GET after 429 and a reset, then gives the answer', async () => {
    fake = await startFakeQuo();
    fake.faults.next({ kind: 'rate_limited', retryAfter: '0' });
    fake.faults.next({ kind: 'reset_before' });
    const result = await readWithRetry(
      `${fake.url}/v1/phone-numbers`,
      { headers: { Authorization: 'test-quo-key' } },
      {
        fetch,
        timeoutMs: 2000,
        now: () => NOW,
        attempts: 3,
        baseDelayMs: 10,
        maxDelayMs: 50,
      },
    );
    expect(result).toMatchObject({ kind: 'answered', status: 200 });
    expect(fake.requests.map((r) => r.fault)).toEqual(['rate_limited', 'reset_before', null]);
  });

  it('gives up after the last attempt with the last answer', async () => {
    fake = await startFakeQuo();
    fake.faults.next({ kind: 'server_error', status: 500 }, 5);
    const result = await readWithRetry(
      `${fake.url}/v1/phone-numbers`,
      { headers: { Authorization: 'test-quo-key' } },
      {
        fetch,
        timeoutMs: 2000,
        now: () => NOW,
        attempts: 2,
        baseDelayMs: 10,
        maxDelayMs: 50,
      },
    );
    expect(result).toMatchObject({ kind: 'answered', status: 500 });
    expect(fake.requests).toHaveLength(2);
  });
});
