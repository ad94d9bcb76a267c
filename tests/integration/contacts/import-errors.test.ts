import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/db';
import { inspectImport, runImport, type ImportOptions } from '../../../electron/contacts/import';
import { listImports } from '../../../electron/contacts/import/history';
import { at, snapshot } from './import-helpers';

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

const now = at('2025-03-01T12:00:00.000Z');
const options: ImportOptions = { defaultCountry: 'US', onDuplicate: 'skip', fileName: 'x.csv' };
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('files and options that cannot be imported', () => {
  it('names a file that does not exist', async () => {
    const missing = join(t.dir, 'gone.csv');
    await expect(runImport(t.path, missing, options, { now, rowWorkers: 1 })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('"x.csv" could not be opened'),
    });
  });

  it('says an empty file is empty, and changes nothing', async () => {
    const before = snapshot(t.db);
    await expect(runImport(t.path, bytes('\r\n\r\n'), options, { now, rowWorkers: 1 })).rejects.toMatchObject({
      code: 'invalid_input',
      message: '"x.csv" has no rows: the file is empty.',
    });
    expect(snapshot(t.db)).toEqual(before);
  });

  it('explains a missing phone column and an unknown country', async () => {
    await expect(
      runImport(t.path, bytes('Name,Email\nAnn,a@example.com\n'), options, { now, rowWorkers: 1 }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('Choose which column holds the phone numbers'),
    });
    await expect(
      runImport(t.path, bytes('Phone\n2125550101\n'), { ...options, defaultCountry: 'XX' }, { now, rowWorkers: 1 }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('defaultCountry'),
    });
    expect(listImports(t.db)).toEqual([]);
  });

  it('imports a file with only a header as an import of nothing', async () => {
    const r = await runImport(t.path, bytes('Phone,Name\n'), options, { now, rowWorkers: 1 });
    expect(r.counts).toEqual({
      rows: 0,
      imported: 0,
      updated: 0,
      unchanged: 0,
      duplicates: 0,
      invalid: 0,
      notTextable: 0,
    });
    expect(listImports(t.db)[0]).toMatchObject({ status: 'completed', counts: r.counts });
  });

  it('reads a file whose quote never closes, reporting that row and keeping the rest', async () => {
    const r = await runImport(t.path, bytes('Name,Phone\nAnn,2125550101\n"Bob,2125550102\nCy,2125550103\n'), options, {
      now,
      rowWorkers: 1,
    });
    expect(r.counts).toMatchObject({ rows: 3, imported: 2, invalid: 1 });
    expect(r.rejects).toEqual([
      { row: 2, reason: 'broken row: a quote (") is opened but never closed; the rest of the line was skipped' },
    ]);
  });

  it('keeps NUL bytes out of stored rows, even in a broken one', async () => {
    const r = await runImport(t.path, bytes('Name,Phone\nA\u0000nn,2125550101\n"\u0000\u0001'), options, {
      now,
      rowWorkers: 1,
    });
    expect(r.counts).toMatchObject({ rows: 2, imported: 1, invalid: 1 });
    expect(t.db.prepare('SELECT first_name FROM contacts').pluck().get()).toBe('Ann');
    expect(t.db.prepare('SELECT row_number, raw FROM import_rejects').get()).toEqual({ row_number: 2, raw: '"\u0001' });
  });

  it('honours a forced encoding and delimiter in the quick look', async () => {
    const latin = new Uint8Array(Buffer.from('Prénom;Tel\nJosé;2125550101\n', 'latin1'));
    const r = await inspectImport(latin, { ...options, encoding: 'windows-1252', delimiter: ';' });
    expect(r.detected).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(r.sampleRows[0]).toMatchObject({ firstName: 'José', lastName: '', phone: '+12125550101' });
  });
});
