import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkTimestamp, sameDigest } from '../../../electron/webhooks/signatures/common';
import { verifyQuoLegacy } from '../../../electron/webhooks/signatures/quo-legacy';
import { verifyStandardWebhook } from '../../../electron/webhooks/signatures/standard';
import { twilioSignature, verifyTwilio } from '../../../electron/webhooks/signatures/twilio';

describe('Twilio signature', () => {
  // Twilio's published example (api-snippets, signature_validation): token 12345 over this URL and these params.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = new URLSearchParams({
    CallSid: 'CA1234567890ABCDE',
    Caller: '+14158675310',
    Digits: '1234',
    From: '+14158675310',
    To: '+18005551212',
  });

  it("matches Twilio's published example", () => {
    expect(twilioSignature('12345', url, params)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    expect(verifyTwilio('GvWf1cFY/Q7PnoempGyD5oXAezc=', url, params, '12345')).toEqual({ ok: true });
  });

  it('sorts parameters by name whatever order they arrive in, and sorts repeated values', () => {
    const reversed = new URLSearchParams([...params].reverse());
    expect(twilioSignature('12345', url, reversed)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    const media = new URLSearchParams([
      ['MediaUrl', 'b'],
      ['Body', 'x'],
      ['MediaUrl', 'a'],
    ]);
    const expected = createHmac('sha1', 't').update('https://h/pBodyxMediaUrlaMediaUrlb').digest('base64');
    expect(twilioSignature('t', 'https://h/p', media)).toBe(expected);
  });

  it('rejects the example with any one thing changed', () => {
    expect(verifyTwilio('GvWf1cFY/Q7PnoempGyD5oXAezc=', url.replace('foo=1', 'foo=2'), params, '12345').ok).toBe(false);
    expect(verifyTwilio('GvWf1cFY/Q7PnoempGyD5oXAezc=', url, params, '12346').ok).toBe(false);
    const changed = new URLSearchParams(params);
    changed.set('Digits', '1235');
    expect(verifyTwilio('GvWf1cFY/Q7PnoempGyD5oXAezc=', url, changed, '12345').ok).toBe(false);
  });
});

describe('Standard Webhooks signature', () => {
  // The example from the Standard Webhooks specification.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const headers = {
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: '1614265330',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };
  const body = Buffer.from('{"test": 2432232314}');
  const at = new Date(1614265330 * 1000);

  it("matches the specification's example, using the injected clock (not the system's)", () => {
    expect(verifyStandardWebhook(headers, body, secret, at)).toEqual({ ok: true });
    expect(verifyStandardWebhook(headers, body, secret, new Date(at.getTime() + 300_000))).toEqual({ ok: true });
    expect(verifyStandardWebhook(headers, body, secret, new Date(at.getTime() + 301_000)).ok).toBe(false);
  });

  it('rejects the example with the body, id or secret changed', () => {
    expect(verifyStandardWebhook(headers, Buffer.from('{"test": 2432232315}'), secret, at).ok).toBe(false);
    expect(verifyStandardWebhook({ ...headers, id: 'msg_other' }, body, secret, at).ok).toBe(false);
    expect(verifyStandardWebhook(headers, body, 'whsec_' + Buffer.from('other').toString('base64'), at).ok).toBe(false);
  });
});

describe('Quo legacy signature', () => {
  const secret = Buffer.from('legacy secret').toString('base64');
  const body = Buffer.from('{"id":"EV1"}');
  const now = new Date('2026-11-28T15:00:00Z');
  const sign = (ts: number, key = secret) =>
    createHmac('sha256', Buffer.from(key, 'base64')).update(`${ts}.`).update(body).digest('base64');

  it('verifies over "<timestamp>.<raw body>" with the base64-decoded secret', () => {
    expect(verifyQuoLegacy(`hmac;1;${now.getTime()};${sign(now.getTime())}`, body, secret, now)).toEqual({ ok: true });
    // Keyed with the secret text itself (not decoded), the signature must not verify.
    const wrongKey = createHmac('sha256', secret).update(`${now.getTime()}.`).update(body).digest('base64');
    expect(verifyQuoLegacy(`hmac;1;${now.getTime()};${wrongKey}`, body, secret, now).ok).toBe(false);
  });

  it('accepts an unpadded signature, tolerates spaces around entries, and refuses a secret that is not base64', () => {
    const ts = now.getTime();
    expect(verifyQuoLegacy(` hmac;1;${ts};${sign(ts).replace(/=+$/, '')} `, body, secret, now)).toEqual({ ok: true });
    expect(verifyQuoLegacy(`hmac;1;${ts};${sign(ts)}`, body, 'not base64!', now)).toEqual({
      ok: false,
      reason: expect.stringMatching(/not valid base64/),
    });
  });
});

describe('Signature helpers', () => {
  it('compares the digest text, so encodings that decode alike still differ', () => {
    expect(Buffer.from('abc=', 'base64')).toEqual(Buffer.from('abd=', 'base64'));
    expect(sameDigest('abc=', 'abd=')).toBe(false);
    expect(sameDigest('abc=', 'abc')).toBe(true);
    expect(sameDigest('abcd', 'abcdabcd')).toBe(false);
  });

  it('allows exactly 5 minutes of clock difference either way', () => {
    const now = new Date('2026-11-28T15:00:00Z');
    expect(checkTimestamp(now.getTime() - 300_000, now).ok).toBe(true);
    expect(checkTimestamp(now.getTime() + 300_000, now).ok).toBe(true);
    expect(checkTimestamp(now.getTime() - 300_001, now).ok).toBe(false);
    expect(checkTimestamp(now.getTime() + 300_001, now).ok).toBe(false);
  });
});
