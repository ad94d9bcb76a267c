import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { invokeOk, useTempApp } from '../../helpers/app';
import { phoneN, seedContacts } from './seed';
import type { Channel, InputOf } from '../../../shared/ipc/contract';

let app: DeskApp;
let changes: unknown[];
const NOW = new Date('2025-05-01T12:00:00.000Z');

useTempApp(
  (a) => (app = a),
  () => ({ now: () => NOW }),
);
beforeEach(() => {
  changes = [];
  app.events.subscribe((name, payload) => name === 'app:dataChanged' && changes.push(payload));
});

const ok = <C extends Channel>(channel: C, input: InputOf<C>) => invokeOk(app, channel, input);
const count = (sql: string) => app.db.prepare(sql).pluck().get() as number;
const auditActions = () =>
  app.db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'template.%' ORDER BY id`).pluck().all();

describe('templates IPC: the library', () => {
  it('creates, reads, edits, duplicates, archives and restores, telling the UI each time', async () => {
    const created = await ok('templates:create', {
      name: 'Weekend sale',
      body: 'Hi {{first_name|there}}',
      category: 'Promotions',
    });
    expect(await ok('templates:get', { id: created.id })).toMatchObject({
      name: 'Weekend sale',
      category: 'Promotions',
      notes: null,
      archived: false,
      createdAt: NOW.toISOString(),
      campaignCount: 0,
    });
    await ok('templates:update', { id: created.id, body: 'Hello {{first_name|there}}', notes: 'try in May' });
    const copy = await ok('templates:duplicate', { id: created.id });
    expect(copy).toMatchObject({ name: 'Weekend sale (copy)', body: 'Hello {{first_name|there}}' });
    expect(await ok('templates:archive', { id: created.id })).toMatchObject({ archived: true });
    expect((await ok('templates:list', {})).map((t) => t.id)).toEqual([copy.id]);
    expect(await ok('templates:unarchive', { id: created.id })).toMatchObject({ archived: false });
    expect(changes).toEqual(Array(5).fill({ area: 'templates' }));
    expect(auditActions()).toEqual([
      'template.create',
      'template.update',
      'template.duplicate',
      'template.archive',
      'template.unarchive',
    ]);
  });

  it('an edit that changes nothing writes no audit row and sends no change event', async () => {
    const t = await ok('templates:create', { name: 'A', body: 'x' });
    changes.length = 0;
    await ok('templates:update', { id: t.id, name: 'A', body: 'x' });
    expect(changes).toEqual([]);
    expect(auditActions()).toEqual(['template.create']);
  });

  it('refuses invalid input naming the field, and writes nothing', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['templates:create', { name: '   ', body: 'Hi' }, /name: give the template a name/],
      ['templates:create', { name: 'x'.repeat(101), body: 'Hi' }, /name: at most 100 characters/],
      ['templates:create', { name: 'Promo', body: '  \n ' }, /body: write the message text/],
      ['templates:create', { name: 'Promo', body: 'x'.repeat(10_001) }, /body: at most 10,000 characters/],
      ['templates:create', { name: 'Promo' }, /body: required/],
      ['templates:create', { name: 'Promo', body: 'Hi', category: 'c'.repeat(51) }, /category: at most 50 characters/],
      ['templates:create', { name: 'Promo', body: 'Hi', colour: 'red' }, /unexpected field "colour"/],
      ['templates:update', { id: -1, body: 'Hi' }, /id: /],
      ['templates:delete', { id: 'one' }, /id: /],
      ['templates:preview', { body: 'Hi', id: 1 }, /body: give either a template id or a body/],
      ['templates:preview', {}, /body: give either a template id or a body/],
      ['templates:sampleContacts', { limit: 500 }, /limit: /],
    ];
    for (const [channel, input, message] of cases) {
      const r = await app.dispatchUntyped(channel, input);
      expect(r, `${channel} ${JSON.stringify(input).slice(0, 60)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(message) },
      });
    }
    expect(count('SELECT COUNT(*) FROM templates')).toBe(0);
    expect(auditActions()).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('accepts a 1,600+ character body so validation can say by how much it is over', async () => {
    const t = await ok('templates:create', { name: 'Long', body: 'x'.repeat(1_700) });
    const p = await ok('templates:preview', { id: t.id });
    expect(p.warnings.find((w) => w.code === 'too_long')).toEqual({
      code: 'too_long',
      message: expect.stringContaining('Shorten it by 100'),
      position: { start: 1_600, end: 1_700 },
    });
  });

  it('deletes an unused template, and archives one a campaign uses with a message saying so', async () => {
    const unused = await ok('templates:create', { name: 'Unused', body: 'x' });
    const used = await ok('templates:create', { name: 'Used', body: 'y' });
    app.db
      .prepare(`INSERT INTO campaigns (name, template_id, created_at, updated_at) VALUES ('March', ?, ?, ?)`)
      .run(used.id, NOW.toISOString(), NOW.toISOString());
    expect(await ok('templates:delete', { id: unused.id })).toMatchObject({ outcome: 'deleted' });
    expect(await ok('templates:delete', { id: used.id })).toEqual({
      id: used.id,
      outcome: 'archived',
      campaignCount: 1,
      message: expect.stringContaining('"Used" is used by a campaign, so it was archived instead of deleted'),
    });
    expect(count('SELECT COUNT(*) FROM templates')).toBe(1);
    expect(await ok('templates:get', { id: used.id })).toMatchObject({ archived: true, campaignCount: 1 });
    expect(auditActions()).toEqual(['template.create', 'template.create', 'template.delete', 'template.archive']);
    const gone = await app.dispatch('templates:get', { id: unused.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('templates IPC: preview', () => {
  it('renders for a contact found by a phone typed in any format, with positions into the body', async () => {
    seedContacts(app.db, [
      { phone: '+14155550100', first: 'Ana', last: 'Lee', fields: { tier: 'Gold' } },
      { phone: '+14155550101', first: null },
    ]);
    app.settings.set('business.name', 'Bloom Salon');
    const body = 'Hi {{first_name}}, {{field:tier}} perks at {{business_name}}. Reply STOP to opt out';
    const t = await ok('templates:create', { name: 'Perks', body });
    for (const phone of ['(415) 555-0100', '415.555.0100', '+1 415 555 0100', '4155550100']) {
      expect(await ok('templates:preview', { id: t.id, phone })).toEqual({
        text: 'Hi Ana, Gold perks at Bloom Salon. Reply STOP to opt out',
        encoding: 'GSM-7',
        segments: 1,
        characters: 56,
        warnings: [],
        contact: { id: 1, phone: '+14155550100', label: 'Ana Lee' },
      });
    }
    const other = await ok('templates:preview', { body, contactId: 2 });
    expect(other.text).toBe('Hi ,  perks at Bloom Salon. Reply STOP to opt out');
    expect(other.warnings.map((w) => [w.code, w.position])).toEqual([
      ['missing_value', { start: 3, end: 17 }],
      ['missing_value', { start: 19, end: 33 }],
    ]);
  });

  it('says plainly when no contact has the phone, or the text is not a phone', async () => {
    const t = await ok('templates:create', { name: 'A', body: 'Hi' });
    expect(await app.dispatch('templates:preview', { id: t.id, phone: '(212) 555-0199' })).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        message: 'No contact has the phone number +12125550199. Check the number, or import the contact first.',
      },
    });
    expect(await app.dispatch('templates:preview', { id: t.id, phone: 'call me' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await app.dispatch('templates:preview', { id: 77 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('uses a nameless sample contact when there are no contacts, so fallbacks show', async () => {
    const p = await ok('templates:preview', { body: 'Hi {{first_name|there}}!' });
    expect(p).toMatchObject({ text: 'Hi there!', contact: null });
  });

  it('reads the default country setting for numbers without a country code', async () => {
    seedContacts(app.db, [{ phone: '+447911123456', first: 'Olly' }]);
    app.settings.set('contacts.defaultCountry', 'GB');
    expect(
      await ok('templates:preview', { body: 'Hi {{first_name}}', phone: '07911 123456', requireOptOut: false }),
    ).toMatchObject({ text: 'Hi Olly' });
  });
});

describe('templates IPC: audience', () => {
  it('offers sample contacts with their values, the fields and tags that exist, and the audience size', async () => {
    seedContacts(app.db, [
      { phone: phoneN(1), first: 'Ana', last: 'Lee', tags: ['VIP'], fields: { tier: 'Gold' } },
      { phone: phoneN(2), first: 'Bo', tags: ['VIP'] },
      { phone: phoneN(3), first: 'Cy', optedOut: true, tags: ['VIP'] },
      { phone: phoneN(4), first: 'Di', textable: false },
      { phone: phoneN(5), first: 'Ed', email: 'ed@example.com' },
    ]);
    const all = await ok('templates:sampleContacts', {});
    expect(all).toMatchObject({
      audienceSize: 3,
      knownFields: ['tier'],
      tags: ['VIP'],
      business: { name: '', contact: '' },
    });
    expect(all.contacts.map((c) => c.label)).toEqual(['Ana Lee', 'Bo', 'Ed']);
    expect(all.contacts[0].context).toEqual({
      firstName: 'Ana',
      lastName: 'Lee',
      phone: phoneN(1),
      email: null,
      fields: { tier: 'Gold' },
    });
    const vip = await ok('templates:sampleContacts', { tag: 'vip' });
    expect(vip.audienceSize).toBe(2);
    expect(vip.contacts.map((c) => c.label)).toEqual(['Ana Lee', 'Bo']);
    const byPhone = await ok('templates:sampleContacts', { search: '(415) 555-0005' });
    expect(byPhone.contacts.map((c) => c.label)).toEqual(['Ed']);
    const byEmail = await ok('templates:sampleContacts', { search: 'example.com' });
    expect(byEmail.contacts.map((c) => c.label)).toEqual(['Ed']);
    expect(await app.dispatch('templates:sampleContacts', { tag: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('"nope"') },
    });
  });

  it('measures min / typical / max, encodings, missing values and cost over textable, not opted-out contacts', async () => {
    seedContacts(app.db, [
      { phone: phoneN(1), first: 'Ana' },
      { phone: phoneN(2), first: 'Zo\u00eb' },
      { phone: phoneN(3), first: null },
      { phone: phoneN(4), first: 'B'.repeat(200) },
      { phone: phoneN(5), first: 'Opted', optedOut: true },
      { phone: phoneN(6), first: 'L'.repeat(900), textable: false },
    ]);
    app.settings.set('provider', 'twilio');
    const body = 'Hi {{first_name}}! 20% off today. Reply STOP to opt out';
    const m = await ok('templates:measure', { body });
    expect(m).toMatchObject({
      tag: null,
      recipients: 4,
      segments: { min: 1, typical: 1, max: 2, total: 5 },
      encodingCounts: { 'GSM-7': 3, 'UCS-2': 1 },
      missing: [{ key: 'first_name', affected: 1 }],
      overLimit: 0,
      cost: { provider: 'twilio', pricePerSegment: 0.0083, perMessageTypical: 0.0083, total: 0.04 },
    });
    expect(m.issues).toEqual([
      {
        code: 'missing_value',
        severity: 'warning',
        position: { start: 3, end: 17 },
        affected: 1,
        suggestion: '{{first_name|there}}',
        message:
          '{{first_name}} is empty for 1 of 4 contacts, so they get nothing in its place. Add a fallback, e.g. {{first_name|there}}.',
      },
    ]);
    expect(m.examples).toEqual([
      { reason: 'most_segments', segments: 2, contact: { id: 4, phone: phoneN(4), label: 'B'.repeat(200) } },
      { reason: 'fewest_segments', segments: 1, contact: { id: 3, phone: phoneN(3), label: phoneN(3) } },
      { reason: 'missing', key: 'first_name', segments: 0, contact: { id: 3, phone: phoneN(3), label: phoneN(3) } },
    ]);
  });

  it('narrows to a tag and reads only the custom fields the template uses', async () => {
    seedContacts(app.db, [
      { phone: phoneN(1), first: 'Ana', tags: ['VIP'], fields: { tier: 'Gold', note: 'n'.repeat(500) } },
      { phone: phoneN(2), first: 'Bo', tags: ['VIP'] },
      { phone: phoneN(3), first: 'Cy', fields: { tier: 'Silver' } },
    ]);
    const m = await ok('templates:measure', { body: '{{field:tier}} {{field:missing_key|x}} perks', tag: 'VIP' });
    expect(m).toMatchObject({
      tag: 'VIP',
      recipients: 2,
      missing: [{ key: 'field:tier', affected: 1 }],
      segments: { min: 1, typical: 1, max: 1, total: 2 },
    });
    expect(await app.dispatch('templates:measure', { body: 'x', tag: 'Nobody' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('answers for an empty audience with zeros and no cost', async () => {
    expect(await ok('templates:measure', { body: 'Hi {{first_name}}' })).toMatchObject({
      recipients: 0,
      segments: { min: 0, typical: 0, max: 0, total: 0 },
      missing: [],
      issues: [],
      examples: [],
      cost: { provider: 'sandbox', pricePerSegment: 0, total: 0 },
    });
  });

  it('finishes only the newest of two overlapping measurements', async () => {
    // More than one 10,000-contact chunk, so each pass yields and can notice it was replaced.
    seedContacts(
      app.db,
      Array.from({ length: 12_000 }, (_, i) => ({
        phone: `+1202555${String(i).padStart(4, '0')}`,
        first: i % 3 ? 'Ana' : null,
      })),
    );
    const [older, newer] = await Promise.all([
      app.dispatch('templates:measure', { body: 'Hi {{first_name}}' }),
      app.dispatch('templates:measure', { body: 'Hello {{first_name|there}}' }),
    ]);
    expect(older).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(newer).toMatchObject({ ok: true, value: { recipients: 12_000, missing: [] } });
  });
});
