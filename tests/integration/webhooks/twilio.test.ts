import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relayHarness, type RelayHarness } from './harness';
import { PUBLIC_URL, send, twilioRequest, twilioSignature } from './signers';

let h: RelayHarness;
beforeEach(async () => {
  h = await relayHarness();
});
afterEach(async () => {
  await h.close();
});

const inbound = {
  AccountSid: 'AC00000000000000000000000000000001',
  MessageSid: 'SM11111111111111111111111111111111',
  SmsStatus: 'received',
  From: '+14155550100',
  To: '+14155550000',
  Body: 'Do you deliver on Sunday?',
  NumMedia: '0',
};
const twilio = (req: { body: string; headers: Record<string, string> }, path = '/webhooks/twilio') =>
  send(`${h.relay.url}${path}`, req);

/** 401 with a reason, and the webhook_events table exactly as it was (empty unless the test stored something first). */
async function expectRefused(req: { body: string; headers: Record<string, string> }, reason?: RegExp, path?: string) {
  const before = h.rows();
  const answer = await twilio(req, path);
  expect(answer.status).toBe(401);
  expect(answer.json).toMatchObject({ ok: false, reason: expect.any(String) });
  if (reason) expect(answer.json!.reason).toMatch(reason);
  expect(h.rows()).toEqual(before);
}

describe('Twilio signature (X-Twilio-Signature)', () => {
  it('accepts a signed inbound message and answers with empty TwiML', async () => {
    const answer = await twilio(twilioRequest('/webhooks/twilio', inbound));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(answer.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(answer.headers.get('x-desk-stored')).toBe('1');
    expect(h.rows()).toEqual([
      { provider: 'twilio', eventId: `${inbound.MessageSid}:received`, type: 'inbound', state: 'pending' },
    ]);
  });

  it('signs over the public URL with its query string', async () => {
    const path = '/webhooks/twilio?account=main&v=2';
    expect((await twilio(twilioRequest(path, inbound), path)).status).toBe(200);
    expect(h.rows()).toHaveLength(1);
    // The same signature presented for a different query is a different request.
    await expectRefused(
      twilioRequest(path, { ...inbound, MessageSid: 'SM2' }),
      /does not match/,
      '/webhooks/twilio?account=other&v=2',
    );
  });

  it('accepts a signature computed with the default port written out', async () => {
    const params = { ...inbound, MessageSid: 'SMport' };
    const req = twilioRequest('/webhooks/twilio', params);
    req.headers['x-twilio-signature'] = twilioSignature(`${PUBLIC_URL}:443/webhooks/twilio`, params);
    expect((await twilio(req)).status).toBe(200);
  });

  it('refuses a signature made with another Auth Token', async () => {
    await expectRefused(
      twilioRequest('/webhooks/twilio', inbound, 'ffffffffffffffffffffffffffffffff'),
      /does not match/,
    );
  });

  it('refuses a tampered parameter and an added parameter', async () => {
    const signed = twilioRequest('/webhooks/twilio', inbound);
    await expectRefused({ ...signed, body: signed.body.replace('Sunday', 'Monday') }, /does not match/);
    await expectRefused({ ...signed, body: `${signed.body}&OptOutType=STOP` }, /does not match/);
  });

  it('refuses a signature for another public URL (the tunnel changed)', async () => {
    await expectRefused(
      twilioRequest('/webhooks/twilio', inbound, undefined, 'https://old-tunnel.example.com'),
      /public URL/,
    );
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['garbage', 'definitely not a signature'],
    ['non-base64', '!!!!'],
    ['a valid base64 of the wrong length', 'AAAA'],
  ])('refuses a %s X-Twilio-Signature header', async (_name, value) => {
    const req = twilioRequest('/webhooks/twilio', inbound);
    if (value === undefined) delete (req.headers as Record<string, string>)['x-twilio-signature'];
    else req.headers['x-twilio-signature'] = value;
    await expectRefused(req);
  });

  it('refuses everything while no Auth Token or no public URL is configured', async () => {
    h.secrets.twilioAuthToken = undefined;
    await expectRefused(twilioRequest('/webhooks/twilio', inbound), /Auth Token/);
    await h.close();
    h = await relayHarness({ publicUrl: () => undefined });
    await expectRefused(twilioRequest('/webhooks/twilio', inbound), /public webhook URL is not configured/);
  });
});

describe('Twilio events through the relay', () => {
  it('stores a status callback once, keyed by MessageSid and status', async () => {
    const status = {
      MessageSid: 'SM33333333333333333333333333333333',
      MessageStatus: 'undelivered',
      ErrorCode: '30006',
      To: '+14155550100',
      From: '+14155550000',
    };
    expect((await twilio(twilioRequest('/webhooks/twilio', status))).headers.get('x-desk-stored')).toBe('1');
    const again = await twilio(twilioRequest('/webhooks/twilio', status));
    expect([again.status, again.headers.get('x-desk-stored'), again.headers.get('x-desk-duplicates')]).toEqual([
      200,
      '0',
      '1',
    ]);
    expect(h.rows()).toEqual([
      { provider: 'twilio', eventId: `${status.MessageSid}:undelivered`, type: 'status', state: 'pending' },
    ]);
  });

  it('acknowledges statuses that change nothing without storing them', async () => {
    const answer = await twilio(twilioRequest('/webhooks/twilio', { MessageSid: 'SM4', MessageStatus: 'queued' }));
    expect([answer.status, answer.headers.get('x-desk-ignored')]).toEqual([
      200,
      'status queued does not change a message',
    ]);
    expect(h.rows()).toEqual([]);
  });

  it('answers 400 to a signed request that is not a messaging webhook, storing nothing', async () => {
    const answer = await twilio(twilioRequest('/webhooks/twilio', { Foo: 'bar' }));
    expect(answer.status).toBe(400);
    expect(h.rows()).toEqual([]);
  });

  it('records an inbound STOP that Twilio marked OptOutType=STOP as an opt-out, once', async () => {
    const iso = h.now().toISOString();
    h.app.db
      .prepare(`INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES ('+14155550100', 'Ana', ?, ?)`)
      .run(iso, iso);
    const stop = { ...inbound, MessageSid: 'SM55555555555555555555555555555555', Body: 'STOP', OptOutType: 'STOP' };
    const answer = await twilio(twilioRequest('/webhooks/twilio', stop));
    expect([answer.status, answer.headers.get('x-desk-stored')]).toEqual([200, '2']);
    h.app.tick();
    expect(h.app.db.prepare('SELECT opted_out FROM contacts WHERE phone = ?').get('+14155550100')).toEqual({
      opted_out: 1,
    });
    const audit = h.app.db.prepare('SELECT phone, old_state, new_state, source FROM optout_audit').all() as Array<{
      source: string;
    }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ phone: '+14155550100', old_state: 'opted_in', new_state: 'opted_out' });
    expect(['keyword', 'provider']).toContain(audit[0].source);
    // The reply itself still reaches the inbox.
    expect(h.app.db.prepare('SELECT body, provider FROM inbound_messages').all()).toEqual([
      { body: 'STOP', provider: 'twilio' },
    ]);
    // Twilio's Advanced Opt-Out already confirmed to the sender: the desk queues no second confirmation.
    expect(h.app.db.prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'confirmation'`).get()).toEqual({
      n: 0,
    });
  });
});
