import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshot } from './import-helpers';
import { startDesk, type Desk } from './desk';
import type { InputOf } from '../../../shared/ipc/contract';

let d: Desk;
beforeEach(async () => {
  d = await startDesk();
});
afterEach(async () => d.close());

const create = (input: InputOf<'contacts:create'>) => d.call('contacts:create', input);

describe('contacts:create', () => {
  it('reads the phone with the default country, stores tags, custom values and a manual consent record', async () => {
    await d.call('contacts:createField', { label: 'Birthday month' });
    const c = await create({
      phone: '(415) 555-0100',
      firstName: ' Anna ',
      lastName: 'Smith',
      email: 'anna@example.com',
      tags: ['VIP', 'Spring'],
      customFields: { birthday_month: 'May' },
      consent: { given: true, note: 'Signed up in store' },
    });
    expect(c.contact).toMatchObject({
      phone: '+14155550100',
      firstName: 'Anna',
      lastName: 'Smith',
      email: 'anna@example.com',
      tags: ['Spring', 'VIP'],
      textable: true,
      optedOut: false,
      source: 'manual',
      country: 'US',
    });
    expect(c.customFields).toEqual([{ key: 'birthday_month', label: 'Birthday month', value: 'May' }]);
    expect(c.consentRecords).toEqual([
      {
        id: expect.any(Number),
        source: 'manual',
        sourceRef: null,
        consent: true,
        obtainedAt: '2026-03-01T10:00:00.000Z',
        note: 'Signed up in store',
        createdAt: '2026-03-01T10:00:00.000Z',
      },
    ]);
    expect(d.events).toContainEqual({ name: 'app:dataChanged', payload: { area: 'contacts' } });

    await d.call('settings:set', { key: 'contacts.defaultCountry', value: 'GB' });
    expect((await create({ phone: '07911 123456' })).contact.phone).toBe('+447911123456');
    expect(
      (await create({ phone: '212 555 0123', country: 'us', consent: { given: false, note: 'asked for email only' } }))
        .contact,
    ).toMatchObject({
      phone: '+12125550123',
      textable: false,
      notTextableReason: 'no SMS consent (entered by hand)',
    });
  });

  it('refuses a number that is already a contact, naming it, and writes nothing', async () => {
    await create({ phone: '+14155550100', firstName: 'Anna', lastName: 'Smith' });
    const before = snapshot(d.app.db);
    const e = await d.fails('contacts:create', { phone: '415-555-0100', firstName: 'Other' });
    expect(e).toEqual({
      code: 'conflict',
      message: '+14155550100 is already a contact (Anna Smith), id 1. Edit that contact instead.',
    });
    expect(snapshot(d.app.db)).toEqual(before);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = snapshot(d.app.db);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ phone: 'call me' }, 'phone'],
      [{ phone: '555' }, 'phone'],
      [{ phone: '+14155550100', email: 'not-an-email' }, 'email'],
      [{ phone: '+14155550100', customFields: { shoe_size: '42' } }, 'customFields.shoe_size'],
      [{ phone: '+14155550100', country: 'XX' }, 'country'],
      [{ phone: '+14155550100', nickname: 'Annie' }, '"nickname"'],
      [{ firstName: 'Anna' }, 'phone'],
      [{ phone: '+14155550100', tags: [''] }, 'tags.0'],
    ];
    for (const [input, field] of cases) {
      const e = await d.fails('contacts:create', input);
      expect(e.code, JSON.stringify(input)).toBe('invalid_input');
      expect(e.message, JSON.stringify(input)).toContain(field);
    }
    expect(snapshot(d.app.db)).toEqual(before);
  });

  it('adds a number whose last consent change was an opt-out as opted out, even after its contact was deleted', async () => {
    const c = await create({ phone: '+14155550100' });
    await d.call('contacts:optOut', { contactId: c.contact.id, reason: 'said stop at the counter' });
    await d.call('contacts:delete', { ids: [c.contact.id] });
    d.advance(60_000);
    const again = await create({ phone: '4155550100' });
    expect(again.contact).toMatchObject({ optedOut: true, optedOutAt: '2026-03-01T10:00:00.000Z' });
    expect(again.optOutHistory).toMatchObject([
      { newState: 'opted_out', source: 'manual', message: 'said stop at the counter' },
    ]);
  });
});

describe('contacts:update and contacts:delete', () => {
  it('edits fields, tags, custom values and the phone (normalised, duplicates refused); consent stays', async () => {
    await d.call('contacts:createField', { label: 'Tier' });
    const a = await create({ phone: '+14155550100', firstName: 'Anna', tags: ['VIP'], customFields: { tier: 'gold' } });
    await create({ phone: '+12125550123', firstName: 'Ben' });
    await d.call('contacts:optOut', { contactId: a.contact.id });
    d.advance(1000);
    const u = await d.call('contacts:update', {
      id: a.contact.id,
      phone: '(646) 555-0199',
      firstName: 'Annie',
      lastName: '',
      email: 'annie@example.com',
      tags: ['Regulars'],
      customFields: { tier: null },
    });
    expect(u.contact).toMatchObject({
      phone: '+16465550199',
      firstName: 'Annie',
      lastName: null,
      email: 'annie@example.com',
      tags: ['Regulars'],
      optedOut: true,
      updatedAt: '2026-03-01T10:00:01.000Z',
    });
    expect(u.customFields).toEqual([]);
    const dup = await d.fails('contacts:update', { id: a.contact.id, phone: '212-555-0123' });
    expect(dup).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('+12125550123 is already a contact (Ben)'),
    });
    expect(await d.fails('contacts:update', { id: 999, firstName: 'X' })).toMatchObject({ code: 'not_found' });
    expect(await d.fails('contacts:update', { id: a.contact.id, email: 'nope' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('email'),
    });
    const marked = await d.call('contacts:update', { id: a.contact.id, textable: false });
    expect(marked.contact).toMatchObject({ textable: false, notTextableReason: 'marked not textable by you' });
  });

  it('a new number clears what NumVerify said about the old one', async () => {
    const a = await create({ phone: '+14155550100' });
    d.app.db
      .prepare(
        `UPDATE contacts SET line_type = 'landline', carrier = 'AT&T', textable = 0, not_textable_reason = 'landline (NumVerify)' WHERE id = ?`,
      )
      .run(a.contact.id);
    const u = await d.call('contacts:update', { id: a.contact.id, phone: '+14155550101' });
    expect(u.contact).toMatchObject({ lineType: null, carrier: null, textable: true, notTextableReason: null });
  });

  it('delete skips the contact’s waiting messages and keeps sent ones and the opt-out audit', async () => {
    const a = await create({ phone: '+14155550100' });
    const at = d.iso();
    const add = d.app.db.prepare(
      `INSERT INTO outbox_messages (contact_id, kind, to_phone, body, provider, state, created_at, updated_at) VALUES (?, 'reply', ?, ?, 'sandbox', ?, ?, ?)`,
    );
    add.run(a.contact.id, '+14155550100', 'sent one', 'delivered', at, at);
    add.run(a.contact.id, '+14155550100', 'waiting one', 'queued', at, at);
    await d.call('contacts:optOut', { phone: '+1 415 555 0100' });
    await d.call('contacts:optIn', { phone: '+1 415 555 0100' });
    add.run(a.contact.id, '+14155550100', 'queued after opt-in', 'queued', at, at);
    expect(await d.call('contacts:delete', { ids: [a.contact.id, 12345] })).toEqual({ deleted: 1 });
    expect(d.app.db.prepare('SELECT body, state, contact_id FROM outbox_messages ORDER BY id').all()).toEqual([
      { body: 'sent one', state: 'delivered', contact_id: null },
      { body: 'waiting one', state: 'skipped', contact_id: null },
      { body: 'queued after opt-in', state: 'skipped', contact_id: null },
    ]);
    expect(d.count('optout_audit')).toBe(2);
    expect(d.count('consent_records')).toBe(0);
    expect(await d.fails('contacts:delete', { ids: [] })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('ids'),
    });
  });
});

describe('contacts:setTags and custom fields', () => {
  it('adds, removes and sets tags on listed contacts or on everyone a filter matches', async () => {
    const ids = [];
    for (const phone of ['+14155550100', '+14155550101', '+14155550102'])
      ids.push((await create({ phone, tags: ['Old'] })).contact.id);
    const tagsOf = async () => (await d.call('contacts:list', {})).rows.map((r) => r.tags);
    expect(await d.call('contacts:setTags', { contactIds: [ids[0], ids[1]], tags: ['VIP', 'vip'] })).toEqual({
      contacts: 2,
    });
    expect(await tagsOf()).toEqual([['Old'], ['Old', 'VIP'], ['Old', 'VIP']]);
    expect(await d.call('contacts:setTags', { filter: { tags: ['VIP'] }, tags: ['Old'], mode: 'remove' })).toEqual({
      contacts: 2,
    });
    expect(await tagsOf()).toEqual([['Old'], ['VIP'], ['VIP']]);
    expect(await d.call('contacts:setTags', { filter: {}, tags: ['Spring'], mode: 'set' })).toEqual({ contacts: 3 });
    expect(await tagsOf()).toEqual([['Spring'], ['Spring'], ['Spring']]);
    const before = snapshot(d.app.db);
    expect(await d.fails('contacts:setTags', { contactIds: [ids[0], 999], tags: ['X'] })).toMatchObject({
      code: 'not_found',
    });
    expect(await d.fails('contacts:setTags', { tags: ['X'] })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('contactIds'),
    });
    expect(await d.fails('contacts:setTags', { contactIds: [ids[0]], tags: ['X'], mode: 'replace' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('mode'),
    });
    expect(snapshot(d.app.db)).toEqual(before);
  });

  it('lists custom fields with how many contacts use them; keys come from labels and must be unique', async () => {
    expect(await d.call('contacts:createField', { label: 'Loyalty Tier' })).toMatchObject({
      key: 'loyalty_tier',
      label: 'Loyalty Tier',
      contacts: 0,
    });
    expect(await d.call('contacts:createField', { label: 'Café', key: 'favourite_cafe' })).toMatchObject({
      key: 'favourite_cafe',
      type: 'text',
    });
    await create({ phone: '+14155550100', customFields: { loyalty_tier: 'gold' } });
    expect(await d.call('contacts:fields', {})).toEqual([
      { id: 2, key: 'favourite_cafe', label: 'Café', type: 'text', createdAt: '2026-03-01T10:00:00.000Z', contacts: 0 },
      {
        id: 1,
        key: 'loyalty_tier',
        label: 'Loyalty Tier',
        type: 'text',
        createdAt: '2026-03-01T10:00:00.000Z',
        contacts: 1,
      },
    ]);
    expect(await d.fails('contacts:createField', { label: 'loyalty tier!' })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('"loyalty_tier" already exists'),
    });
    expect(await d.fails('contacts:createField', { label: 'X', key: 'Bad Key' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('key'),
    });
    expect(await d.fails('contacts:createField', { label: '' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('label'),
    });
  });

  it('creates a date field by hand (type date) for birthday campaigns, and refuses any other type', async () => {
    expect(await d.call('contacts:createField', { label: 'Anniversary', type: 'date' })).toMatchObject({
      key: 'anniversary',
      type: 'date',
    });
    expect(await d.call('contacts:fields', {})).toMatchObject([{ key: 'anniversary', type: 'date' }]);
    expect(await d.fails('contacts:createField', { label: 'Age', type: 'number' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('type'),
    });
  });
});
