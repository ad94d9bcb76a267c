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
beforeEach(() => {
  sandboxBehaviour(app);
});

const ok = <C extends Channel>(channel: C, input: InputOf<C>) => invokeOk(app, channel, input);

describe('campaign lifecycle', () => {
  it('counts the audience live, with exclusions by reason', async () => {
    const ids = seedContacts(app.db, 10, { tag: 'vip' });
    seedContacts(app.db, 5, { start: 100 });
    app.db.prepare('UPDATE contacts SET opted_out = 1 WHERE id = ?').run(ids[0]);
    app.db
      .prepare(`UPDATE contacts SET textable = 0, not_textable_reason = 'landline' WHERE id IN (?, ?)`)
      .run(ids[1], ids[2]);
    app.db.prepare(`UPDATE contacts SET phone = '12345' WHERE id = ?`).run(ids[3]);
    expect(await ok('campaigns:audienceCount', { audience: { tags: ['VIP'] } })).toEqual({
      matched: 10,
      eligible: 6,
      excluded: { optedOut: 1, notTextable: 2, invalidPhone: 1 },
    });
    expect(await ok('campaigns:audienceCount', { audience: {} })).toMatchObject({ matched: 15, eligible: 11 });
    expect(await ok('campaigns:audienceCount', { audience: { tags: ['nobody'] } })).toMatchObject({
      matched: 0,
      eligible: 0,
    });
  });

  it('snapshots exactly the eligible audience into the outbox, rendered per recipient, and sends it to completion', async () => {
    seedContacts(app.db, 30, { tag: 'vip' });
    seedContacts(app.db, 10, { start: 500 });
    app.db.prepare(`UPDATE contacts SET opted_out = 1 WHERE id = 1`).run();
    app.settings.set('business.name', 'Bloom');
    const c = await ok('campaigns:create', {
      name: 'VIP sale',
      body: 'Hi {{first_name|there}}, 20% off at {{business_name}}. Reply STOP to opt out',
      audience: { tags: ['vip'] },
    });
    const launched = await ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
    expect(launched).toMatchObject({ status: 'sending', audience: 29 });
    const bodies = app.db
      .prepare(`SELECT to_phone, body FROM outbox_messages WHERE campaign_id = ? ORDER BY contact_id LIMIT 2`)
      .all(c.id) as { body: string }[];
    expect(bodies[0].body).toBe('Hi Ben, 20% off at Bloom. Reply STOP to opt out');
    await app.dispatcher.runUntilIdle();
    app.tick();
    const s = await ok('campaigns:status', { id: c.id });
    expect(s.status).toBe('completed');
    expect(s.counts.sent + s.counts.delivered).toBe(29);
    expect(app.db.prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE contact_id = 1`).get()).toEqual({ n: 0 });
  });

  it('refuses to launch an empty audience or a broken message, naming the reason', async () => {
    seedContacts(app.db, 2, { tag: 'vip' });
    const empty = await ok('campaigns:create', { name: 'Nobody', body: 'Hi', audience: { tags: ['ghosts'] } });
    expect(await app.dispatch('campaigns:launch', { id: empty.id, acknowledge: 'test fixture' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('No one in this audience') },
    });
    const broken = await ok('campaigns:create', { name: 'Broken', body: 'Hi {{first_nam}}', audience: {} });
    expect(await app.dispatch('campaigns:launch', { id: broken.id, acknowledge: 'test fixture' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('first_nam') },
    });
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM outbox_messages').get()).toEqual({ n: 0 });
    expect(await app.dispatch('campaigns:create', { name: '', body: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('name') },
    });
  });

  it('pauses, resumes and cancels; cancelling skips what was not sent', async () => {
    seedContacts(app.db, 20);
    const c = await ok('campaigns:create', {
      name: 'Weekend',
      body: 'Open Saturday! Reply STOP to opt out',
      audience: {},
    });
    await ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' });
    expect(await ok('campaigns:pause', { id: c.id })).toMatchObject({ status: 'paused' });
    await app.dispatcher.runUntilIdle();
    expect(await ok('campaigns:status', { id: c.id })).toMatchObject({ counts: { queued: 20, sent: 0 } });
    expect(await app.dispatch('campaigns:pause', { id: c.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    await ok('campaigns:resume', { id: c.id });
    expect(await ok('campaigns:cancel', { id: c.id })).toMatchObject({ status: 'cancelled', counts: { skipped: 20 } });
    await app.dispatcher.runUntilIdle();
    expect(app.db.prepare(`SELECT COUNT(*) AS n FROM sandbox_messages`).get()).toEqual({ n: 0 });
  });

  it('duplicates and archives; a scheduled campaign waits, and a schedule missed beyond the grace period asks first', async () => {
    seedContacts(app.db, 3);
    const inAnHour = new Date(app.now().getTime() + 3_600_000).toISOString();
    const c = await ok('campaigns:create', {
      name: 'Later',
      body: 'Hi. Reply STOP to opt out',
      schedule: { mode: 'at', at: inAnHour },
    });
    expect(await ok('campaigns:launch', { id: c.id, acknowledge: 'test fixture' })).toMatchObject({
      status: 'scheduled',
    });
    expect(app.db.prepare('SELECT COUNT(*) AS n FROM outbox_messages').get()).toEqual({ n: 0 });
    const copy = await ok('campaigns:duplicate', { id: c.id });
    expect(copy).toMatchObject({ name: 'Later (copy)', status: 'draft' });
    expect(await ok('campaigns:archive', { id: copy.id, archived: true })).toMatchObject({ archived: true });
    expect((await ok('campaigns:list', {})).map((r) => r.id)).toEqual([c.id]);
    const threeHoursAgo = new Date(app.now().getTime() - 3 * 3_600_000).toISOString();
    const late = await ok('campaigns:create', {
      name: 'Missed',
      body: 'Hi. Reply STOP to opt out',
      schedule: { mode: 'at', at: threeHoursAgo },
    });
    const r = await app.dispatch('campaigns:launch', { id: late.id, acknowledge: 'test fixture' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('Confirm to send it now') },
    });
    expect(await ok('campaigns:status', { id: late.id })).toMatchObject({
      status: 'scheduled',
      scheduleMissedAt: expect.any(String),
      audience: 0,
    });
    expect(await ok('campaigns:launch', { id: late.id, confirmLate: true })).toMatchObject({
      status: 'sending',
      audience: 3,
    });
  });
});
