import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { findUpload, storeUpload, sweepOldUploads } from '../../../electron/contacts/uploads';
import { fixture, snapshot } from './import-helpers';
import { startDesk, type Desk } from './desk';

let d: Desk;
beforeEach(async () => {
  d = await startDesk();
});
afterEach(async () => d.close());

const plainSheet = readFileSync(fixture('plain-sheet.csv'));
const US = { defaultCountry: 'us', onDuplicate: 'skip' } as const;
const upload = (bytes: Buffer, name = 'plain-sheet.csv') =>
  d.call('contacts:importUpload', { name, dataBase64: bytes.toString('base64') });
const finished = (importId: string) => d.app.contacts.imports.settled(importId);

function bigCsv(rows: number): Buffer {
  const lines = ['First Name,Phone'];
  for (let i = 0; i < rows; i++) lines.push(`Zoë ${i},212${String(2000000 + i).padStart(7, '0')}`);
  return Buffer.from(lines.join('\n'));
}

describe('import channels', () => {
  it('upload → preview → run in the background → history, rejects CSV and undo', async () => {
    const up = await upload(plainSheet);
    expect(up).toEqual({ fileId: expect.stringMatching(/^upl_/), size: plainSheet.length, name: 'plain-sheet.csv' });
    const before = snapshot(d.app.db);

    const preview = await d.call('contacts:importPreview', {
      fileId: up.fileId,
      options: { ...US, tags: ['Spring'], mapping: { notes: 'drop' } },
    });
    expect(preview).toMatchObject({
      fileName: 'plain-sheet.csv',
      headers: ['full name', 'mobile', 'tags', 'loyalty tier', 'notes', ''],
      detected: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
      counts: { rows: 6, imported: 4, duplicates: 1, invalid: 1 },
      rejects: [{ row: 5, reason: 'missing phone' }],
      problem: null,
    });
    expect(preview.mapping.find((m) => m.header === 'notes')).toMatchObject({ target: 'drop', source: 'user' });
    expect(preview.sampleRows[0]).toMatchObject({ phone: '+12125550121', firstName: 'Anna', lastName: 'Smith' });
    const quick = await d.call('contacts:importPreview', { fileId: up.fileId, options: US, counts: false });
    expect([quick.counts, quick.headers.length]).toEqual([null, 6]);
    expect(snapshot(d.app.db)).toEqual(before);

    const { importId } = await d.call('contacts:importRun', {
      fileId: up.fileId,
      options: { ...US, tags: ['Spring'] },
    });
    expect(importId).toMatch(/^imp_/);
    const job = await finished(importId);
    expect(job).toMatchObject({
      importId,
      state: 'done',
      dryRun: false,
      report: { counts: { rows: 6, imported: 4, duplicates: 1, invalid: 1 } },
    });
    expect(await d.call('contacts:importStatus', { importId })).toMatchObject({
      state: 'done',
      finishedAt: '2026-03-01T10:00:00.000Z',
    });
    expect(d.events.find((e) => e.name === 'import:finished')?.payload).toMatchObject({
      importId,
      state: 'done',
      dryRun: false,
      error: null,
    });
    expect(
      d.events.some((e) => e.name === 'import:progress' && (e.payload as { importId: string }).importId === importId),
    ).toBe(true);
    expect(d.events).toContainEqual({ name: 'app:dataChanged', payload: { area: 'contacts' } });
    expect(d.count('contacts')).toBe(4);
    expect(await d.call('contacts:list', { tag: 'Spring' })).toMatchObject({ total: 4 });
    // Imported files are not kept.
    expect(await d.fails('contacts:importRun', { fileId: up.fileId, options: US })).toMatchObject({
      code: 'not_found',
    });

    const history = await d.call('imports:list', {});
    expect(history).toMatchObject([
      {
        id: importId,
        fileName: 'plain-sheet.csv',
        status: 'completed',
        counts: { imported: 4 },
        options: { tags: ['Spring'] },
      },
    ]);
    const rejects = await d.call('imports:rejectsCsv', { importId });
    expect([rejects.rows, rejects.fileName]).toEqual([1, `rejected-rows-${importId}.csv`]);
    expect(parse(rejects.csv, { columns: true, bom: true })).toEqual([
      { row: '5', reason: 'missing phone', 'original row': 'Iñaki,   ,VIP,,,' },
    ]);

    const undo = await d.call('imports:undo', { importId });
    expect(undo).toMatchObject({ importId, removed: 4, restored: 0 });
    expect(d.count('contacts')).toBe(0);
    expect(await d.call('contacts:list', { search: 'anna' })).toMatchObject({ total: 0 });
    expect(await d.fails('imports:undo', { importId })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already undone'),
    });
  });

  it('a dry run reports the same counts, writes nothing and keeps the file for the real run', async () => {
    const up = await upload(plainSheet);
    const before = snapshot(d.app.db);
    const { importId } = await d.call('contacts:importRun', { fileId: up.fileId, options: US, dryRun: true });
    expect(await finished(importId)).toMatchObject({
      state: 'done',
      dryRun: true,
      report: { dryRun: true, counts: { rows: 6, imported: 4, invalid: 1 } },
    });
    expect(snapshot(d.app.db)).toEqual(before);
    expect(findUpload(d.dir, up.fileId).size).toBe(plainSheet.length);
  });

  it('takes a file in pieces, and refuses broken pieces, unknown files and bad options without writing', async () => {
    const a = plainSheet.subarray(0, 99);
    const first = await upload(a);
    const whole = await d.call('contacts:importUpload', {
      name: 'ignored.csv',
      fileId: first.fileId,
      dataBase64: plainSheet.subarray(99).toString('base64'),
    });
    expect(whole.size).toBe(plainSheet.length);
    expect(readFileSync(findUpload(d.dir, first.fileId).path)).toEqual(plainSheet);
    const before = snapshot(d.app.db);
    expect(await d.fails('contacts:importUpload', { name: 'x.csv', dataBase64: 'not base64!' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('dataBase64'),
    });
    expect(
      await d.fails('contacts:importUpload', { name: 'x.csv', dataBase64: 'QUJD', fileId: 'upl_doesnotexist' }),
    ).toMatchObject({ code: 'not_found' });
    expect(
      await d.fails('contacts:importPreview', {
        fileId: first.fileId,
        options: { defaultCountry: 'USA', onDuplicate: 'skip' },
      }),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('options.defaultCountry'),
    });
    expect(
      await d.fails('contacts:importRun', {
        fileId: first.fileId,
        options: { ...US, mapping: { mobile: 'telephone' } },
      }),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('options.mapping.mobile'),
    });
    expect(await d.fails('contacts:importRun', { fileId: '../../etc', options: US })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('fileId'),
    });
    expect(await d.fails('contacts:importStatus', { importId: 'imp_nope' })).toMatchObject({ code: 'not_found' });
    expect(snapshot(d.app.db)).toEqual(before);
  });

  it('caps uploads with a clear error and forgets uploads older than a day', () => {
    const small = storeUpload(
      d.dir,
      { name: '../../evil/name.csv', dataBase64: Buffer.from('a,b\n').toString('base64') },
      new Date(),
      10,
    );
    expect(small.path).toBe(join(d.dir, 'uploads', small.fileId, 'name.csv'));
    expect(() =>
      storeUpload(
        d.dir,
        { name: 'x.csv', fileId: small.fileId, dataBase64: Buffer.from('0123456789').toString('base64') },
        new Date(),
        10,
      ),
    ).toThrow('The file is larger than 1 MB');
    expect(existsSync(small.path)).toBe(false);
    expect(() =>
      storeUpload(d.dir, { name: 'x.csv', dataBase64: Buffer.from('0123456789ab').toString('base64') }, new Date(), 10),
    ).toThrow(/larger than/);
    const old = storeUpload(d.dir, { name: 'old.csv', dataBase64: 'QUJD' }, new Date());
    utimesSync(
      join(d.dir, 'uploads', old.fileId),
      new Date(Date.now() - 2 * 86_400_000),
      new Date(Date.now() - 2 * 86_400_000),
    );
    const fresh = storeUpload(d.dir, { name: 'fresh.csv', dataBase64: 'QUJD' }, new Date());
    sweepOldUploads(d.dir, new Date());
    expect(() => findUpload(d.dir, old.fileId)).toThrow(/no longer there/);
    expect(findUpload(d.dir, fresh.fileId).size).toBe(3);
  });

  it('cancels a running import (the database is left as it was) and lets only one import write at a time', async () => {
    const big = await upload(bigCsv(150_000), 'big.csv');
    const small = await upload(plainSheet);
    const before = snapshot(d.app.db);
    let cancelled = false;
    d.app.events.subscribe((name, payload) => {
      if (name === 'import:progress' && !cancelled) {
        cancelled = true;
        void d.app.dispatch('contacts:importCancel', { importId: (payload as { importId: string }).importId });
      }
    });
    const { importId } = await d.call('contacts:importRun', { fileId: big.fileId, options: US });
    expect(await d.fails('contacts:importRun', { fileId: small.fileId, options: US })).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Another import is running'),
    });
    const job = await finished(importId);
    expect(job).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
    expect(d.events.find((e) => e.name === 'import:finished')?.payload).toMatchObject({
      importId,
      state: 'cancelled',
      report: null,
    });
    expect(await d.call('contacts:importCancel', { importId })).toEqual({ cancelled: false });
    const after = snapshot(d.app.db);
    expect(after.audit_log).toMatchObject([{ action: 'import.start', subject: importId }]);
    delete after.audit_log;
    delete before.audit_log;
    expect(after).toEqual(before);
    // The file stays for another try.
    expect(findUpload(d.dir, big.fileId).name).toBe('big.csv');
  });
});
