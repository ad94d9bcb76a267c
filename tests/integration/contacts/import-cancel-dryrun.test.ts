import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { tempDb } from '../../helpers/db';
import {
  previewImport,
  recoverInterruptedImports,
  runImport,
  type ImportOptions,
  type ImportProgress,
} from '../../../electron/contacts/import';
import { listImports } from '../../../electron/contacts/import/history';
import { at, snapshot } from './import-helpers';

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

const now = at('2025-03-01T12:00:00.000Z');
const options: ImportOptions = { defaultCountry: 'US', onDuplicate: 'update', tags: ['spring'] };

/** n rows of distinct valid numbers, the first ones matching the seeded contacts, plus some invalid and duplicate rows. */
function bigFile(n: number): string {
  const lines = ['First Name,Phone,Tags,Tier'];
  for (let i = 0; i < n; i++) {
    const phone =
      i % 50 === 49
        ? '555-12'
        : i % 20 === 19
          ? `212${String(2000000 + i - 1).padStart(7, '0')}`
          : `212${String(2000000 + i).padStart(7, '0')}`;
    lines.push(`Zoë ${i},${phone},${i % 3 ? 'VIP' : ''},${i % 2 ? 'gold' : ''}`);
  }
  const path = join(t.dir, 'big.csv');
  writeFileSync(path, lines.join('\n'));
  return path;
}

async function seed() {
  const seedCsv = 'First Name,Phone,Tier\nAnna,2122000000,bronze\nBob,2122000001,\n';
  await runImport(
    t.path,
    new Uint8Array(Buffer.from(seedCsv)),
    { ...options, fileName: 'seed.csv', tags: [] },
    { now, rowWorkers: 1 },
  );
}

describe('cancel', () => {
  it('stops a running import and leaves the database exactly as it was', async () => {
    await seed();
    const file = bigFile(120_000);
    const before = snapshot(t.db);
    const controller = new AbortController();
    let writtenWhenCancelled = 0;
    let error: unknown;
    try {
      await runImport(t.path, file, options, {
        now,
        signal: controller.signal,
        onProgress: () => {
          if (controller.signal.aborted) return;
          writtenWhenCancelled = t.db.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
          controller.abort();
        },
      });
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe('cancelled');
    // Batches had been committed when the user cancelled; all of them were taken back.
    expect(writtenWhenCancelled).toBeGreaterThan(2);
    expect(writtenWhenCancelled).toBeLessThan(100_000);
    expect(snapshot(t.db)).toEqual(before);
  });

  it('does nothing when the signal is already aborted', async () => {
    const before = snapshot(t.db);
    const controller = new AbortController();
    controller.abort();
    await expect(runImport(t.path, bigFile(10), options, { now, signal: controller.signal })).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(snapshot(t.db)).toEqual(before);
  });

  it('an import cut off by a crash is reverted at the next start', async () => {
    await seed();
    const before = snapshot(t.db);
    // What a killed app leaves behind: an import still marked running, with part of its rows written.
    t.db
      .prepare(
        `INSERT INTO imports (id, file_name, status, options_json, started_at) VALUES ('crashed', 'big.csv', 'running', '{}', '2025-03-01T12:00:00.000Z')`,
      )
      .run();
    t.db
      .prepare(
        `INSERT INTO contacts (phone, source, created_at, updated_at, import_id) VALUES ('+12125559999', 'import', 'x', 'x', 'crashed')`,
      )
      .run();

    const reports = recoverInterruptedImports(t.db, at('2025-03-01T13:00:00.000Z'));
    expect(reports.map((r) => [r.importId, r.removed])).toEqual([['crashed', 1]]);
    expect(listImports(t.db)[0]).toMatchObject({ id: 'crashed', status: 'interrupted' });
    const after = snapshot(t.db);
    for (const s of [after, before]) {
      delete s.imports;
    }
    expect(after).toEqual(before);
  });
});

describe('dry run', () => {
  it('writes nothing and predicts exactly what the real import does', async () => {
    await seed();
    const file = bigFile(3_000);
    const before = snapshot(t.db);
    const dry = await runImport(t.path, file, options, { now, dryRun: true });
    expect(snapshot(t.db)).toEqual(before);
    expect(dry.dryRun).toBe(true);
    // 60 rows carry an invalid number; 120 repeat the number of the row before; 2 match the seeded contacts.
    expect(dry.counts).toEqual({
      rows: 3000,
      imported: 2818,
      updated: 2,
      unchanged: 0,
      duplicates: 120,
      invalid: 60,
      notTextable: 0,
    });

    const progress: ImportProgress[] = [];
    const real = await runImport(t.path, file, options, { now, onProgress: (p) => progress.push(p) });
    expect(real.counts).toEqual(dry.counts);
    expect(real.rejects).toEqual(dry.rejects);
    expect(progress.map((p) => p.rowsRead)).toEqual([...progress.map((p) => p.rowsRead)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({
      importId: real.importId,
      rowsRead: 3000,
      bytesRead: statSync(file).size,
      totalBytes: statSync(file).size,
    });
  });

  it('previewImport shows the mapping, the first rows and the whole-file counts', async () => {
    await seed();
    const file = bigFile(500);
    const before = snapshot(t.db);
    const p = await previewImport(t.path, file, options, { now });
    expect(snapshot(t.db)).toEqual(before);
    expect(p.headers).toEqual(['First Name', 'Phone', 'Tags', 'Tier']);
    expect(p.mapping.map((m) => m.target)).toEqual(['first_name', 'phone', 'tags', 'custom:tier']);
    expect(p.customFields).toEqual([{ header: 'Tier', key: 'tier', label: 'Tier' }]);
    expect(p.sampleRows).toHaveLength(20);
    expect(p.sampleRows[1]).toMatchObject({
      row: 2,
      phone: '+12122000001',
      firstName: 'Zoë 1',
      lastName: '',
      tags: ['VIP'],
      custom: { tier: 'gold' },
    });
    expect(p.counts).toMatchObject({ rows: 500, updated: 2, invalid: 10 });
    expect(p.rejects[0]).toEqual({ row: 50, reason: 'invalid phone for US: "555-12"' });
    expect(p.problem).toBeNull();
  });

  it('previewImport explains a file with no phone column instead of failing', async () => {
    const p = await previewImport(
      t.path,
      new Uint8Array(Buffer.from('Name,Email\nAnn,a@example.com\n')),
      { ...options, fileName: 'x.csv' },
      { now },
    );
    expect(p.problem).toMatch(/No column with phone numbers/);
    expect(p.counts).toBeNull();
  });
});
