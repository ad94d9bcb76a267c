import { afterEach, describe, expect, it } from 'vitest';
import { startFakeNumVerify, type FakeNumVerify, type FakeNumVerifyOptions } from '../../fakes/numverify';
import { seedContacts } from '../../helpers/seed';
import { startDesk, type Desk } from './desk';

const KEY = 'test-numverify-key';
let d: Desk;
let fake: FakeNumVerify;
let pauses: number[];

async function setup(options: FakeNumVerifyOptions = {}, onPause?: (ms: number) => void) {
  fake = await startFakeNumVerify(options);
  pauses = [];
  d = await startDesk({
    numverify: {
      backoffMs: [5, 10],
      sleep: async (ms) => {
        pauses.push(ms);
        onPause?.(ms);
      },
    },
  });
  d.app.settings.set('numverify.baseUrl', fake.url);
  d.app.secrets.set('numverify.apiKey', KEY);
}
afterEach(async () => {
  await d?.close();
  await fake?.close();
});

async function contacts(phones: string[], extra: Record<string, unknown> = {}): Promise<number[]> {
  const ids: number[] = [];
  for (const phone of phones)
    ids.push(
      (await d.call('contacts:create', { phone, consent: { given: true, note: 'Signed up in store' }, ...extra }))
        .contact.id,
    );
  return ids;
}
const verify = (input: Record<string, unknown>) => d.call('contacts:verify', input);
const row = (phone: string) =>
  d.app.db.prepare('SELECT textable, not_textable_reason, line_type, carrier FROM contacts WHERE phone = ?').get(phone);
const DAY = 86_400_000;

describe('NumVerify checks', () => {
  it('marks landlines and invalid numbers not textable, keeps carriers, and reports progress', async () => {
    await setup({
      numbers: {
        '+14155550100': { lineType: 'mobile', carrier: 'T-Mobile USA' },
        '+12125550123': { lineType: 'landline', carrier: 'Verizon' },
        '+18005550199': { lineType: 'toll_free', carrier: '' },
        '+13055550111': { lineType: 'mobile', valid: false },
      },
    });
    const ids = await contacts(['+14155550100', '+12125550123', '+18005550199', '+13055550111']);
    const r = await verify({ contactIds: ids });
    expect(r).toEqual({
      selected: 4,
      checked: 4,
      fromCache: 0,
      lookups: 4,
      mobile: 1,
      landline: 1,
      voip: 0,
      invalid: 1,
      markedNotTextable: 3,
      failed: [],
      stopped: null,
    });
    expect(row('+14155550100')).toEqual({
      textable: 1,
      not_textable_reason: null,
      line_type: 'mobile',
      carrier: 'T-Mobile USA',
    });
    expect(row('+12125550123')).toEqual({
      textable: 0,
      not_textable_reason: 'landline (NumVerify)',
      line_type: 'landline',
      carrier: 'Verizon',
    });
    expect(row('+18005550199')).toEqual({
      textable: 0,
      not_textable_reason: 'toll free (NumVerify)',
      line_type: 'toll_free',
      carrier: null,
    });
    expect(row('+13055550111')).toEqual({
      textable: 0,
      not_textable_reason: 'not a valid number (NumVerify)',
      line_type: null,
      carrier: null,
    });
    expect(d.events.filter((e) => e.name === 'verify:progress').map((e) => e.payload)).toEqual(
      [1, 2, 3, 4].map((checked) => ({ checked, total: 4 })),
    );
    expect(d.app.db.prepare('SELECT phone, valid, line_type FROM numverify_cache ORDER BY phone').all()).toHaveLength(
      4,
    );
  });

  it('states before a check how many numbers will really be looked up and what that costs: cached ones are free', async () => {
    await setup({ numbers: { '+12125550123': { lineType: 'voip', carrier: 'Google Voice' } } });
    const ids = await contacts(['+12125550123', '+14155550100', '+13055550112']);
    d.app.db.prepare(`UPDATE contacts SET phone = '5550100' WHERE id = ?`).run(ids[2]);
    await d.call('settings:set', { key: 'numverify.pricePerLookup', value: 0.01 });
    const before = await d.call('contacts:verifyPlan', { filter: {} });
    expect(before).toEqual({
      contacts: 3,
      numbers: 3,
      cached: 0,
      unreadable: 1,
      lookups: 2,
      pricePerLookup: 0.01,
      cost: 0.02,
      keySet: true,
      max: 10_000,
    });
    expect(fake.calls).toBe(0);
    expect(await verify({ contactIds: [ids[0]] })).toMatchObject({ voip: 1, mobile: 0, markedNotTextable: 0 });
    expect(await d.call('contacts:verifyPlan', { contactIds: ids })).toMatchObject({
      cached: 1,
      lookups: 1,
      cost: 0.01,
    });
    expect(await d.fails('contacts:verifyPlan', { contactIds: ids, filter: {} })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('one of contactIds, filter or importId'),
    });
  });

  it('never looks a number up twice within 30 days; after that it checks again and follows a ported number', async () => {
    await setup({ numbers: { '+12125550123': { lineType: 'landline', carrier: 'Verizon' } } });
    const ids = await contacts(['+12125550123', '+14155550100']);
    await verify({ filter: {} });
    expect(fake.calls).toBe(2);
    d.advance(29 * DAY);
    const again = await verify({ contactIds: ids });
    expect(again).toMatchObject({ checked: 2, fromCache: 2, lookups: 0 });
    expect(fake.calls).toBe(2);
    // The number was ported to a mobile network; the cache expires and the contact becomes textable again.
    fake.setNumber('+12125550123', { lineType: 'mobile', carrier: 'Mint Mobile' });
    d.advance(2 * DAY);
    expect(await verify({ contactIds: [ids[0]] })).toMatchObject({ checked: 1, fromCache: 0, lookups: 1 });
    expect(fake.callsFor('+12125550123')).toBe(2);
    expect(row('+12125550123')).toEqual({
      textable: 1,
      not_textable_reason: null,
      line_type: 'mobile',
      carrier: 'Mint Mobile',
    });
  });

  it('two checks of the same numbers at the same time share the lookups; never more than two calls in flight', async () => {
    await setup({ answerDelayMs: 30 });
    const ids = await contacts([
      '+14155550100',
      '+14155550101',
      '+14155550102',
      '+14155550103',
      '+14155550104',
      '+14155550105',
    ]);
    const [a, b] = await Promise.all([verify({ contactIds: ids }), verify({ contactIds: [...ids].reverse() })]);
    for (const id of ids)
      expect(fake.callsFor(d.app.db.prepare('SELECT phone FROM contacts WHERE id = ?').pluck().get(id) as string)).toBe(
        1,
      );
    expect(fake.calls).toBe(6);
    expect(fake.maxInFlight).toBe(2);
    expect(a.checked + b.checked).toBe(12);
  });

  it('a contact not textable for another reason keeps that reason whatever NumVerify says', async () => {
    await setup({ numbers: { '+12125550123': { lineType: 'landline' } } });
    const ids = await contacts(['+12125550123', '+14155550100'], { consent: { given: false } });
    await verify({ contactIds: ids });
    expect(row('+12125550123')).toMatchObject({
      textable: 0,
      not_textable_reason: 'no SMS consent (entered by hand)',
      line_type: 'landline',
    });
    expect(row('+14155550100')).toMatchObject({
      textable: 0,
      not_textable_reason: 'no SMS consent (entered by hand)',
      line_type: 'mobile',
    });
  });

  it('101: a bad key stops the run with NumVerify’s reason and changes nothing', async () => {
    await setup();
    d.app.secrets.set('numverify.apiKey', 'wrong-key');
    const ids = await contacts(['+14155550100', '+14155550101', '+14155550102', '+14155550103']);
    const r = await verify({ contactIds: ids });
    expect(r.stopped).toEqual({
      code: '101',
      message: 'NumVerify says your access key is missing or invalid (101). Check the NumVerify key in Settings.',
    });
    expect(r.checked).toBe(0);
    expect(fake.calls).toBeLessThanOrEqual(2);
    expect(pauses).toEqual([]);
    expect(d.app.db.prepare('SELECT count(*) FROM contacts WHERE line_type IS NOT NULL').pluck().get()).toBe(0);
    expect(d.count('numverify_cache')).toBe(0);
  });

  it('104: waits and tries again when the allowance is used up, and stops with the reason when it stays so', async () => {
    let lift = true;
    await setup({ usageLimit: 1 }, (ms) => {
      if (ms === 10 && lift) fake.setUsageLimit(null);
    });
    const ids = await contacts(['+14155550100', '+14155550101', '+14155550102']);
    const r = await verify({ contactIds: ids });
    expect(r).toMatchObject({ checked: 3, stopped: null, failed: [] });
    expect(pauses.slice(0, 2)).toEqual([5, 10]);

    lift = false;
    fake.setUsageLimit(0);
    const more = await contacts(['+14155550200', '+14155550201', '+14155550202']);
    pauses.length = 0;
    const stopped = await verify({ contactIds: more });
    expect(stopped.stopped).toEqual({
      code: '104',
      message: expect.stringContaining('monthly lookup allowance is used up (104)'),
    });
    expect(stopped.checked).toBe(0);
    // Each lookup waited through both pauses before giving up.
    expect(pauses.filter((ms) => ms === 5).length).toBe(pauses.filter((ms) => ms === 10).length);
    expect(pauses.length).toBeGreaterThanOrEqual(2);
  });

  it('retries after a network error, and reports a number that still fails without stopping the others', async () => {
    await setup();
    const ids = await contacts(['+14155550100', '+14155550101']);
    fake.faults.next({ kind: 'reset_before' }, 1);
    const r = await verify({ contactIds: ids });
    expect(r).toMatchObject({ checked: 2, failed: [], stopped: null });
    expect(pauses).toEqual([5]);
    fake.faults.next({ kind: 'server_error', status: 503 }, 3);
    const one = await contacts(['+14155550300']);
    const failed = await verify({ contactIds: one });
    expect(failed).toMatchObject({
      checked: 0,
      stopped: null,
      failed: [{ phone: '+14155550300', message: expect.stringContaining('HTTP 503') }],
    });
  });

  it('needs a key, refuses unclear input and selections that are too big, and calls nobody then', async () => {
    await setup();
    await contacts(['+14155550100']);
    d.app.secrets.delete('numverify.apiKey');
    expect(await d.fails('contacts:verify', { filter: {} })).toMatchObject({
      code: 'secret_unavailable',
      message: expect.stringContaining('NumVerify access key'),
    });
    d.app.secrets.set('numverify.apiKey', KEY);
    expect(await d.fails('contacts:verify', {})).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('contactIds'),
    });
    seedContacts(d.app.db, 10_001, { start: 100 });
    expect(await d.fails('contacts:verify', { filter: {} })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('10,000'),
    });
    expect(fake.calls).toBe(0);
  });
});
