import { afterEach, describe, expect, it, vi } from 'vitest';
import { TwilioProvider } from '../../../electron/providers/twilio';
import type { ProviderMessage } from '../../../electron/providers/types';
import { unusedLoopbackUrl } from '../../fakes/fake-server';
import { startFakeTwilio, type FakeTwilio, type FakeTwilioOptions } from '../../fakes/twilio';

const FROM = '+15550100001';
const TIMEOUT_MS = 1000;
let fake: FakeTwilio;

async function setup(options: FakeTwilioOptions = {}, clientNow: () => Date = () => new Date()) {
  fake = await startFakeTwilio(options);
  return client(fake.url, fake.authToken, clientNow);
}

function client(baseUrl: string, authToken: string, now: () => Date = () => new Date()) {
  return new TwilioProvider({
    baseUrl,
    accountSid: 'AC00000000000000000000000000000001',
    authToken,
    timeoutMs: TIMEOUT_MS,
    now,
    readRetry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
  });
}

async function collect(iterable: AsyncIterable<ProviderMessage>): Promise<ProviderMessage[]> {
  const out: ProviderMessage[] = [];
  for await (const m of iterable) out.push(m);
  return out;
}

afterEach(async () => {
  await fake?.close();
});

describe('Twilio send', () => {
  it('posts a form with Basic auth and gets a 201 with the SM sid', async () => {
    const twilio = await setup();
    const outcome = await twilio.send({ to: '+15551234567', from: FROM, body: 'Spring sale & more' });
    expect(outcome).toEqual({ ok: true, providerMessageId: fake.sent[0].sid, status: 'queued' });
    expect(fake.sent[0]).toMatchObject({
      to: '+15551234567',
      from: FROM,
      body: 'Spring sale & more',
      direction: 'outbound-api',
    });
    expect(fake.sent[0].sid).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('a Messaging Service SID goes as MessagingServiceSid', async () => {
    const twilio = await setup();
    const service = `MG${'a'.repeat(32)}`;
    expect(await twilio.send({ to: '+15551234567', from: service, body: 'via service' })).toMatchObject({ ok: true });
    expect(fake.sent[0]).toMatchObject({ messaging_service_sid: service, from: '+15550100001' });
  });

  it('21610 (the person texted STOP) is opted_out and nothing is sent', async () => {
    const twilio = await setup();
    fake.addInbound({ from: '+15551234567', body: ' stop ' });
    const outcome = await twilio.send({ to: '+15551234567', from: FROM, body: 'hi' });
    expect(outcome).toMatchObject({ ok: false, kind: 'opted_out', code: '21610', httpStatus: 400 });
    expect(fake.sent).toHaveLength(0);
    fake.addInbound({ from: '+15551234567', body: 'START' });
    expect(await twilio.send({ to: '+15551234567', from: FROM, body: 'welcome back' })).toMatchObject({ ok: true });
  });

  it('a wrong Auth Token (20003) and an invalid number (21211) are permanent', async () => {
    fake = await startFakeTwilio();
    const wrong = client(fake.url, 'not-the-token');
    const auth = await wrong.send({ to: '+15551234567', from: FROM, body: 'hi' });
    expect(auth).toMatchObject({ ok: false, kind: 'permanent', code: '20003', httpStatus: 401 });
    if (!auth.ok) expect(auth.message).toMatch(/Account SID and Auth Token/);
    const right = client(fake.url, fake.authToken);
    expect(await right.send({ to: '12345', from: FROM, body: 'hi' })).toMatchObject({
      kind: 'permanent',
      code: '21211',
    });
    expect(await right.send({ to: '+15551234567', from: FROM, body: 'x'.repeat(1601) })).toMatchObject({
      kind: 'permanent',
      code: '21617',
    });
    expect(fake.sent).toHaveLength(0);
  });

  it('429 with Retry-After and 5xx are retryable; the fake rate limit counts its 429s', async () => {
    const frozen = new Date('2026-05-01T15:00:00.000Z');
    const twilio = await setup({ rateLimitPerSecond: 2, now: () => frozen }, () => frozen);
    fake.faults.next({ kind: 'rate_limited', retryAfter: '3' });
    expect(await twilio.send({ to: '+15551234567', from: FROM, body: 'a' })).toMatchObject({
      kind: 'retryable',
      code: '20429',
      retryAfterMs: 3000,
    });
    fake.faults.next({ kind: 'server_error', status: 502 });
    expect(await twilio.send({ to: '+15551234567', from: FROM, body: 'b' })).toMatchObject({
      kind: 'retryable',
      httpStatus: 502,
    });
    await twilio.send({ to: '+15551234567', from: FROM, body: 'c' });
    await twilio.send({ to: '+15551234567', from: FROM, body: 'd' });
    expect(await twilio.send({ to: '+15551234567', from: FROM, body: 'e' })).toMatchObject({
      kind: 'retryable',
      httpStatus: 429,
      retryAfterMs: 1000,
    });
    expect(fake.rateLimited).toBe(1);
    expect(fake.sent.map((m) => m.body)).toEqual(['c', 'd']);
  });

  it('accepted then timeout and reset after processing are unknown and were sent; reset before is unknown and was not', async () => {
    const twilio = await setup();
    fake.faults.next({ kind: 'accepted_then_timeout' });
    expect(await twilio.send({ to: '+15551234567', from: FROM, body: 'held' })).toMatchObject({
      kind: 'unknown',
      code: 'timeout',
    });
    fake.faults.next({ kind: 'reset_after' });
    expect(await twilio.send({ to: '+15551234567', from: FROM, body: 'reset late' })).toMatchObject({
      kind: 'unknown',
      code: 'connection_lost',
    });
    fake.faults.next({ kind: 'reset_before' });
    expect(await twilio.send({ to: '+15551234567', from: FROM, body: 'reset early' })).toMatchObject({
      kind: 'unknown',
      code: 'connection_lost',
    });
    fake.faults.next({ kind: 'slow', delayMs: TIMEOUT_MS * 2 });
    expect(await twilio.send({ to: '+15551234567', from: FROM, body: 'slow' })).toMatchObject({
      kind: 'unknown',
      code: 'timeout',
    });
    await vi.waitFor(() => expect(fake.sent.map((m) => m.body)).toEqual(['held', 'reset late', 'slow']), {
      timeout: 5000,
      interval: 50,
    });
  });

  it('connection refused is retryable', async () => {
    const twilio = client(await unusedLoopbackUrl(), 'x');
    expect(await twilio.send({ to: '+15551234567', from: FROM, body: 'hi' })).toMatchObject({
      kind: 'retryable',
      code: 'connection_refused',
    });
  });
});

describe('Twilio lookup, list and health', () => {
  it('looks up a message and sees its status and error code', async () => {
    const twilio = await setup();
    const sent = await twilio.send({ to: '+15551234567', from: FROM, body: 'hi' });
    if (!sent.ok) throw new Error(sent.message);
    expect(await twilio.lookup(sent.providerMessageId)).toMatchObject({
      status: 'sent',
      direction: 'outgoing',
      from: FROM,
      errorCode: null,
    });
    fake.markUndelivered(sent.providerMessageId);
    expect(await twilio.lookup(sent.providerMessageId)).toMatchObject({ status: 'undelivered', errorCode: '30003' });
    expect(await twilio.lookup(`SM${'f'.repeat(32)}`)).toBeNull();
    expect(await twilio.lookup('AC123')).toBeNull();
  });

  it('lists by DateSent across pages by following next_page_uri', async () => {
    let clock = Date.parse('2026-05-01T12:00:00.000Z');
    const twilio = await setup({ now: () => new Date(clock) });
    for (let i = 0; i < 230; i += 1) {
      clock += 60_000;
      await twilio.send({ to: '+15551234567', from: FROM, body: `m${i}` });
    }
    const since = new Date(Date.parse('2026-05-01T12:00:00.000Z') + 11 * 60_000);
    const until = new Date(Date.parse('2026-05-01T12:00:00.000Z') + 220 * 60_000);
    const listed = await collect(twilio.list({ since, until }));
    expect(listed).toHaveLength(210);
    expect(listed[0].body).toBe('m219');
    expect(listed[209].body).toBe('m10');
    const pages = fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/Messages.json'));
    expect(pages).toHaveLength(3);
  });

  it('a conversation lists both directions, including the inbound STOP', async () => {
    const twilio = await setup();
    const customer = '+15553330000';
    await twilio.send({ to: customer, from: FROM, body: 'promo' });
    await twilio.send({ to: '+15554440000', from: FROM, body: 'other' });
    fake.addInbound({ from: customer, body: 'STOP' });
    const listed = await collect(
      twilio.list({
        since: new Date(Date.now() - 60_000),
        until: new Date(Date.now() + 60_000),
        participant: customer,
      }),
    );
    expect(listed.map((m) => [m.direction, m.body])).toEqual([
      ['outgoing', 'promo'],
      ['incoming', 'STOP'],
    ]);
  });

  it('health reads the Account resource', async () => {
    const twilio = await setup({ accountType: 'Trial' });
    expect(await twilio.health()).toMatchObject({ ok: true, detail: expect.stringMatching(/trial account/) });
    fake.setAccountStatus('suspended');
    expect(await twilio.health()).toMatchObject({ ok: false, detail: expect.stringMatching(/suspended/) });
    expect(await client(fake.url, 'wrong').health()).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/Auth Token/),
    });
  });
});
