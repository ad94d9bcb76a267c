import { beforeEach, expect, it } from 'vitest';
import { changeConsent } from '../../../electron/compliance';
import { listOptOuts, optOutReport } from '../../../electron/compliance/optouts';
import { createCustomField, listCustomFields } from '../../../electron/contacts/custom-fields';
import { contactDetail } from '../../../electron/contacts/detail';
import { createContact, deleteContacts, updateContact } from '../../../electron/contacts/edit';
import {
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  updateSegment,
} from '../../../electron/contacts/segments';
import type { Db } from '../../../electron/db/db';
import { allRows, qb } from '../../../electron/db/sync-query';
import { describeBothBackends } from '../../helpers/both-backends';

/**
 * Contacts by hand (create, edit, delete, tags, custom fields), saved segments and the consent log, through the
 * domains' own functions, on SQLite and on PostgreSQL with the real migrations.
 */

const NOW = new Date('2026-03-01T10:00:00.000Z');
const LATER = new Date('2026-03-02T10:00:00.000Z');
const opts = { now: NOW, defaultCountry: 'US' };

describeBothBackends('contacts, segments and the consent log', (get) => {
  let db: Db;
  beforeEach(() => {
    db = get().db;
  });

  it('creates a contact with tags, custom values and a consent record, and reads it back', () => {
    createCustomField(db, { label: 'Birthday month' }, NOW.toISOString());
    const id = createContact(
      db,
      {
        phone: '(415) 555-0100',
        firstName: ' Anna ',
        lastName: 'Smith',
        email: 'anna@example.com',
        tags: ['VIP', 'Spring'],
        customFields: { birthday_month: 'May' },
        consent: { given: true, note: 'Signed up in store' },
      },
      opts,
    );
    const detail = contactDetail(db, id);
    expect(detail.contact).toMatchObject({
      id,
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
    expect(detail.customFields).toEqual([{ key: 'birthday_month', label: 'Birthday month', value: 'May' }]);
    expect(detail.consentRecords).toEqual([
      {
        id: expect.any(Number),
        source: 'manual',
        sourceRef: null,
        consent: true,
        obtainedAt: NOW.toISOString(),
        note: 'Signed up in store',
        createdAt: NOW.toISOString(),
      },
    ]);
    expect(listCustomFields(db)).toMatchObject([{ key: 'birthday_month', contacts: 1 }]);
  });

  it('refuses a second contact with the same number, naming the first', () => {
    createContact(db, { phone: '+14155550100', firstName: 'Anna' }, opts);
    expect(() => createContact(db, { phone: '415-555-0100' }, opts)).toThrow(
      expect.objectContaining({ code: 'conflict', message: expect.stringContaining('(Anna)') }),
    );
  });

  it('edits only what is given, replaces tags, and deletes', () => {
    const id = createContact(db, { phone: '+14155550101', firstName: 'Ben', tags: ['vip'] }, opts);
    updateContact(db, { id, lastName: 'Jones', tags: ['Regular'] }, { now: LATER, defaultCountry: 'US' });
    expect(contactDetail(db, id).contact).toMatchObject({ firstName: 'Ben', lastName: 'Jones', tags: ['Regular'] });
    expect(() => updateContact(db, { id: 999, firstName: 'X' }, opts)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    expect(deleteContacts(db, [id], LATER)).toBe(1);
    expect(allRows(db, qb.selectFrom('contacts').select('id'))).toEqual([]);
  });

  it('saves segments with unique names (any case), refuses a loop, and lists them by name', () => {
    const vip = createSegment(db, { name: 'VIPs', filter: { tags: ['VIP'], tagMode: 'any' } }, NOW);
    const recent = createSegment(db, { name: 'regulars', filter: { segmentId: vip.id, tagMode: 'any' } }, NOW);
    expect(listSegments(db).map((s) => s.name)).toEqual(['regulars', 'VIPs']);
    expect(() => createSegment(db, { name: 'vips', filter: { tagMode: 'any' } }, NOW)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(() => updateSegment(db, { id: vip.id, filter: { segmentId: recent.id, tagMode: 'any' } }, LATER)).toThrow();
    expect(getSegment(db, vip.id).filter).toEqual({ tags: ['VIP'], tagMode: 'any' });
    expect(() => deleteSegment(db, vip.id)).toThrow(expect.objectContaining({ code: 'conflict' }));
    deleteSegment(db, recent.id);
    deleteSegment(db, vip.id);
    expect(listSegments(db)).toEqual([]);
  });

  it('records opt-outs and opt-ins in the consent log, once per real change', () => {
    const id = createContact(db, { phone: '+14155550102', firstName: 'Cleo', consent: { given: true } }, opts);
    const at = NOW.toISOString();
    const stop = { phone: '+14155550102', optedOut: true, source: 'keyword' as const, actor: 'contact', at };
    expect(changeConsent(db, stop)).toMatchObject({ changed: true, contactId: id });
    expect(changeConsent(db, stop)).toMatchObject({ changed: false });
    expect(contactDetail(db, id).contact.optedOut).toBe(true);
    changeConsent(db, { ...stop, optedOut: false, source: 'manual', actor: 'user', at: LATER.toISOString() });
    expect(listOptOuts(db, { limit: 10, offset: 0 }).map((r) => [r.phone, r.newState])).toEqual([
      ['+14155550102', 'opted_in'],
      ['+14155550102', 'opted_out'],
    ]);
    expect(optOutReport(db, { search: 'cleo' }, { limit: 10, offset: 0 }).total).toBe(2);
  });
});
