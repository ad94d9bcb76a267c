import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relayHarness, START, type RelayHarness } from './harness';
import { quoLegacyHeaders, quoLegacySignature, quoReceived, send, standardHeaders } from './signers';

let h: RelayHarness;
beforeEach(async () => {
  h = await relayHarness();
});
afterEach(async () => {
  await h.close();
});

const body = JSON.stringify(
  quoReceived({
    eventId: 'EVsig1',
    messageId: 'ACsig1',
    from: '+14155550100',
    to: '+14155550000',
    body: 'Hello',
    createdAt: '2026-11-28T14:59:58Z',
  }),
);
const quo = (headers: Record<string, string>, payload: string | Buffer = body) =>
  send(`${h.relay.url}/webhooks/quo`, { headers: { 'content-type': 'application/json', ...headers }, body: payload });

/** A refused request must leave no trace: 401, a reason, and an empty webhook_events table. */
async function expectRefused(headers: Record<string, string>, payload: string | Buffer = body, reason?: RegExp) {
  const answer = await quo(headers, payload);
  expect(answer.status).toBe(401);
  expect(answer.json).toMatchObject({ ok: false, reason: expect.any(String) });
  if (reason) expect(answer.json!.reason).toMatch(reason);
  expect(h.rows()).toEqual([]);
  expect(h.storedSignals()).toBe(0);
}

describe('Quo legacy signature (openphone-signature)', () => {
  it('accepts a correctly signed event and stores it once', async () => {
    const answer = await quo(quoLegacyHeaders(body, START));
    expect(answer).toMatchObject({ status: 200, json: { ok: true, stored: 1, duplicates: 0 } });
    expect(h.rows()).toEqual([{ provider: 'quo', eventId: 'EVsig1', type: 'inbound', state: 'pending' }]);
    expect(h.storedSignals()).toBe(1);
  });

  it('refuses a signature made with another secret', async () => {
    await expectRefused(
      quoLegacyHeaders(body, START, Buffer.from('some other secret').toString('base64')),
      body,
      /does not match/,
    );
  });

  it('refuses a body changed after signing', async () => {
    await expectRefused(quoLegacyHeaders(body, START), body.replace('Hello', 'STOP'), /does not match/);
  });

  it('refuses timestamps just beyond 5 minutes, past or future', async () => {
    await expectRefused(quoLegacyHeaders(body, START - 300_001), body, /old/);
    await expectRefused(quoLegacyHeaders(body, START + 300_001), body, /future/);
  });

  it('accepts timestamps just within 5 minutes, past or future', async () => {
    expect((await quo(quoLegacyHeaders(body, START - 299_000))).status).toBe(200);
    expect((await quo(quoLegacyHeaders(body, START + 299_000))).json).toMatchObject({ stored: 0, duplicates: 1 });
  });

  it('refuses a request with no signature header at all', async () => {
    await expectRefused({}, body, /missing signature/);
    await expectRefused({ 'openphone-signature': '' }, body, /missing/);
  });

  it.each([
    ['garbage', 'not a signature'],
    ['wrong version', quoLegacySignature(body, START).replace('hmac;1;', 'hmac;2;')],
    ['wrong scheme', quoLegacySignature(body, START).replace('hmac;1;', 'sha1;1;')],
    ['empty parts', 'hmac;1;;'],
    ['only separators', ';;;'],
    ['too many parts', `${quoLegacySignature(body, START)};extra`],
    ['non-numeric timestamp', quoLegacySignature(body, START).replace(`;${START};`, ';yesterday;')],
    ['non-base64 signature', `hmac;1;${START};!!!not*base64!!!`],
  ])('refuses a malformed header: %s', async (_name, header) => {
    await expectRefused({ 'openphone-signature': header });
  });

  it('accepts when any of several comma-separated signatures matches', async () => {
    const wrong = quoLegacySignature(body, START, Buffer.from('rotated-out secret').toString('base64'));
    const answer = await quo({ 'openphone-signature': `${wrong},${quoLegacySignature(body, START)}` });
    expect(answer.json).toMatchObject({ ok: true, stored: 1 });
  });

  it('refuses everything while no signing secret is configured, and applies a new secret without a restart', async () => {
    h.secrets.quoSigningSecret = undefined;
    await expectRefused(quoLegacyHeaders(body, START), body, /no Quo signing secret/);
    const rotated = Buffer.from('the new secret after rotation').toString('base64');
    h.secrets.quoSigningSecret = rotated;
    await expectRefused(quoLegacyHeaders(body, START), body, /does not match/);
    expect((await quo(quoLegacyHeaders(body, START, rotated))).status).toBe(200);
  });
});

describe('Quo new signature (Standard Webhooks)', () => {
  const seconds = START / 1000;
  const signed = (overrides: Record<string, string> = {}) => ({
    ...standardHeaders('msg_2b7Yx', body, seconds),
    ...overrides,
  });

  it('accepts a correctly signed event and de-duplicates by the event id', async () => {
    expect((await quo(signed())).json).toMatchObject({ ok: true, stored: 1, duplicates: 0 });
    expect(h.rows()).toEqual([{ provider: 'quo', eventId: 'EVsig1', type: 'inbound', state: 'pending' }]);
  });

  it('refuses a signature made with another secret', async () => {
    const other = `whsec_${Buffer.from('not the configured secret').toString('base64')}`;
    await expectRefused(standardHeaders('msg_2b7Yx', body, seconds, other), body, /does not match/);
  });

  it('refuses a body changed after signing, and a changed webhook-id', async () => {
    await expectRefused(signed(), body.replace('Hello', 'STOP'), /does not match/);
    await expectRefused(signed({ 'webhook-id': 'msg_other' }), body, /does not match/);
  });

  it('refuses timestamps just beyond 5 minutes and accepts those just within', async () => {
    await expectRefused(standardHeaders('msg_a', body, seconds - 301), body, /old/);
    await expectRefused(standardHeaders('msg_b', body, seconds + 301), body, /future/);
    expect((await quo(standardHeaders('msg_c', body, seconds - 299))).status).toBe(200);
    expect((await quo(standardHeaders('msg_d', body, seconds + 299))).status).toBe(200);
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])('refuses a request missing %s', async (name) => {
    const headers = signed();
    delete headers[name];
    await expectRefused(headers, body, /missing/);
  });

  it.each([
    ['garbage signature', { 'webhook-signature': 'garbage' }],
    ['wrong version prefix', { 'webhook-signature': signed()['webhook-signature'].replace('v1,', 'v2,') }],
    ['empty signature part', { 'webhook-signature': 'v1,' }],
    ['non-base64 signature', { 'webhook-signature': 'v1,***not base64***' }],
    ['non-numeric timestamp', { 'webhook-timestamp': 'soon' }],
    ['leading-zero timestamp', { 'webhook-timestamp': `0${seconds}` }],
    ['empty id', { 'webhook-id': '' }],
  ])('refuses a malformed header: %s', async (_name, override) => {
    await expectRefused(signed(override));
  });

  it('accepts when any of several space-separated signatures matches', async () => {
    const good = signed()['webhook-signature'];
    const answer = await quo(
      signed({ 'webhook-signature': `v1a,c29tZXRoaW5nZWxzZQ== v1,${Buffer.alloc(32).toString('base64')} ${good}` }),
    );
    expect(answer.json).toMatchObject({ ok: true, stored: 1 });
  });

  it('is chosen by its headers: a valid legacy signature does not rescue a bad Standard Webhooks one', async () => {
    await expectRefused(
      { ...quoLegacyHeaders(body, START), ...signed({ 'webhook-signature': 'v1,AAAA' }) },
      body,
      /webhook-signature/,
    );
  });

  it('refuses everything while no whsec_ secret is configured', async () => {
    h.secrets.quoWebhookSecret = undefined;
    await expectRefused(signed(), body, /whsec_/);
    h.secrets.quoWebhookSecret = 'whsec_***';
    await expectRefused(signed(), body, /not a valid whsec_ secret/);
  });
});
