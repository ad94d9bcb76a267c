import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { snapshot } from './import-helpers';
import { startDesk, type Desk } from './desk';
import type { InputOf } from '../../../shared/ipc/contract';

let d: Desk;
beforeEach(async () => {
  d = await startDesk();
});
afterEach(async () => d.close());

/** Added with consent on record unless the test says otherwise: a contact without it is not textable. */
const create = (input: InputOf<'contacts:create'>) =>
  d.call('contacts:create', { consent: { given: true, note: 'Signed up in store' }, ...input });
const audit = () =>
  d.app.db
    .prepare(
      'SELECT contact_id, phone, old_state, new_state, source, actor, message_text, at FROM optout_audit ORDER BY id',
    )
    .all();

describe('contacts:optOut and contacts:optIn', () => {
  it('change consent by hand through the audited path: source manual, actor user, the reason as message', async () => {
    const a = await create({ phone: '+14155550100', firstName: 'Anna' });
    const at = d.iso();
    d.app.db
      .prepare(
        `INSERT INTO outbox_messages (contact_id, kind, to_phone, body, provider, state, created_at, updated_at) VALUES (?, 'campaign', ?, 'Sale!', 'sandbox', 'queued', ?, ?)`,
      )
      .run(a.contact.id, '+14155550100', at, at);
    const out = await d.call('contacts:optOut', { contactId: a.contact.id, reason: 'asked in the shop' });
    expect(out).toEqual({ contactId: a.contact.id, phone: '+14155550100', optedOut: true, changed: true });
    expect(d.app.db.prepare('SELECT state, error_code FROM outbox_messages').get()).toEqual({
      state: 'skipped',
      error_code: 'opted_out',
    });
    expect(await d.call('contacts:optOut', { phone: '(415) 555-0100' })).toMatchObject({ changed: false });
    d.advance(3_600_000);
    expect(
      await d.call('contacts:optIn', { phone: '415.555.0100', reason: 'texted us from a new phone asking to rejoin' }),
    ).toMatchObject({ optedOut: false, changed: true });
    expect(audit()).toEqual([
      {
        contact_id: 1,
        phone: '+14155550100',
        old_state: 'opted_in',
        new_state: 'opted_out',
        source: 'manual',
        actor: 'user',
        message_text: 'asked in the shop',
        at: '2026-03-01T10:00:00.000Z',
      },
      {
        contact_id: 1,
        phone: '+14155550100',
        old_state: 'opted_out',
        new_state: 'opted_in',
        source: 'manual',
        actor: 'user',
        message_text: 'texted us from a new phone asking to rejoin',
        at: '2026-03-01T11:00:00.000Z',
      },
    ]);
    expect(d.events.filter((e) => e.name === 'app:dataChanged').map((e) => e.payload)).toEqual(
      expect.arrayContaining([{ area: 'optouts' }, { area: 'contacts' }]),
    );
  });

  it('opts out a number that is not a contact yet; it is added opted out later; only a contact can be opted back in', async () => {
    expect(await d.call('contacts:optOut', { phone: '+1 212 555 0123' })).toEqual({
      contactId: null,
      phone: '+12125550123',
      optedOut: true,
      changed: true,
    });
    expect(await d.call('contacts:optOut', { phone: '+1 212 555 0123' })).toMatchObject({ changed: false });
    expect(await d.fails('contacts:optIn', { phone: '212-555-0123' })).toMatchObject({ code: 'not_found' });
    expect((await create({ phone: '212-555-0123' })).contact.optedOut).toBe(true);
    expect(audit()).toHaveLength(1);
  });

  it('refuses unclear input, naming the field, and writes nothing', async () => {
    await create({ phone: '+14155550100' });
    const before = snapshot(d.app.db);
    expect(await d.fails('contacts:optOut', {})).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('contactId'),
    });
    expect(await d.fails('contacts:optOut', { contactId: 1, phone: '+14155550100' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('contactId'),
    });
    expect(await d.fails('contacts:optOut', { phone: 'nope nope' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('phone'),
    });
    expect(await d.fails('contacts:optOut', { contactId: 77 })).toMatchObject({ code: 'not_found' });
    expect(await d.fails('contacts:optIn', { contactId: 1, reason: 'x'.repeat(501) })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('reason'),
    });
    expect(snapshot(d.app.db)).toEqual(before);
  });
});

describe('contacts:get', () => {
  it('shows consent records, the opt-out history and the texts both ways, newest first', async () => {
    const a = await create({
      phone: '+14155550100',
      firstName: 'Anna',
      consent: { obtainedAt: '2026-02-14T12:00:00.000Z', note: 'paper form' },
    });
    const db = d.app.db;
    db.prepare(
      `INSERT INTO campaigns (name, status, provider, created_at, updated_at) VALUES ('Spring sale', 'completed', 'sandbox', ?, ?)`,
    ).run(d.iso(), d.iso());
    const out = db.prepare(
      `INSERT INTO outbox_messages (campaign_id, contact_id, kind, to_phone, body, provider, state, created_at, updated_at, sent_at, error_message) VALUES (?, ?, ?, ?, ?, 'sandbox', ?, ?, ?, ?, ?)`,
    );
    out.run(
      1,
      a.contact.id,
      'campaign',
      '+14155550100',
      'Spring sale: 20% off',
      'delivered',
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:00:05.000Z',
      null,
    );
    db.prepare(
      `INSERT INTO inbound_messages (provider, contact_id, from_phone, body, received_at, campaign_id, keyword, created_at) VALUES ('sandbox', ?, ?, ?, ?, 1, ?, ?)`,
    ).run(a.contact.id, '+14155550100', 'STOP', '2026-03-01T10:05:00.000Z', 'stop', '2026-03-01T10:05:00.000Z');
    out.run(
      null,
      a.contact.id,
      'confirmation',
      '+14155550100',
      'You are unsubscribed',
      'failed',
      '2026-03-01T10:05:01.000Z',
      '2026-03-01T10:05:01.000Z',
      null,
      'Carrier rejected',
    );
    d.advance(300_000);
    await d.call('contacts:optOut', { contactId: a.contact.id, reason: 'replied STOP' });

    const detail = await d.call('contacts:get', { id: a.contact.id });
    expect(detail.contact).toMatchObject({
      phone: '+14155550100',
      firstName: 'Anna',
      optedOut: true,
      optedOutAt: '2026-03-01T10:05:00.000Z',
      isUnknown: false,
    });
    expect(detail.consentRecords).toMatchObject([
      { source: 'manual', consent: true, obtainedAt: '2026-02-14T12:00:00.000Z', note: 'paper form' },
    ]);
    expect(detail.optOutHistory).toEqual([
      {
        id: 1,
        at: '2026-03-01T10:05:00.000Z',
        oldState: 'opted_in',
        newState: 'opted_out',
        source: 'manual',
        actor: 'user',
        message: 'replied STOP',
        inboundMessageId: null,
        channel: 'sms',
      },
    ]);
    expect(detail.messages).toEqual([
      {
        direction: 'out',
        id: 2,
        at: '2026-03-01T10:05:01.000Z',
        body: 'You are unsubscribed',
        kind: 'confirmation',
        state: 'failed',
        campaignId: null,
        campaignName: null,
        errorMessage: 'Carrier rejected',
      },
      {
        direction: 'in',
        id: 1,
        at: '2026-03-01T10:05:00.000Z',
        body: 'STOP',
        keyword: 'stop',
        campaignId: 1,
        campaignName: 'Spring sale',
      },
      {
        direction: 'out',
        id: 1,
        at: '2026-03-01T10:00:05.000Z',
        body: 'Spring sale: 20% off',
        kind: 'campaign',
        state: 'delivered',
        campaignId: 1,
        campaignName: 'Spring sale',
        errorMessage: null,
      },
    ]);
    expect(detail.messageCount).toBe(3);
    const short = await d.call('contacts:get', { id: a.contact.id, messageLimit: 1 });
    expect([short.messages.length, short.messageCount]).toEqual([1, 3]);
    expect(await d.fails('contacts:get', { id: 99 })).toMatchObject({ code: 'not_found' });
    expect(await d.fails('contacts:get', { id: 'one' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('id'),
    });
  });
});

describe('contacts:export', () => {
  it('writes the filtered contacts to a CSV in the data folder and returns it, readable back', async () => {
    await d.call('contacts:createField', { label: 'Tier' });
    await create({
      phone: '+14155550100',
      firstName: 'Anna',
      lastName: 'Smith',
      email: 'anna@example.com',
      tags: ['VIP', 'Spring'],
      customFields: { tier: 'gold' },
    });
    await create({ phone: '+12125550123', firstName: '=HYPERLINK("x")', tags: ['Spring'] });
    await create({ phone: '+16465550199', firstName: 'Carl' });
    await d.call('contacts:optOut', { phone: '+12125550123' });
    const r = await d.call('contacts:export', { filter: { tags: ['Spring'] } });
    expect(r).toMatchObject({
      path: join(d.dir, 'exports', 'contacts-2026-03-01-10-00-00.csv'),
      fileName: 'contacts-2026-03-01-10-00-00.csv',
      rows: 2,
    });
    expect(r.csv).toBe(readFileSync(r.path, 'utf8'));
    expect(r.bytes).toBe(Buffer.byteLength(r.csv!));
    const rows = parse<Record<string, string>>(r.csv!, { columns: true, bom: true });
    expect(rows.map((x) => [x.Phone, x['First Name'], x.Tags, x.tier, x['Opted Out'], x.Textable])).toEqual([
      ['+14155550100', 'Anna', 'Spring, VIP', 'gold', 'no', 'yes'],
      ['+12125550123', `'=HYPERLINK("x")`, 'Spring', '', 'yes', 'yes'],
    ]);
    const again = await d.call('contacts:export', {});
    expect([again.fileName, again.rows]).toEqual(['contacts-2026-03-01-10-00-00-2.csv', 3]);
    expect(await d.fails('contacts:export', { filter: { tags: 'VIP' } })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('filter.tags'),
    });
  });
});
