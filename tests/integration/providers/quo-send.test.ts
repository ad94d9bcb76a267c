import { afterEach, describe, expect, it } from 'vitest';
import { QuoProvider } from '../../../electron/providers/quo';
import { startFakeQuo, type FakeQuo, type FakeQuoOptions } from '../../fakes/quo';

const KEY = 'test-quo-key';
const FROM = '+15550100000';
let fake: FakeQuo;

async function setup(options: FakeQuoOptions = {}, clientNow: () => Date = () => new Date()) {
  fake = await startFakeQuo(options);
  return new QuoProvider({ baseUrl: fake.url, apiKey: KEY, timeoutMs: 5000, now: clientNow });
}

afterEach(async () => {
  await fake?.close();
});

describe('Quo send', () => {
  it('sends one recipient with the raw key and gets the message id back', async () => {
    const quo = await setup();
    const outcome = await quo.send({ to: '+15551234567', from: FROM, body: 'Spring sale: 20% off' });
    expect(outcome).toEqual({ ok: true, providerMessageId: fake.sent[0].id, status: 'queued' });
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({
      to: ['+15551234567'],
      from: FROM,
      text: 'Spring sale: 20% off',
      direction: 'outgoing',
      phoneNumberId: 'PN00000001',
    });
    expect(fake.sent[0].id).toMatch(/^AC/);
  });

  it('tolerates a base URL written with /v1 and a trailing slash', async () => {
    fake = await startFakeQuo();
    const quo = new QuoProvider({ baseUrl: `${fake.url}/v1/`, apiKey: KEY, timeoutMs: 5000, now: () => new Date() });
    expect((await quo.send({ to: '+15551234567', from: 'PN00000001', body: 'hi' })).ok).toBe(true);
  });

  it('the fake refuses a Bearer key with the 401 envelope, and the client reports a permanent key problem', async () => {
    fake = await startFakeQuo();
    const raw = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: 'x', from: FROM, to: ['+15551234567'] }),
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ code: '0200401', status: 401, title: 'Unauthorized', errors: [] });

    const quo = new QuoProvider({ baseUrl: fake.url, apiKey: 'wrong-key', timeoutMs: 5000, now: () => new Date() });
    const outcome = await quo.send({ to: '+15551234567', from: FROM, body: 'hi' });
    expect(outcome).toMatchObject({ ok: false, kind: 'permanent', code: '0200401', httpStatus: 401 });
    if (!outcome.ok) expect(outcome.message).toMatch(/API key/);
    expect(fake.sent).toHaveLength(0);
  });

  it('a body over 1600 characters is a permanent error naming the field', async () => {
    const quo = await setup();
    const outcome = await quo.send({ to: '+15551234567', from: FROM, body: 'x'.repeat(1601) });
    expect(outcome).toMatchObject({ ok: false, kind: 'permanent', httpStatus: 400 });
    if (!outcome.ok) expect(outcome.message).toContain('/content');
    expect(fake.sent).toHaveLength(0);
  });

  it('a recipient that is not E.164 is refused with the path of the bad entry', async () => {
    const quo = await setup();
    const outcome = await quo.send({ to: '555-1234', from: FROM, body: 'hi' });
    expect(outcome).toMatchObject({ ok: false, kind: 'permanent' });
    if (!outcome.ok) expect(outcome.message).toContain('/to/0');
  });

  it('A2P not approved (0206400) is permanent with a message that says what to do', async () => {
    const quo = await setup();
    fake.setA2pApproved(false);
    const outcome = await quo.send({ to: '+15551234567', from: FROM, body: 'hi' });
    expect(outcome).toMatchObject({ ok: false, kind: 'permanent', code: '0206400', httpStatus: 400 });
    if (!outcome.ok) expect(outcome.message).toMatch(/A2P 10DLC.*not approved.*Finish the registration/);
    expect(fake.sent).toHaveLength(0);
  });

  it('an expired subscription (402) and a number the user does not belong to (403) are permanent', async () => {
    const quo = await setup({ phoneNumbers: [{ id: 'PNmine0001', number: FROM }] });
    expect(await quo.send({ to: '+15551234567', from: '+15559999999', body: 'hi' })).toMatchObject({
      kind: 'permanent',
      code: '0202403',
      httpStatus: 403,
    });
    fake.setSubscriptionActive(false);
    expect(await quo.send({ to: '+15551234567', from: FROM, body: 'hi' })).toMatchObject({
      kind: 'permanent',
      code: '0201402',
      httpStatus: 402,
    });
    expect(fake.sent).toHaveLength(0);
  });

  it('the 11th request within one second is refused with 429 and is retryable with Retry-After', async () => {
    const frozen = new Date('2026-05-01T15:00:00.000Z');
    const quo = await setup({ now: () => frozen }, () => frozen);
    const outcomes = [];
    for (let i = 0; i < 11; i += 1)
      outcomes.push(await quo.send({ to: `+1555123${String(i).padStart(4, '0')}`, from: FROM, body: `n${i}` }));
    expect(outcomes.slice(0, 10).every((o) => o.ok)).toBe(true);
    expect(outcomes[10]).toMatchObject({
      ok: false,
      kind: 'retryable',
      code: '0200429',
      httpStatus: 429,
      retryAfterMs: 1000,
    });
    expect(fake.rateLimited).toBe(1);
    expect(fake.sent).toHaveLength(10);
  });

  it('the limit is per key, and "unlimited" lets a benchmark through', async () => {
    const frozen = new Date('2026-05-01T15:00:00.000Z');
    fake = await startFakeQuo({ apiKeys: [KEY, 'second-key'], now: () => frozen });
    const first = new QuoProvider({ baseUrl: fake.url, apiKey: KEY, timeoutMs: 5000, now: () => frozen });
    const second = new QuoProvider({ baseUrl: fake.url, apiKey: 'second-key', timeoutMs: 5000, now: () => frozen });
    for (let i = 0; i < 10; i += 1) await first.send({ to: '+15551230000', from: FROM, body: `a${i}` });
    expect(await second.send({ to: '+15551230000', from: FROM, body: 'b' })).toMatchObject({ ok: true });
    expect(await first.send({ to: '+15551230000', from: FROM, body: 'a10' })).toMatchObject({
      kind: 'retryable',
      httpStatus: 429,
    });
    fake.setRateLimit('unlimited');
    expect(await first.send({ to: '+15551230000', from: FROM, body: 'a11' })).toMatchObject({ ok: true });
    expect(fake.rateLimited).toBe(1);
  });

  it('honours Retry-After given as seconds or as an HTTP date', async () => {
    const clientNow = new Date('2026-05-01T15:00:00.000Z');
    const quo = await setup({}, () => clientNow);
    fake.faults.next({ kind: 'rate_limited', retryAfter: '7' });
    expect(await quo.send({ to: '+15551234567', from: FROM, body: 'a' })).toMatchObject({
      kind: 'retryable',
      httpStatus: 429,
      retryAfterMs: 7000,
    });
    fake.faults.next({ kind: 'rate_limited', retryAfter: 'Fri, 01 May 2026 15:00:30 GMT' });
    expect(await quo.send({ to: '+15551234567', from: FROM, body: 'b' })).toMatchObject({
      kind: 'retryable',
      retryAfterMs: 30_000,
    });
    fake.faults.next({ kind: 'rate_limited', retryAfter: null });
    const bare = await quo.send({ to: '+15551234567', from: FROM, body: 'c' });
    expect(bare).toMatchObject({ kind: 'retryable', httpStatus: 429 });
    expect(bare.ok === false && 'retryAfterMs' in bare).toBe(false);
    expect(fake.sent).toHaveLength(0);
  });

  it('5xx answers are retryable and nothing is recorded as sent', async () => {
    const quo = await setup();
    fake.faults.next({ kind: 'server_error', status: 503 });
    fake.faults.next({ kind: 'server_error' });
    expect(await quo.send({ to: '+15551234567', from: FROM, body: 'a' })).toMatchObject({
      ok: false,
      kind: 'retryable',
      httpStatus: 503,
      code: '0200503',
    });
    expect(await quo.send({ to: '+15551234567', from: FROM, body: 'b' })).toMatchObject({
      ok: false,
      kind: 'retryable',
      httpStatus: 500,
    });
    expect(fake.sent).toHaveLength(0);
    expect(fake.faults.injected.server_error).toBe(2);
  });
});
