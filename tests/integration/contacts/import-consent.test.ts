import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/db';
import { runImport, type ImportOptions } from '../../../electron/contacts/import';
import { at, contactsByPhone, snapshot } from './import-helpers';

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
    { defaultCountry: 'US', onDuplicate: 'update', fileName: 'shopify.csv', ...options },
    { now: at(when), rowWorkers: 1 },
  );

function optOut(phone: string, atIso: string) {
  t.db
    .prepare(
      `UPDATE contacts SET opted_out = 1, opted_out_at = ?, textable = 0, not_textable_reason = 'opted out' WHERE phone = ?`,
    )
    .run(atIso, phone);
  t.db
    .prepare(
      `INSERT INTO optout_audit (contact_id, phone, old_state, new_state, source, message_text, actor, at)
       VALUES ((SELECT id FROM contacts WHERE phone = ?), ?, 'opted_in', 'opted_out', 'keyword', 'STOP', 'contact', ?)`,
    )
    .run(phone, phone, atIso);
}

describe('consent records', () => {
  it('are written once per new contact with the import, the file, the time and the file’s own consent', async () => {
    const r = await run(
      ['First Name,Phone,Accepts SMS Marketing', 'Ann,2125550101,yes', 'Bob,2125550102,no', 'Cy,2125550103,'].join(
        '\n',
      ),
    );
    const rows = t.db
      .prepare(
        'SELECT c.phone, r.source, r.source_ref, r.consent, r.obtained_at, r.note FROM consent_records r JOIN contacts c ON c.id = r.contact_id ORDER BY c.phone',
      )
      .all();
    const ref = `${r.importId}:shopify.csv`;
    expect(rows).toEqual([
      {
        phone: '+12125550101',
        source: 'import',
        source_ref: ref,
        consent: 1,
        obtained_at: '2025-03-01T12:00:00.000Z',
        note: '"Accepts SMS Marketing": yes',
      },
      {
        phone: '+12125550102',
        source: 'import',
        source_ref: ref,
        consent: 0,
        obtained_at: '2025-03-01T12:00:00.000Z',
        note: '"Accepts SMS Marketing": no',
      },
      {
        phone: '+12125550103',
        source: 'import',
        source_ref: ref,
        consent: null,
        obtained_at: '2025-03-01T12:00:00.000Z',
        note: '"Accepts SMS Marketing": not stated',
      },
    ]);
    expect(contactsByPhone(t.db)['+12125550102']).toMatchObject({
      textable: 0,
      not_textable_reason: 'no SMS consent in import file',
    });
    expect(r.counts.notTextable).toBe(1);
    expect(t.db.prepare('SELECT DISTINCT source, created_at, updated_at, import_id FROM contacts').all()).toEqual([
      {
        source: 'import',
        created_at: '2025-03-01T12:00:00.000Z',
        updated_at: '2025-03-01T12:00:00.000Z',
        import_id: r.importId,
      },
    ]);
  });

  it('record consent as not stated when the file has no consent column, and the contacts are not textable', async () => {
    const r = await run('Phone\n2125550101\n2125550102\n2125550101\n');
    expect(t.db.prepare('SELECT source_ref, consent, note FROM consent_records').all()).toEqual([
      { source_ref: `${r.importId}:shopify.csv`, consent: null, note: 'consent not stated' },
      { source_ref: `${r.importId}:shopify.csv`, consent: null, note: 'consent not stated' },
    ]);
    expect(contactsByPhone(t.db)['+12125550101']).toMatchObject({
      textable: 0,
      not_textable_reason: 'SMS consent not stated',
    });
  });

  it('record the owner’s answer for a file without a consent column as consent, textable', async () => {
    await run('Phone\n2125550101\n2125550101\n', { consent: 'They signed up in store' });
    expect(t.db.prepare('SELECT consent, note FROM consent_records').all()).toEqual([
      { consent: 1, note: 'They signed up in store' },
    ]);
    expect(contactsByPhone(t.db)['+12125550101']).toMatchObject({ textable: 1, not_textable_reason: null });
  });
});

describe('a re-import never overwrites consent or opt-out', () => {
  it('keeps an opted-out contact opted out even when the file says it accepts SMS marketing', async () => {
    await run(['First Name,Phone,Accepts SMS Marketing', 'Ann,2125550101,no'].join('\n'));
    optOut('+12125550101', '2025-03-02T09:00:00.000Z');
    const consentBefore = t.db.prepare('SELECT * FROM consent_records').all();
    const auditBefore = t.db.prepare('SELECT * FROM optout_audit').all();

    const r = await run(
      ['First Name,Phone,Accepts SMS Marketing', 'Annie,2125550101,yes'].join('\n'),
      {},
      '2025-03-05T12:00:00.000Z',
    );
    expect(r.counts).toMatchObject({ updated: 1, imported: 0, notTextable: 0 });
    expect(contactsByPhone(t.db)['+12125550101']).toMatchObject({
      first_name: 'Annie',
      opted_out: 1,
      textable: 0,
      not_textable_reason: 'opted out',
    });
    expect(t.db.prepare('SELECT opted_out_at FROM contacts').pluck().get()).toBe('2025-03-02T09:00:00.000Z');
    expect(t.db.prepare('SELECT * FROM consent_records').all()).toEqual(consentBefore);
    expect(t.db.prepare('SELECT * FROM optout_audit').all()).toEqual(auditBefore);
  });

  it('does not make a contact without consent textable, and skip leaves every table alone', async () => {
    await run(['Phone,Accepts SMS Marketing', '2125550101,no'].join('\n'));
    await run(['Phone,Accepts SMS Marketing', '2125550101,yes'].join('\n'));
    expect(contactsByPhone(t.db)['+12125550101']).toMatchObject({
      textable: 0,
      not_textable_reason: 'no SMS consent in import file',
    });

    const before = snapshot(t.db);
    const r = await run(['Phone,Accepts SMS Marketing', '2125550101,yes'].join('\n'), { onDuplicate: 'skip' });
    expect(r.counts).toMatchObject({ duplicates: 1, imported: 0 });
    const after = snapshot(t.db);
    delete after.imports;
    delete before.imports;
    expect(after).toEqual(before);
  });

  it('re-creates a deleted contact that once said STOP as opted out', async () => {
    await run('Phone\n2125550101\n');
    optOut('+12125550101', '2025-03-02T09:00:00.000Z');
    t.db.prepare('DELETE FROM contacts').run();
    await run('Phone,Accepts SMS Marketing\n2125550101,yes\n');
    const c = t.db.prepare('SELECT opted_out, opted_out_at FROM contacts').get();
    expect(c).toEqual({ opted_out: 1, opted_out_at: '2025-03-02T09:00:00.000Z' });
  });
});
