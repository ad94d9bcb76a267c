import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { invokeOk, sandboxBehaviour, useTempApp } from '../../helpers/app';
import { daytimeClock, seedContacts } from '../../helpers/seed';
import type { Channel, InputOf } from '../../../shared/ipc/contract';

let app: DeskApp;
useTempApp(
  (a) => (app = a),
  () => ({ now: daytimeClock(), dispatch: { pollMs: 20 } }),
);
beforeEach(() => sandboxBehaviour(app));

const ok = <C extends Channel>(channel: C, input: InputOf<C>) => invokeOk(app, channel, input);
const audit = (action: string, id: number) =>
  app.db
    .prepare('SELECT detail_json AS detail FROM audit_log WHERE action = ? AND subject = ? ORDER BY id')
    .all(action, String(id)) as { detail: string }[];
const outboxCount = () => (app.db.prepare('SELECT COUNT(*) AS n FROM outbox_messages').get() as { n: number }).n;

describe('safe launch on the backend', () => {
  it('refuses a message without opt-out wording or business name until a reason is given, then logs and keeps the reason', async () => {
    seedContacts(app.db, 5, { tag: 'vip' });
    const c = await ok('campaigns:create', {
      name: 'Sale',
      body: 'Hi {{first_name}}, 20% off today!',
      audience: { tags: ['vip'] },
    });
    const check = await ok('campaigns:launchCheck', { id: c.id });
    expect(check).toMatchObject({
      eligible: 5,
      typedCountRequired: false,
      startsAt: null,
      tags: ['vip'],
      acknowledgement: null,
    });
    expect(
      check.findings
        .filter((f) => f.blocking)
        .map((f) => f.code)
        .sort(),
    ).toEqual(['business_name_not_set', 'missing_business_name', 'missing_opt_out']);

    const refused = await app.dispatch('campaigns:launch', { id: c.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('--acknowledge') },
    });
    expect(outboxCount()).toBe(0);
    expect(await app.dispatch('campaigns:launch', { id: c.id, acknowledge: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    const launched = await ok('campaigns:launch', {
      id: c.id,
      acknowledge: 'Regulars asked for this; STOP is in the welcome text',
    });
    expect(launched).toMatchObject({ status: 'sending', audience: 5 });
    const rows = audit('campaign.acknowledge', c.id);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].detail)).toMatchObject({
      reason: 'Regulars asked for this; STOP is in the welcome text',
      findings: expect.arrayContaining(['missing_opt_out']),
    });
    expect((await ok('campaigns:launchCheck', { id: c.id })).acknowledgement).toMatchObject({
      reason: 'Regulars asked for this; STOP is in the welcome text',
    });
  });

  it('launches a compliant message without a reason and writes no acknowledgement', async () => {
    seedContacts(app.db, 3);
    app.settings.set('business.name', 'Bloom');
    const c = await ok('campaigns:create', { name: 'Ok', body: 'Bloom: new roses are in! Reply STOP to opt out' });
    expect((await ok('campaigns:launchCheck', { id: c.id })).findings.filter((f) => f.blocking)).toEqual([]);
    expect(await ok('campaigns:launch', { id: c.id })).toMatchObject({ status: 'sending', audience: 3 });
    expect(audit('campaign.acknowledge', c.id)).toEqual([]);
  });

  it('names each A/B variant that lacks the opt-out line', async () => {
    seedContacts(app.db, 4);
    app.settings.set('business.name', 'Bloom');
    const variants = [
      { name: 'A', body: 'Bloom: roses today. Reply STOP to opt out' },
      { name: 'B', body: 'Bloom: tulips today!' },
    ];
    const c = await ok('campaigns:create', { name: 'AB', ab: { variants, split: [50, 50] } });
    const check = await ok('campaigns:launchCheck', { id: c.id });
    expect(check.findings.find((f) => f.code === 'missing_opt_out')).toMatchObject({ blocking: true, variants: ['B'] });
  });

  it('above 1,000 recipients needs the exact count typed', async () => {
    seedContacts(app.db, 1001);
    app.settings.set('business.name', 'Bloom');
    const c = await ok('campaigns:create', { name: 'Big', body: 'Bloom: sale! Reply STOP to opt out' });
    expect(await ok('campaigns:launchCheck', { id: c.id })).toMatchObject({ eligible: 1001, typedCountRequired: true });
    expect(await app.dispatch('campaigns:launch', { id: c.id })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('--confirm-count 1001') },
    });
    expect(await app.dispatch('campaigns:launch', { id: c.id, confirmCount: 1000 })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('1,000 was confirmed') },
    });
    expect(outboxCount()).toBe(0);
    expect(await ok('campaigns:launch', { id: c.id, confirmCount: 1001 })).toMatchObject({
      status: 'sending',
      audience: 1001,
    });
    expect(JSON.parse(audit('campaign.confirmCount', c.id)[0].detail)).toEqual({ typed: 1001, eligible: 1001 });
  });
});

describe('send a test', () => {
  it('texts the owner through the outbox, rendered for a chosen contact, marked as a test and never counted', async () => {
    const ids = seedContacts(app.db, 3, { tag: 'vip' });
    app.settings.set('business.name', 'Bloom');
    const c = await ok('campaigns:create', {
      name: 'Roses',
      body: 'Hi {{first_name}}, Bloom has roses. Reply STOP to opt out',
      audience: { tags: ['vip'] },
    });
    expect(await app.dispatch('campaigns:sendTest', { id: c.id })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('business.testPhones') },
    });
    expect(() => app.settings.set('business.testPhones', '+14155550100, banana')).toThrow(/banana/);
    app.settings.set('business.testPhones', '+14155550100, (212) 555-0199');
    const phone = app.db.prepare('SELECT phone, first_name AS first FROM contacts WHERE id = ?').get(ids[1]) as {
      phone: string;
      first: string;
    };
    const r = await ok('campaigns:sendTest', { id: c.id, contactPhone: phone.phone });
    expect(r.renderedFor).toMatchObject({ id: ids[1] });
    expect(r.messages.map((m) => m.toPhone)).toEqual(['+14155550100', '+12125550199']);
    expect(r.messages[0].body).toBe(`Hi ${phone.first}, Bloom has roses. Reply STOP to opt out`);

    await app.dispatcher.runUntilIdle();
    const rows = app.db
      .prepare('SELECT campaign_id AS campaignId, test_of_campaign_id AS testOf, state FROM outbox_messages')
      .all();
    expect(rows).toEqual([
      { campaignId: null, testOf: c.id, state: expect.stringMatching(/^(sent|delivered)$/) },
      { campaignId: null, testOf: c.id, state: expect.stringMatching(/^(sent|delivered)$/) },
    ]);
    expect(await ok('campaigns:status', { id: c.id })).toMatchObject({ audience: 0, status: 'draft' });
    expect(await ok('campaigns:messages', { id: c.id, limit: 50, offset: 0 })).toMatchObject({ total: 0 });
    expect(audit('campaign.test', c.id)).toHaveLength(1);

    // Launched, the campaign counts its three recipients only.
    await ok('campaigns:launch', { id: c.id });
    await app.dispatcher.runUntilIdle();
    expect(await ok('campaigns:status', { id: c.id })).toMatchObject({ audience: 3 });
  });

  it('shows a test as "test" in the owner\'s conversation when their number is a contact', async () => {
    const [owner] = seedContacts(app.db, 1);
    const ownerPhone = (app.db.prepare('SELECT phone FROM contacts WHERE id = ?').get(owner) as { phone: string })
      .phone;
    app.settings.set('business.testPhones', ownerPhone);
    const c = await ok('campaigns:create', { name: 'Roses', body: 'Roses! Reply STOP to opt out' });
    await ok('campaigns:sendTest', { id: c.id });
    const thread = await ok('inbox:thread', { contactId: owner, limit: 50 });
    expect(thread.messages).toEqual([
      expect.objectContaining({ direction: 'out', kind: 'test', campaignName: 'Roses' }),
    ]);
  });
});
