import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/db';
import { runImport, type ImportOptions } from '../../../electron/contacts/import';
import { at, contactsByPhone, customValues } from './import-helpers';

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

const now = at('2025-03-01T12:00:00.000Z');
const csv = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const run = (text: string, options: Partial<ImportOptions> = {}) =>
  runImport(
    t.path,
    csv(text),
    { defaultCountry: 'US', onDuplicate: 'skip', fileName: 'list.csv', ...options },
    { now, rowWorkers: 1 },
  );

describe('duplicates inside one file', () => {
  it('merge later rows into the first: empty fields filled, tags united, first values kept', async () => {
    const r = await run(
      [
        'First Name,Last Name,Phone,Email,Tags,Tier,Notes',
        'Anna,,(212) 555-0101,,VIP,,first note',
        'Annie,Smith,212.555.0101,anna@example.com,Newsletter,gold,second note',
        'Ann,Smyth,+1 212 555 0101,other@example.com,VIP,silver,',
      ].join('\n'),
    );
    expect(r.counts).toEqual({
      rows: 3,
      imported: 1,
      updated: 0,
      unchanged: 0,
      duplicates: 2,
      invalid: 0,
      notTextable: 0,
    });
    expect(contactsByPhone(t.db)['+12125550101']).toMatchObject({
      first_name: 'Anna',
      last_name: 'Smith',
      email: 'anna@example.com',
      tags: 'Newsletter,VIP',
    });
    expect(customValues(t.db, '+12125550101')).toEqual({ tier: 'gold', notes: 'first note' });
    expect(t.db.prepare('SELECT count(*) FROM consent_records').pluck().get()).toBe(1);
  });

  it('fill from later rows across many custom fields, beyond those whose presence is remembered', async () => {
    const headers = Array.from({ length: 15 }, (_, i) => `Field ${i + 1}`);
    const firstRow = headers.map((_, i) => (i < 14 ? `a${i + 1}` : ''));
    const laterRow = headers.map((_, i) => (i === 0 ? '' : `b${i + 1}`));
    const r = await run(
      [`Phone,${headers.join(',')}`, `2125550101,${firstRow.join(',')}`, `2125550101,${laterRow.join(',')}`].join('\n'),
    );
    expect(r.counts).toMatchObject({ imported: 1, duplicates: 1 });
    const values = customValues(t.db, '+12125550101');
    // Every value the first row had is kept (the 14th field included, past the 13 remembered); the empty one is filled.
    expect(values.field_1).toBe('a1');
    expect(values.field_13).toBe('a13');
    expect(values.field_14).toBe('a14');
    expect(values.field_15).toBe('b15');
    expect(Object.keys(values)).toHaveLength(15);
  });

  it('take the stricter consent when two rows for one number disagree', async () => {
    const r = await run(
      ['Phone,Accepts SMS Marketing', '2125550101,yes', '2125550101,no', '2125550102,', '2125550102,yes'].join('\n'),
    );
    expect(r.counts).toMatchObject({ imported: 2, duplicates: 2, notTextable: 1 });
    const c = contactsByPhone(t.db);
    expect(c['+12125550101']).toMatchObject({ textable: 0, not_textable_reason: 'no SMS consent in import file' });
    expect(c['+12125550102']).toMatchObject({ textable: 1 });
    const consent = t.db
      .prepare(
        'SELECT c.phone, r.consent FROM consent_records r JOIN contacts c ON c.id = r.contact_id ORDER BY c.phone',
      )
      .all();
    expect(consent).toEqual([
      { phone: '+12125550101', consent: 0 },
      { phone: '+12125550102', consent: 1 },
    ]);
  });
});

describe('consent records of a large file', () => {
  it('take the stricter consent for a number whose rows fall in different write transactions, or the same one', async () => {
    // 45,000 numbers: more than one write transaction. The last rows repeat the first number (written in an
    // earlier transaction by then) and a late one (in the same transaction), now without consent.
    const phone = (i: number) => `212${String(2_000_000 + i).padStart(7, '0')}`;
    const lines = ['Phone,Accepts SMS Marketing'];
    for (let i = 0; i < 45_000; i++) lines.push(`${phone(i)},${i % 2 ? 'yes' : ''}`);
    lines.push(`${phone(1)},no`, `${phone(44_999)},no`, `${phone(44_998)},yes`);
    const r = await run(lines.join('\n'));
    expect(r.counts).toMatchObject({ imported: 45_000, duplicates: 3, notTextable: 2 });
    const record = (i: number) =>
      t.db
        .prepare(
          'SELECT r.consent, r.note FROM consent_records r JOIN contacts c ON c.id = r.contact_id WHERE c.phone = ?',
        )
        .get(`+1${phone(i)}`);
    expect([record(1), record(44_999), record(44_998), record(3), record(2)]).toEqual([
      { consent: 0, note: '"Accepts SMS Marketing": no' },
      { consent: 0, note: '"Accepts SMS Marketing": no' },
      { consent: 1, note: '"Accepts SMS Marketing": yes' },
      { consent: 1, note: '"Accepts SMS Marketing": yes' },
      { consent: null, note: '"Accepts SMS Marketing": not stated' },
    ]);
    expect(t.db.prepare('SELECT count(*), count(DISTINCT contact_id) FROM consent_records').raw().get()).toEqual([
      45_000, 45_000,
    ]);
    expect(t.db.prepare('SELECT count(*) FROM contacts WHERE textable = 0').pluck().get()).toBe(2);
  }, 30_000);
});

describe('duplicates against the database', () => {
  const first = [
    'First Name,Last Name,Phone,Email,Tags,Tier',
    'Anna,Smith,2125550101,anna@example.com,VIP,gold',
    'Bob,,2125550102,,,',
  ].join('\n');

  it('skip leaves existing contacts exactly as they were', async () => {
    await run(first);
    const before = contactsByPhone(t.db);
    const r = await run(
      ['First Name,Phone,Tags,Tier', 'Annabel,212-555-0101,New,silver', 'Carla,2125550103,,'].join('\n'),
      { tags: ['spring'] },
    );
    expect(r.counts).toEqual({
      rows: 2,
      imported: 1,
      updated: 0,
      unchanged: 0,
      duplicates: 1,
      invalid: 0,
      notTextable: 0,
    });
    expect(contactsByPhone(t.db)['+12125550101']).toEqual(before['+12125550101']);
    expect(customValues(t.db, '+12125550101')).toEqual({ tier: 'gold' });
    expect(contactsByPhone(t.db)['+12125550103']).toMatchObject({ first_name: 'Carla', tags: 'spring' });
  });

  it('update changes fields, adds tags and custom values, and records what it changed', async () => {
    await run(first);
    const r = await run(
      [
        'First Name,Last Name,Phone,Email,Tags,Tier',
        'Annabel,,2125550101,,New,silver',
        'Bob,,2125550102,,,',
        'Bob,Jones,2125550102,,,',
      ].join('\n'),
      { onDuplicate: 'update', tags: ['spring'] },
    );
    expect(r.counts).toEqual({
      rows: 3,
      imported: 0,
      updated: 2,
      unchanged: 0,
      duplicates: 1,
      invalid: 0,
      notTextable: 0,
    });
    const c = contactsByPhone(t.db);
    // Empty cells never erase what is stored.
    expect(c['+12125550101']).toMatchObject({
      first_name: 'Annabel',
      last_name: 'Smith',
      email: 'anna@example.com',
      tags: 'New,spring,VIP',
    });
    expect(customValues(t.db, '+12125550101')).toEqual({ tier: 'silver' });
    expect(c['+12125550102']).toMatchObject({ first_name: 'Bob', last_name: 'Jones', tags: 'spring' });
    const change = t.db
      .prepare(
        `SELECT previous_json FROM import_changes WHERE import_id = ? AND action = 'updated' AND contact_id = (SELECT id FROM contacts WHERE phone = ?)`,
      )
      .pluck()
      .get(r.importId, '+12125550101') as string;
    expect(JSON.parse(change)).toEqual({
      fields: { first_name: { from: 'Anna', to: 'Annabel' } },
      tagsAdded: ['New', 'spring'],
      custom: { tier: { from: 'gold', to: 'silver' } },
    });
  });

  it('counts a matched contact with nothing new as unchanged', async () => {
    await run(first);
    const r = await run(first, { onDuplicate: 'update' });
    expect(r.counts).toEqual({
      rows: 2,
      imported: 0,
      updated: 0,
      unchanged: 2,
      duplicates: 0,
      invalid: 0,
      notTextable: 0,
    });
    expect(t.db.prepare(`SELECT count(*) FROM import_changes WHERE import_id = ?`).pluck().get(r.importId)).toBe(0);
  });
});

describe('tags and custom fields deleted while an import runs', () => {
  it('are created again by the next transaction, never referred to after they are gone', async () => {
    const { ContactWriter } = await import('../../../electron/contacts/import/writer');
    const { openDatabase } = await import('../../../electron/db/connection');
    // The import's own connection checks foreign keys by construction, as executeImport sets it up.
    t.db.pragma('foreign_keys = OFF');
    const w = new ContactWriter(t.db, {
      importId: 'imp_t',
      fileName: 'list.csv',
      now: '2025-03-01T12:00:00.000Z',
      consentColumns: [],
      emailColumns: [],
      consentAnswer: null,
      customFields: [{ header: 'Tier', key: 'tier', label: 'Tier' }],
      dryRun: false,
    });
    const contact = (phone: string, tier: string) => ({
      row: 2,
      phone,
      country: 'US',
      firstName: 'Ana',
      lastName: null,
      email: null,
      consent: null,
      emailState: null,
      tags: ['VIP'],
      custom: [tier],
    });
    t.db.transaction(() => {
      w.beginTransaction();
      w.createContact(contact('+12125550101', 'gold'), []);
      w.endTransaction();
    })();
    // Between two of the import's transactions the user deletes the tag and the field (the app's connection cascades).
    const app = openDatabase(t.path);
    app.exec(`DELETE FROM tags WHERE name = 'VIP'; DELETE FROM custom_fields WHERE key = 'tier';`);
    app.close();
    t.db.transaction(() => {
      w.beginTransaction();
      w.createContact(contact('+12125550102', 'silver'), []);
      w.endTransaction();
    })();
    expect(t.db.pragma('foreign_key_check')).toEqual([]);
    expect(contactsByPhone(t.db)['+12125550102']).toMatchObject({ tags: 'VIP' });
    expect(customValues(t.db, '+12125550102')).toEqual({ tier: 'silver' });
    expect(w.createdTagIds).toHaveLength(2);
  });

  it('fill a created contact from a later row without undoing what the user changed in between, nor touching one deleted since', async () => {
    const { ContactWriter } = await import('../../../electron/contacts/import/writer');
    const { createdHas } = await import('../../../electron/contacts/import/contact-rows');
    const { openDatabase } = await import('../../../electron/db/connection');
    t.db.pragma('foreign_keys = OFF');
    const w = new ContactWriter(t.db, {
      importId: 'imp_t',
      fileName: 'list.csv',
      now: '2025-03-01T12:00:00.000Z',
      consentColumns: [],
      emailColumns: [],
      consentAnswer: null,
      customFields: [{ header: 'Tier', key: 'tier', label: 'Tier' }],
      dryRun: false,
    });
    const contact = (
      phone: string,
      first: string | null,
      email: string | null,
      tier: string | null,
      tags: string[],
    ) => ({
      row: 2,
      phone,
      country: 'US',
      firstName: first,
      lastName: null,
      email,
      consent: null,
      emailState: null,
      tags,
      custom: [tier],
    });
    const ana = contact('+12125550101', 'Ana', null, null, []);
    const ben = contact('+12125550102', 'Ben', null, null, []);
    let ids: (number | undefined)[] = [];
    t.db.transaction(() => {
      w.beginTransaction();
      ids = [w.createContact(ana, []), w.createContact(ben, [])];
      w.endTransaction();
    })();
    // Between two of the import's transactions the user gives Ana an email and deletes Ben.
    const app = openDatabase(t.path);
    app.prepare(`UPDATE contacts SET email = 'ana@home.example' WHERE phone = '+12125550101'`).run();
    app.prepare(`DELETE FROM contacts WHERE phone = '+12125550102'`).run();
    app.close();
    t.db.transaction(() => {
      w.beginTransaction();
      const a = w.mergeIntoCreated(
        ids[0]!,
        contact('+12125550101', 'Anna', 'ana@work.example', 'gold', ['VIP']),
        null,
        [],
        createdHas(ana),
      );
      expect(a.has).toBe(createdHas(ana) | 4 | 8);
      w.mergeIntoCreated(
        ids[1]!,
        contact('+12125550102', 'Benny', 'ben@example.com', 'silver', ['VIP']),
        null,
        [],
        createdHas(ben),
      );
      w.endTransaction();
    })();
    expect(contactsByPhone(t.db)['+12125550101']).toMatchObject({
      first_name: 'Ana',
      email: 'ana@home.example',
      tags: 'VIP',
    });
    expect(customValues(t.db, '+12125550101')).toEqual({ tier: 'gold' });
    expect(contactsByPhone(t.db)['+12125550102']).toBeUndefined();
    expect(t.db.prepare('SELECT count(*) FROM contact_tags WHERE contact_id = ?').pluck().get(ids[1])).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM contact_field_values WHERE contact_id = ?').pluck().get(ids[1])).toBe(0);
    expect(t.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('go to the right contacts when the ids of the contacts a transaction creates do not follow on', async () => {
    const { ContactWriter } = await import('../../../electron/contacts/import/writer');
    t.db.pragma('foreign_keys = OFF');
    const w = new ContactWriter(t.db, {
      importId: 'imp_t',
      fileName: 'list.csv',
      now: '2025-03-01T12:00:00.000Z',
      consentColumns: [],
      emailColumns: [],
      consentAnswer: null,
      customFields: [{ header: 'Tier', key: 'tier', label: 'Tier' }],
      dryRun: false,
    });
    const contact = (phone: string, tier: string | null, tags: string[]) => ({
      row: 2,
      phone,
      country: 'US',
      firstName: 'Ana',
      lastName: null,
      email: null,
      consent: null,
      emailState: null,
      tags,
      custom: [tier],
    });
    t.db.transaction(() => {
      w.beginTransaction();
      w.createContact(contact('+12125550101', 'gold', ['VIP']), ['spring']);
      // Someone else's contact takes the next id in between (never the case in an import, which holds the lock).
      t.db.prepare(`INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+12125550199', 'x', 'x')`).run();
      w.createContact(contact('+12125550102', null, ['vip', 'VIP']), ['spring']);
      w.createContact(contact('+12125550103', 'silver', []), []);
      w.endTransaction();
    })();
    const c = contactsByPhone(t.db);
    expect([c['+12125550101'].tags, c['+12125550199'].tags, c['+12125550102'].tags, c['+12125550103'].tags]).toEqual([
      'spring,VIP',
      '',
      'spring,VIP',
      '',
    ]);
    expect(['+12125550101', '+12125550199', '+12125550102', '+12125550103'].map((p) => customValues(t.db, p))).toEqual([
      { tier: 'gold' },
      {},
      {},
      { tier: 'silver' },
    ]);
    expect(t.db.prepare('SELECT count(*) FROM consent_records').pluck().get()).toBe(3);
  });
});
