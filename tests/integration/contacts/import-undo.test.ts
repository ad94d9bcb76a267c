import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { tempDb } from '../../helpers/db';
import { runImport, undoImport, undoImportInWorker, type ImportOptions } from '../../../electron/contacts/import';
import { listImports, rejectsCsv } from '../../../electron/contacts/import/history';
import { at, contactsByPhone, customValues, snapshot } from './import-helpers';

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

const csv = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const run = (text: string, options: Partial<ImportOptions> = {}, when = '2025-03-01T12:00:00.000Z') =>
  runImport(
    t.path,
    csv(text),
    { defaultCountry: 'US', onDuplicate: 'update', fileName: 'list.csv', ...options },
    { now: at(when), rowWorkers: 1 },
  );

const SEED = [
  'First Name,Last Name,Phone,Email,Tier',
  'Anna,Smith,2125550101,anna@example.com,gold',
  'Bob,Jones,2125550102,,',
].join('\n');
const SECOND = [
  'First Name,Phone,Email,Tags,Tier,Shoe Size',
  'Annabel,2125550101,annabel@example.com,New,silver,',
  'Cara,2125550103,,,,38',
  'Dan,2125550104,,,,',
  'Eve,2125550105,,,,',
  'Oops,555-12,,,,',
].join('\n');

function optOut(phone: string, atIso: string) {
  t.db.prepare('UPDATE contacts SET opted_out = 1, opted_out_at = ? WHERE phone = ?').run(atIso, phone);
  t.db
    .prepare(
      `INSERT INTO optout_audit (contact_id, phone, old_state, new_state, source, message_text, actor, at)
       VALUES ((SELECT id FROM contacts WHERE phone = ?), ?, 'opted_in', 'opted_out', 'keyword', 'STOP', 'contact', ?)`,
    )
    .run(phone, phone, atIso);
}

describe('undoImport', () => {
  it('removes created contacts, restores changed ones, and keeps later opt-outs and later edits', async () => {
    await run(SEED);
    const r = await run(SECOND, { tags: ['spring'] }, '2025-03-02T12:00:00.000Z');
    expect(r.counts).toMatchObject({ imported: 3, updated: 1, invalid: 1 });

    optOut('+12125550104', '2025-03-03T08:00:00.000Z');
    t.db.prepare(`UPDATE contacts SET email = 'anna.new@example.com' WHERE phone = '+12125550101'`).run();
    // Eve wrote in after the import: her conversation must keep its contact.
    t.db
      .prepare(
        `INSERT INTO inbound_messages (provider, contact_id, from_phone, body, received_at, created_at)
         VALUES ('sandbox', (SELECT id FROM contacts WHERE phone = '+12125550105'), '+12125550105', 'Hi!', '2025-03-03T09:00:00.000Z', '2025-03-03T09:00:00.000Z')`,
      )
      .run();
    const audit = t.db.prepare('SELECT * FROM optout_audit').all();

    const report = undoImport(t.db, r.importId, at('2025-03-04T00:00:00.000Z'));
    expect(report).toEqual({
      importId: r.importId,
      removed: 1,
      restored: 1,
      keptOptedOut: [{ contactId: expect.any(Number), phone: '+12125550104' }],
      keptWithHistory: [{ contactId: expect.any(Number), phone: '+12125550105' }],
      keptLaterEdits: 1,
    });

    const c = contactsByPhone(t.db);
    expect(Object.keys(c).sort()).toEqual(['+12125550101', '+12125550102', '+12125550104', '+12125550105']);
    expect(c['+12125550105']).toMatchObject({ first_name: 'Eve', tags: '' });
    // Restored: the name and tier the import changed; the email edited afterwards stays.
    expect(c['+12125550101']).toMatchObject({
      first_name: 'Anna',
      last_name: 'Smith',
      email: 'anna.new@example.com',
      tags: '',
    });
    expect(customValues(t.db, '+12125550101')).toEqual({ tier: 'gold' });
    // The contact that opted out since is kept, without the import's tags, and its opt-out history is intact.
    expect(c['+12125550104']).toMatchObject({ first_name: 'Dan', opted_out: 1, tags: '' });
    expect(t.db.prepare('SELECT * FROM optout_audit').all()).toEqual(audit);
    // Tags and custom fields only this import used are gone; the ones the first import made stay.
    expect(t.db.prepare('SELECT name FROM tags ORDER BY name').pluck().all()).toEqual([]);
    expect(t.db.prepare('SELECT key FROM custom_fields ORDER BY key').pluck().all()).toEqual(['tier']);
    expect(t.db.prepare('SELECT count(*) FROM consent_records').pluck().get()).toBe(4);

    const history = listImports(t.db);
    expect(history.map((h) => [h.status, h.undoneAt])).toEqual([
      ['undone', '2025-03-04T00:00:00.000Z'],
      ['completed', null],
    ]);
    expect(history[0]).toMatchObject({
      fileName: 'list.csv',
      counts: r.counts,
      options: { onDuplicate: 'update', tags: ['spring'] },
    });
  });

  it('refuses to undo twice or an unknown import', async () => {
    const r = await run(SEED);
    undoImport(t.db, r.importId, at('2025-03-04T00:00:00.000Z'));
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isAppError(e) ? e.code : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => undoImport(t.db, r.importId, at('2025-03-05T00:00:00.000Z')))).toBe('conflict');
    expect(codeOf(() => undoImport(t.db, 'nope', at('2025-03-05T00:00:00.000Z')))).toBe('not_found');
  });

  it('undoing a first import in a worker leaves the database as it was before, apart from the history', async () => {
    const before = snapshot(t.db);
    const r = await run(SEED, { tags: ['spring'] });
    const report = await undoImportInWorker(t.path, r.importId, { now: at('2025-03-04T00:00:00.000Z') });
    expect(report.removed).toBe(2);
    const after = snapshot(t.db);
    expect(after.imports).toHaveLength(1);
    for (const table of ['imports', 'import_changes', 'import_rejects']) {
      delete after[table];
      delete before[table];
    }
    expect(after).toEqual(before);
  });
});

describe('rejectsCsv', () => {
  it('lists every rejected row with its row number and reason', async () => {
    const r = await run(SECOND);
    expect(rejectsCsv(t.db, r.importId)).toBe(
      'row,reason,original row\r\n5,"invalid phone for US: ""555-12""","Oops,555-12,,,,"\r\n',
    );
    expect(rejectsCsv(t.db, r.importId, { bom: true }).startsWith('\uFEFFrow,reason')).toBe(true);
  });
});
