import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { tempDb } from '../../helpers/db';
import { previewImport, runImport } from '../../../electron/contacts/import';
import { readCsvFileCapped, type CsvFileItem } from '../../../electron/contacts/import/capped-csv';
import { parseVcards } from '../../../electron/contacts/import/vcard';

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

const now = () => new Date('2026-03-01T10:00:00.000Z');
const US = { defaultCountry: 'US', onDuplicate: 'skip' } as const;
const MB = 1024 * 1024;

function file(name: string, text: string): string {
  const path = join(t.dir, name);
  writeFileSync(path, text);
  return path;
}

/** The error a promise fails with (it must fail). */
async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a failure');
}

async function readAll(path: string): Promise<CsvFileItem[]> {
  const items: CsvFileItem[] = [];
  for await (const item of readCsvFileCapped(path)) items.push(item);
  return items;
}

const oneLine = (chars: number) =>
  '2125550100,Ana García,ana@example.com,VIP,'.repeat(Math.ceil(chars / 43)).slice(0, chars);

describe('size limits of an import file', () => {
  it('a file that is one 3 MB line is refused at its header, by the import and its preview', async () => {
    const path = file('one-line.csv', oneLine(3 * MB));
    const expected = {
      code: 'invalid_input',
      message: expect.stringContaining('"one-line.csv": the header row is longer than 1 MB'),
    };
    expect(await failure(runImport(t.path, path, US, { now }))).toEqual(expected);
    expect(await failure(previewImport(t.path, path, US, { now }))).toEqual(expected);
    expect(await failure(readAll(path))).toEqual(expected);
    expect(t.db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
  });

  it('a row longer than 1 MB stops the import with its row number; nothing is written', async () => {
    const path = file('long-row.csv', `Phone,Name\n2125550100,Ana\n2125550101,Bob\n${oneLine(2 * MB)}`);
    const e = await failure(runImport(t.path, path, US, { now }));
    expect(e).toEqual({
      code: 'invalid_input',
      message: expect.stringContaining('"long-row.csv": row 3 is longer than 1 MB, the most one row may hold'),
    });
    expect(t.db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
  });

  it('a cell over 64 KB stops the import naming its row and column', async () => {
    const path = file(
      'big-cell.csv',
      `Phone,Name,Notes\n2125550100,Ana,short\n2125550101,Bob,"${'x'.repeat(70_000)}"\n`,
    );
    const e = await failure(runImport(t.path, path, US, { now }));
    expect(e).toEqual({
      code: 'invalid_input',
      message: expect.stringContaining('"big-cell.csv": row 2, column 3 holds more than 64 KB'),
    });
    expect(await failure(readAll(path))).toEqual(e);
  });

  it('more than 1,000 columns are refused, pointing at the separator', async () => {
    const path = file('wide.csv', `${Array.from({ length: 1500 }, (_, i) => `c${i}`).join(',')}\n`);
    expect((await failure(readAll(path))).message).toContain(
      '"wide.csv" has 1,500 columns; at most 1,000 can be imported. Check the separator',
    );
  });

  it('readCsvFileCapped reads an ordinary file: header, records with their row numbers, broken quotes', async () => {
    const path = file(
      'orders.csv',
      'Order,Phone,Total\r\n1001,2125550100,"12,50"\r\n\r\n1002,"2125550101,9\r\n1003,2125550102,3\r\n',
    );
    const items = await readAll(path);
    expect(items[0]).toMatchObject({
      kind: 'header',
      headers: ['Order', 'Phone', 'Total'],
      detected: { delimiter: ',' },
    });
    expect(items.slice(1)).toEqual([
      { kind: 'record', row: 1, fields: ['1001', '2125550100', '12,50'] },
      { kind: 'broken', row: 3, raw: '1002,"2125550101,9' },
      { kind: 'record', row: 4, fields: ['1003', '2125550102', '3'] },
    ]);
  });
});

describe('size limits of a vCard file', () => {
  const card = (body: string) =>
    `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nTEL;TYPE=CELL:2125550100\r\n${body}END:VCARD\r\n`;

  it('a value over 1 MB is refused naming the card', async () => {
    const path = file('long.vcf', card('') + card(`NOTE:${'n'.repeat(2 * MB)}\r\n`));
    const e = await failure(runImport(t.path, path, US, { now }));
    expect(e).toEqual({
      code: 'invalid_input',
      message: expect.stringContaining('"long.vcf": card 2 is longer than 1 MB'),
    });
  });

  it('a photo of several megabytes, folded or on one line, is dropped as it streams by', () => {
    const folded = `PHOTO;ENCODING=b;TYPE=JPEG:${'A'.repeat(74)}\r\n${' QUFB\r\n'.repeat(600_000)}`;
    const oneLinePhoto = `item1.PHOTO:data:image/jpeg;base64,${'B'.repeat(3 * MB)}\r\n`;
    const cards = parseVcards(card(folded) + card(oneLinePhoto) + card('NOTE:fine\r\n'));
    expect(cards).toHaveLength(3);
    expect(cards.every((c) => c.join('').length < 200)).toBe(true);
  });
});
