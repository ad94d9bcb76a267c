import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { tempDb } from '../../helpers/db';
import { executeImport } from '../../../electron/contacts/import/execute';
import { validateImportOptions } from '../../../electron/contacts/import/options';
import { inlineRowPool } from '../../../electron/contacts/import/rows';
import { inlineRowSource } from '../../../electron/contacts/import/read-rows';
import { runImport, type ImportOptions } from '../../../electron/contacts/import';
import { contactsByPhone } from './import-helpers';
import { cleanName } from '../../../shared/contacts/names';

/**
 * Whatever a spreadsheet program does to a file — delimiter, quoting, line endings, encoding, blank lines — every
 * row with a valid number arrives, every other row is reported with its row number, and nothing crashes.
 * These runs use the import pipeline in this thread (the same code the workers run) so hundreds of files fit in
 * a test; one check compares it with the worker threads.
 */

const AREAS = ['212', '646', '415', '305', '312', '617'];
const validDigits = fc
  .tuple(fc.constantFrom(...AREAS), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }))
  .map(([a, x, l]) => `${a}${x}${String(l).padStart(4, '0')}`);
const formatted = (d: string, style: number) =>
  [
    `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
    `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
    `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
    d,
    `1.${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`,
  ][style];

const anyChar = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 });
const text = fc.string({
  unit: fc.oneof(fc.constantFrom(',', ';', '\t', '"', '\n', '\r\n', ' ', 'é', 'ü', 'ñ', '😀', 'ß'), anyChar),
  maxLength: 12,
});
const row = fc.record({
  name: text,
  digits: validDigits,
  style: fc.integer({ min: 0, max: 4 }),
  invalid: fc.constantFrom(null, null, null, null, null, null, null, '555-12', '12', 'n/a'),
  note: text,
  blankBefore: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
});
const layout = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t'),
  eol: fc.constantFrom('\n', '\r\n'),
  quoteAll: fc.boolean(),
  trailingEol: fc.boolean(),
  encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'),
});

type Row = typeof row extends fc.Arbitrary<infer R> ? R : never;
type Layout = typeof layout extends fc.Arbitrary<infer L> ? L : never;

function serialize(rows: Row[], l: Layout): { bytes: Uint8Array; rowNumbers: number[] } {
  const cell = (v: string) =>
    l.quoteAll || v.includes(l.delimiter) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  const lines = [['First Name', 'Phone', 'Notes'].map(cell).join(l.delimiter)];
  const rowNumbers: number[] = [];
  for (const r of rows) {
    if (r.blankBefore) lines.push('');
    lines.push([r.name, r.invalid ?? formatted(r.digits, r.style), r.note].map(cell).join(l.delimiter));
    rowNumbers.push(lines.length - 1);
  }
  const body = lines.join(l.eol) + (l.trailingEol ? l.eol : '');
  const bytes =
    l.encoding === 'utf-8'
      ? Buffer.from(body, 'utf8')
      : l.encoding === 'utf-8-bom'
        ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')])
        : Buffer.concat([
            Buffer.from(l.encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]),
            iconv.encode(body, l.encoding),
          ]);
  return { bytes: new Uint8Array(bytes), rowNumbers };
}

const OPTIONS: ImportOptions = { defaultCountry: 'US', onDuplicate: 'skip', fileName: 'generated.csv' };

function importInline(dbPath: string, bytes: Uint8Array, options: ImportOptions = OPTIONS) {
  const valid = validateImportOptions(options);
  return executeImport(
    { dbPath, options: valid, importId: `imp-${Math.random()}`, dryRun: false },
    {
      now: async () => '2025-03-01T12:00:00.000Z',
      onProgress: () => {},
      isCancelled: () => false,
      openSource: () => inlineRowSource({ source: bytes, options: valid }, inlineRowPool),
    },
  );
}

describe('import of generated files', () => {
  it('keeps every valid row and reports every invalid one with its row number', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), layout, async (rows, l) => {
        const t = await tempDb();
        try {
          const { bytes, rowNumbers } = serialize(rows, l);
          const report = await importInline(t.path, bytes);
          const firstByPhone = new Map<string, Row>();
          rows.forEach((r) => {
            if (!r.invalid && !firstByPhone.has(`+1${r.digits}`)) firstByPhone.set(`+1${r.digits}`, r);
          });
          const contacts = contactsByPhone(t.db);
          expect(Object.keys(contacts).sort()).toEqual([...firstByPhone.keys()].sort());
          for (const [phone, r] of firstByPhone) {
            // Names are stored cleaned (control and bidi characters out, line breaks as spaces): tests/unit/contacts/names.test.ts.
            expect(contacts[phone].first_name).toBe(cleanName(r.name) || null);
          }
          const invalidRows = rows.map((r, i) => (r.invalid ? rowNumbers[i] : 0)).filter(Boolean);
          expect(report.rejects.map((x) => x.row)).toEqual(invalidRows);
          const c = report.counts;
          expect(c.rows).toBe(rows.length);
          expect(c.imported + c.updated + c.unchanged + c.duplicates + c.invalid).toBe(c.rows);
        } finally {
          t.cleanup();
        }
      }),
      { numRuns: 80 },
    );
  });

  it('never crashes on broken text under a valid header', async () => {
    const t = await tempDb();
    try {
      const junk = fc.string({
        unit: fc.oneof(fc.constantFrom('"', ',', ';', '\n', '\r', '2125550101', '555', ' '), anyChar),
        maxLength: 200,
      });
      await fc.assert(
        fc.asyncProperty(junk, fc.constantFrom('utf-8', 'latin1'), async (body, enc) => {
          const bytes = new Uint8Array(Buffer.from(`Name,Phone\n${body}`, enc as BufferEncoding));
          try {
            const r = await importInline(t.path, bytes, { ...OPTIONS, onDuplicate: 'update' });
            const c = r.counts;
            expect(c.imported + c.updated + c.unchanged + c.duplicates + c.invalid).toBe(c.rows);
          } catch (e) {
            // The only acceptable failure is one the user can act on, never a crash.
            expect(isAppError(e) && e.code).toBe('invalid_input');
          }
        }),
        { numRuns: 200 },
      );
    } finally {
      t.cleanup();
    }
  });

  it('gives the same contacts through the worker threads', async () => {
    const samples = fc.sample(fc.tuple(fc.array(row, { minLength: 5, maxLength: 40 }), layout), {
      numRuns: 3,
      seed: 7,
    });
    for (const [rows, l] of samples) {
      const inline = await tempDb();
      const workers = await tempDb();
      try {
        const { bytes } = serialize(rows, l);
        const a = await importInline(inline.path, bytes);
        const b = await runImport(workers.path, bytes, OPTIONS, {
          now: () => new Date('2025-03-01T12:00:00.000Z'),
          rowWorkers: 2,
        });
        expect(b.counts).toEqual(a.counts);
        expect(contactsByPhone(workers.db)).toEqual(contactsByPhone(inline.db));
      } finally {
        inline.cleanup();
        workers.cleanup();
      }
    }
  });
});
