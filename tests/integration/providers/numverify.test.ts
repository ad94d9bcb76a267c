import { afterEach, describe, expect, it } from 'vitest';
import { lookupNumber, type NumVerifyOptions } from '../../../electron/contacts/numverify';
import { unusedLoopbackUrl } from '../../fakes/fake-server';
import { startFakeNumVerify, type FakeNumVerify, type FakeNumVerifyOptions } from '../../fakes/numverify';

const KEY = 'test-numverify-key';
let fake: FakeNumVerify;

async function setup(options: FakeNumVerifyOptions = {}): Promise<NumVerifyOptions> {
  fake = await startFakeNumVerify(options);
  return { baseUrl: fake.url, accessKey: KEY, timeoutMs: 1000 };
}

afterEach(async () => {
  await fake?.close();
});

describe('NumVerify lookups', () => {
  it('reads a mobile number and keeps the whole answer', async () => {
    const options = await setup({
      numbers: { '+14158586273': { lineType: 'mobile', carrier: 'AT&T Mobility LLC', location: 'Novato' } },
    });
    const result = await lookupNumber('+14158586273', options);
    expect(result).toEqual({
      ok: true,
      value: {
        valid: true,
        lineType: 'mobile',
        carrier: 'AT&T Mobility LLC',
        countryCode: 'US',
        location: 'Novato',
        raw: {
          valid: true,
          number: '14158586273',
          local_format: '4158586273',
          international_format: '+14158586273',
          country_prefix: '+1',
          country_code: 'US',
          country_name: 'United States of America',
          location: 'Novato',
          carrier: 'AT&T Mobility LLC',
          line_type: 'mobile',
        },
      },
    });
    expect(fake.callsFor('+14158586273')).toBe(1);
    expect(fake.callsFor('14158586273')).toBe(1);
  });

  it('reads a landline, and an invalid number as valid:false with nulls', async () => {
    const options = await setup({
      numbers: { '+442071838750': { lineType: 'landline', carrier: 'BT', location: 'London' } },
    });
    expect(await lookupNumber('+442071838750', options)).toMatchObject({
      ok: true,
      value: { valid: true, lineType: 'landline', countryCode: 'GB' },
    });
    expect(await lookupNumber('+99912', options)).toMatchObject({
      ok: true,
      value: { valid: false, lineType: null, carrier: null, countryCode: null, location: null },
    });
  });

  it('passes country_code for a national-format number', async () => {
    const options = await setup({ numbers: { '+14155550123': { lineType: 'toll_free' } } });
    expect(await lookupNumber('4155550123', { ...options, countryCode: 'US' })).toMatchObject({
      ok: true,
      value: { valid: true, lineType: 'toll_free' },
    });
  });

  it('101: a wrong or missing key gets a plain message, from an HTTP 200 answer', async () => {
    const options = await setup();
    const result = await lookupNumber('+14158586273', { ...options, accessKey: 'wrong' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 101,
        type: 'invalid_access_key',
        retryable: false,
        message: 'NumVerify says your access key is missing or invalid (101). Check the NumVerify key in Settings.',
      },
    });
    expect(await lookupNumber('+14158586273', { ...options, accessKey: '' })).toMatchObject({
      ok: false,
      error: { code: 101, type: 'missing_access_key' },
    });
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('104: after the allowance is used up every lookup says so', async () => {
    const options = await setup({ usageLimit: 2 });
    expect((await lookupNumber('+14155550001', options)).ok).toBe(true);
    expect((await lookupNumber('+14155550002', options)).ok).toBe(true);
    const third = await lookupNumber('+14155550003', options);
    expect(third).toMatchObject({ ok: false, error: { code: 104, type: 'usage_limit_reached', retryable: false } });
    if (!third.ok) expect(third.error.message).toMatch(/allowance is used up \(104\)/);
    expect(fake.usage).toBe(2);
    expect(fake.calls).toBe(3);
  });

  it('210 for no number and 211 for a non-numeric one', async () => {
    const options = await setup();
    expect(await lookupNumber('', options)).toMatchObject({
      ok: false,
      error: { code: 210, type: 'no_phone_number_provided' },
    });
    expect(await lookupNumber('+1 415 CALL-NOW', options)).toMatchObject({
      ok: false,
      error: { code: 211, message: expect.stringMatching(/not numeric \(211\)/) },
    });
  });

  it('transport trouble is retryable and never shows the key', async () => {
    const options = await setup();
    fake.faults.next({ kind: 'server_error', status: 503 });
    const unavailable = await lookupNumber('+14155550001', options);
    expect(unavailable).toMatchObject({ ok: false, error: { code: 'http_status', retryable: true } });
    fake.faults.next({ kind: 'accepted_then_timeout' });
    expect(await lookupNumber('+14155550001', options)).toMatchObject({
      ok: false,
      error: { code: 'timeout', retryable: true },
    });
    const refused = await lookupNumber('+14155550001', { ...options, baseUrl: await unusedLoopbackUrl() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'network', retryable: true } });
    for (const r of [unavailable, refused]) if (!r.ok) expect(r.error.message).not.toContain(KEY);
  });

  it('works under the documented base URL paths', async () => {
    const options = await setup();
    expect((await lookupNumber('+14155550001', { ...options, baseUrl: `${fake.url}/numverify` })).ok).toBe(true);
    expect((await lookupNumber('+14155550001', { ...options, baseUrl: `${fake.url}/api/` })).ok).toBe(true);
  });
});
