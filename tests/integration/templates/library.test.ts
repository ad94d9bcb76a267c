import { beforeEach, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/db';
import type { Kdb } from '../../../electron/db/kysely';
import { allRows, firstRow, qb, runQuery } from '../../../electron/db/sync-query';
import {
  archiveTemplate,
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  findTemplate,
  getTemplate,
  markTemplateUsed,
  unarchiveTemplate,
  updateTemplate,
} from '../../../electron/templates/library';
import { listTemplates } from '../../../electron/templates/list';
import { describeBothBackends } from '../../helpers/both-backends';

const T0 = '2025-03-01T10:00:00.000Z';
const T1 = '2025-03-02T10:00:00.000Z';
const T2 = '2025-03-03T10:00:00.000Z';

describeBothBackends('template library queries', (get) => {
  let db: Db;
  let kdb: Kdb;
  beforeEach(() => {
    ({ db, kdb } = get());
  });

  const addCampaign = (templateId: number, name = 'Spring sale') =>
    runQuery(db, qb.insertInto('campaigns').values({ name, template_id: templateId, created_at: T0, updated_at: T0 }));
  const templateCount = () =>
    firstRow(
      db,
      qb.selectFrom('templates').select((eb) => eb.fn.countAll<number>().as('n')),
    )?.n;

  it('creates with trimmed name and blank category/notes stored as null, and reads it back', () => {
    const t = createTemplate(
      db,
      { name: '  Weekend sale ', body: 'Hi {{first_name|there}}!', category: '  ', notes: '' },
      T0,
    );
    expect(t).toEqual({
      id: t.id,
      name: 'Weekend sale',
      body: 'Hi {{first_name|there}}!',
      category: null,
      notes: null,
      // A template is for texts unless made for e-mail (which has a subject) or calls.
      channel: 'sms',
      subject: null,
      archived: false,
      createdAt: T0,
      updatedAt: T0,
      lastUsedAt: null,
      campaignCount: 0,
    });
    expect(getTemplate(db, t.id)).toEqual(t);
    expect(firstRow(db, qb.selectFrom('templates').select(['category', 'notes']).where('id', '=', t.id))).toEqual({
      category: null,
      notes: null,
    });
  });

  it('updates only the given fields and moves updated_at only when something changed', () => {
    const t = createTemplate(db, { name: 'Promo', body: 'Old text', category: 'Sales', notes: 'for March' }, T0);
    const same = updateTemplate(db, t.id, { name: ' Promo ', body: 'Old text' }, T1);
    expect(same).toMatchObject({ changed: false, template: { updatedAt: T0 } });
    const edited = updateTemplate(db, t.id, { body: 'New text', category: '' }, T1);
    expect(edited.changed).toBe(true);
    expect(edited.template).toMatchObject({
      name: 'Promo',
      body: 'New text',
      category: null,
      notes: 'for March',
      updatedAt: T1,
      createdAt: T0,
    });
  });

  it('refuses to read or change a template that does not exist with not_found', () => {
    expect(findTemplate(db, 99)).toBeNull();
    expect(() => getTemplate(db, 99)).toThrow(
      expect.objectContaining({ code: 'not_found', message: expect.stringContaining('#99') }),
    );
    expect(() => updateTemplate(db, 99, { body: 'x' }, T1)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => deleteTemplate(db, 99, T1)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => markTemplateUsed(db, 99, T1)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('duplicates as a fresh, unarchived, unused copy with a unique "(copy)" name', () => {
    const t = createTemplate(db, { name: 'Weekend sale', body: 'Body', category: 'Sales', notes: 'n' }, T0);
    archiveTemplate(db, t.id, T1);
    markTemplateUsed(db, t.id, T1);
    const c1 = duplicateTemplate(db, t.id, T2);
    const c2 = duplicateTemplate(db, t.id, T2);
    const named = duplicateTemplate(db, t.id, T2, '  April sale ');
    expect(c1).toMatchObject({
      name: 'Weekend sale (copy)',
      body: 'Body',
      category: 'Sales',
      notes: 'n',
      archived: false,
      lastUsedAt: null,
      createdAt: T2,
    });
    expect(c2.name).toBe('Weekend sale (copy 2)');
    expect(named.name).toBe('April sale');
    expect(new Set([t.id, c1.id, c2.id, named.id]).size).toBe(4);
  });

  it('keeps a copy of a 100-character name within 100 characters', () => {
    const long = 'x'.repeat(100);
    const t = createTemplate(db, { name: long, body: 'Body' }, T0);
    const copy = duplicateTemplate(db, t.id, T1);
    expect(copy.name).toHaveLength(100);
    expect(copy.name.endsWith(' (copy)')).toBe(true);
  });

  it('archives and unarchives; archived templates leave the default list but not the archived one', async () => {
    const a = createTemplate(db, { name: 'A', body: 'a' }, T0);
    createTemplate(db, { name: 'B', body: 'b' }, T1);
    const archived = archiveTemplate(db, a.id, T2);
    expect(archived.archived).toBe(true);
    // Archiving twice keeps the first date.
    archiveTemplate(db, a.id, '2030-01-01T00:00:00.000Z');
    expect(firstRow(db, qb.selectFrom('templates').select('archived_at').where('id', '=', a.id))?.archived_at).toBe(T2);
    expect((await listTemplates(kdb, { includeArchived: false })).map((t) => t.name)).toEqual(['B']);
    expect((await listTemplates(kdb, { includeArchived: true })).map((t) => [t.name, t.archived])).toEqual([
      ['B', false],
      ['A', true],
    ]);
    expect(unarchiveTemplate(db, a.id).archived).toBe(false);
    expect((await listTemplates(kdb, { includeArchived: false })).map((t) => t.name)).toEqual(['B', 'A']);
  });

  it('deletes an unused template for good', () => {
    const t = createTemplate(db, { name: 'Unused', body: 'x' }, T0);
    expect(deleteTemplate(db, t.id, T1)).toEqual({
      id: t.id,
      outcome: 'deleted',
      campaignCount: 0,
      message: '"Unused" was deleted.',
    });
    expect(templateCount()).toBe(0);
  });

  it('archives instead of deleting a template a campaign uses, and says so', () => {
    const t = createTemplate(db, { name: 'Used', body: 'x' }, T0);
    addCampaign(t.id, 'One');
    addCampaign(t.id, 'Two');
    const r = deleteTemplate(db, t.id, T1);
    expect(r).toMatchObject({ id: t.id, outcome: 'archived', campaignCount: 2 });
    expect(r.message).toMatch(/used by 2 campaigns, so it was archived instead of deleted/);
    expect(getTemplate(db, t.id)).toMatchObject({ archived: true, campaignCount: 2 });
    expect(allRows(db, qb.selectFrom('campaigns').select('id').where('template_id', '=', t.id))).toHaveLength(2);
  });

  it('marks a template used without ever moving the date backwards', () => {
    const t = createTemplate(db, { name: 'Used', body: 'x' }, T0);
    markTemplateUsed(db, t.id, T2);
    markTemplateUsed(db, t.id, T1);
    expect(getTemplate(db, t.id).lastUsedAt).toBe(T2);
    expect(getTemplate(db, t.id).updatedAt).toBe(T0);
  });

  it('searches name, body and category, case-insensitively, taking % and _ literally', async () => {
    createTemplate(db, { name: 'Weekend sale', body: 'Everything 20% off', category: 'Promotions' }, T0);
    createTemplate(db, { name: 'Reminder', body: 'Your appointment is tomorrow', category: 'Service' }, T1);
    createTemplate(db, { name: 'first_visit', body: 'Welcome!', category: null }, T2);
    const names = async (search: string) =>
      (await listTemplates(kdb, { search, includeArchived: false })).map((t) => t.name);
    expect(await names('weekend')).toEqual(['Weekend sale']);
    expect(await names('APPOINTMENT')).toEqual(['Reminder']);
    expect(await names('promo')).toEqual(['Weekend sale']);
    expect(await names('20%')).toEqual(['Weekend sale']);
    expect(await names('%')).toEqual(['Weekend sale']);
    expect(await names('_')).toEqual(['first_visit']);
    expect(await names('   ')).toEqual(['first_visit', 'Reminder', 'Weekend sale']);
  });
});
