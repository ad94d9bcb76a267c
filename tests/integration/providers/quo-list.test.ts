import { afterEach, describe, expect, it } from 'vitest';
import { QuoProvider } from '../../../electron/providers/quo';
import type { ProviderMessage } from '../../../electron/providers/types';
import { startFakeQuo, type FakeQuo } from '../../fakes/quo';

const KEY = 'test-quo-key';
const T0 = Date.parse('2026-05-01T12:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
let fake: FakeQuo;

async function setup(extra: { phoneNumberId?: string } = {}) {
  fake = await startFakeQuo({ rateLimitPerSecond: 'unlimited' });
  return new QuoProvider({
    baseUrl: fake.url,
    apiKey: KEY,
    timeoutMs: 5000,
    now: () => new Date(),
    readRetry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
    ...extra,
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

describe('Quo listing', () => {
  it('the workspace listing follows nextCursor newest first, sends the version header, and keeps the range inclusive', async () => {
    const quo = await setup();
    // 130 messages one minute apart: three pages of 50.
    for (let i = 0; i < 130; i += 1)
      fake.addMessage({
        direction: 'outgoing',
        participant: `+1555200${String(i).padStart(4, '0')}`,
        text: `m${i}`,
        createdAt: at(i),
      });
    fake.addMessage({ direction: 'outgoing', participant: '+15552009999', text: 'too late', createdAt: at(500) });
    const listed = await collect(quo.list({ since: at(0), until: at(129) }));
    expect(listed).toHaveLength(130);
    expect(listed[0].body).toBe('m129');
    expect(listed[129].body).toBe('m0');
    expect(new Set(listed.map((m) => m.providerMessageId)).size).toBe(130);
    expect(fake.requests.filter((r) => r.path === '/messages').map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('the workspace listing stops paging once it reaches messages older than the range', async () => {
    const quo = await setup();
    for (let i = 0; i < 120; i += 1)
      fake.addMessage({ direction: 'outgoing', participant: '+15552000001', text: `m${i}`, createdAt: at(i) });
    const listed = await collect(quo.list({ since: at(110), until: at(119) }));
    expect(listed.map((m) => m.body)).toEqual([
      'm119',
      'm118',
      'm117',
      'm116',
      'm115',
      'm114',
      'm113',
      'm112',
      'm111',
      'm110',
    ]);
    expect(fake.requests.filter((r) => r.path === '/messages')).toHaveLength(1);
  });

  it('the versioned API refuses a request without Quo-Api-Version and caps limit at 50', async () => {
    fake = await startFakeQuo();
    const noHeader = await fetch(`${fake.url}/messages`, { headers: { Authorization: KEY } });
    expect(noHeader.status).toBe(400);
    expect((await noHeader.json()) as { errors: Array<{ path: string }> }).toMatchObject({
      errors: [{ path: '/headers/quo-api-version' }],
    });
    const tooMany = await fetch(`${fake.url}/messages?limit=51`, {
      headers: { Authorization: KEY, 'Quo-Api-Version': '2026-03-30' },
    });
    expect(tooMany.status).toBe(400);
  });

  it('a conversation listing uses v1 with participants[], follows nextPageToken, and shows inbound STOP', async () => {
    const quo = await setup({ phoneNumberId: 'PN00000001' });
    const customer = '+15553330000';
    for (let i = 0; i < 150; i += 1)
      fake.addMessage({ direction: 'outgoing', participant: customer, text: `promo ${i}`, createdAt: at(i) });
    fake.addMessage({ direction: 'outgoing', participant: '+15554440000', text: 'someone else', createdAt: at(5) });
    fake.addInbound({ from: customer, text: 'STOP', createdAt: at(151) });
    const listed = await collect(quo.list({ since: at(0), until: at(200), participant: customer }));
    expect(listed).toHaveLength(151);
    expect(listed[0]).toMatchObject({
      direction: 'incoming',
      from: customer,
      to: '+15550100000',
      body: 'STOP',
      status: 'received',
    });
    expect(listed.some((m) => m.body === 'someone else')).toBe(false);
    const v1Pages = fake.requests.filter((r) => r.path === '/v1/messages');
    expect(v1Pages).toHaveLength(2);
  });

  it('without a configured number, the conversation is listed on every number of the key', async () => {
    const quo = await setup();
    fake.addMessage({ direction: 'outgoing', participant: '+15553330000', text: 'from main', createdAt: at(1) });
    fake.addMessage({
      direction: 'outgoing',
      participant: '+15553330000',
      text: 'from second',
      phoneNumber: '+15550100009',
      createdAt: at(2),
    });
    const listed = await collect(quo.list({ since: at(0), until: at(10), participant: '+15553330000' }));
    expect(listed.map((m) => m.body).sort()).toEqual(['from main', 'from second']);
    expect(fake.requests.some((r) => r.path === '/v1/phone-numbers')).toBe(true);
  });

  it('a read that meets a 503 is retried, and a lasting failure is an AppError the owner can read', async () => {
    const quo = await setup();
    fake.addMessage({ direction: 'outgoing', participant: '+15553330000', text: 'hello', createdAt: at(1) });
    fake.faults.next({ kind: 'server_error', status: 503 }, 1, 'read');
    expect((await collect(quo.list({ since: at(0), until: at(10) }))).map((m) => m.body)).toEqual(['hello']);
    fake.faults.next({ kind: 'server_error', status: 503 }, 3, 'read');
    await expect(collect(quo.list({ since: at(0), until: at(10) }))).rejects.toMatchObject({
      name: 'AppError',
      code: 'provider_error',
      message: 'Quo had a problem on its side (HTTP 503). Try again later.',
    });
  });
});

describe('Quo lookup and health', () => {
  it('looks a message up through the versioned API and sees delivery', async () => {
    const quo = await setup();
    const sent = await quo.send({ to: '+15551234567', from: '+15550100000', body: 'hi' });
    if (!sent.ok) throw new Error(sent.message);
    expect(await quo.lookup(sent.providerMessageId)).toMatchObject({
      providerMessageId: sent.providerMessageId,
      status: 'sent',
      direction: 'outgoing',
      to: '+15551234567',
    });
    fake.markDelivered(sent.providerMessageId);
    expect(await quo.lookup(sent.providerMessageId)).toMatchObject({ status: 'delivered' });
    fake.markUndelivered(sent.providerMessageId);
    expect(await quo.lookup(sent.providerMessageId)).toMatchObject({ status: 'undelivered' });
    expect(fake.requests.filter((r) => r.path.startsWith('/messages/'))).toHaveLength(3);
  });

  it('an unknown id is null, and an id that is not AC… never leaves the app', async () => {
    const quo = await setup();
    expect(await quo.lookup('AC0000nothere')).toBeNull();
    expect(await quo.lookup('SM123')).toBeNull();
    expect(fake.requests).toHaveLength(1);
  });

  it('health says which numbers the key sees, and explains a bad key', async () => {
    const quo = await setup();
    expect(await quo.health()).toEqual({ ok: true, detail: 'Connected to Quo; 1 number on this key (+15550100000).' });
    const wrong = new QuoProvider({ baseUrl: fake.url, apiKey: 'nope', timeoutMs: 5000, now: () => new Date() });
    expect(await wrong.health()).toMatchObject({ ok: false, detail: expect.stringMatching(/API key/) });
    const missingNumber = new QuoProvider({
      baseUrl: fake.url,
      apiKey: KEY,
      timeoutMs: 5000,
      now: () => new Date(),
      phoneNumberId: 'PNother',
    });
    expect(await missingNumber.health()).toMatchObject({ ok: false });
  });
});
