import { parse as csvParse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectTerminator,
  parseCsv,
  parseCsvRecords,
  toCsvLine,
  type LineTerminator,
} from '../../../electron/contacts/import/csv-parser';
import { CsvRecordScanner, type ScanItem } from '../../../electron/contacts/import/csv-scanner';
import { detectDelimiter, detectFormat, sepLine } from '../../../electron/contacts/import/sniff';

/** Feeds text to a scanner in the given piece sizes, then parses what it hands out. */
function scanAndParse(text: string, delimiter: string, terminator: LineTerminator, sizes: number[], chunkRows = 3) {
  const scanner = new CsvRecordScanner(delimiter, terminator, 1, chunkRows, 50);
  const items: ScanItem[] = [];
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const n = Math.max(1, sizes[k++ % sizes.length]);
    scanner.push(text.slice(i, i + n), items);
    i += n;
  }
  scanner.finish(items);
  const rows: { row: number; fields?: string[]; broken?: string }[] = [];
  for (const it of items) {
    if (it.kind === 'broken') rows.push({ row: it.row, broken: it.raw });
    else {
      const recs = parseCsvRecords(it.text, delimiter, terminator);
      expect(recs.length).toBe(it.count);
      recs.forEach((fields, j) => rows.push({ row: it.firstRow + j, fields }));
    }
  }
  return rows;
}

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, quotes and line breaks inside', () => {
    expect(parseCsvRecords('a,"b,c","say ""hi""","two\nlines"\r\nx,y\n', ',')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['x', 'y'],
    ]);
  });

  it('keeps blank lines as empty records and allows ragged rows', () => {
    expect(parseCsvRecords('a,b,c\n\nd\ne,f,g,h\n', ',')).toEqual([['a', 'b', 'c'], [''], ['d'], ['e', 'f', 'g', 'h']]);
  });

  it('treats a quote inside an unquoted field as a character, and keeps text after a closing quote', () => {
    expect(parseCsvRecords('5" tall,"x"y z,"a""b"\n', ',')).toEqual([['5" tall', 'xy z', 'a"b']]);
  });

  it('reads a trailing delimiter as an empty last field and a last line without a line break', () => {
    expect(parseCsvRecords('a,b,\r\nc,d', ',')).toEqual([
      ['a', 'b', ''],
      ['c', 'd'],
    ]);
  });

  it('reads old Mac files that end lines with CR only', () => {
    const text = 'a;b\r"c\rd";e\r';
    expect(detectTerminator(text)).toBe('\r');
    expect(parseCsvRecords(text, ';', '\r')).toEqual([
      ['a', 'b'],
      ['c\rd', 'e'],
    ]);
  });

  it('reports where each record starts and ends', () => {
    const spans: [number, number][] = [];
    parseCsv('ab,c\n"d\ne"\n', ',', '\n', (_f, s, e) => void spans.push([s, e]));
    expect(spans).toEqual([
      [0, 5],
      [5, 11],
    ]);
  });

  it('reads well-formed files exactly as csv-parse does', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'é', '😀', ' ', ',', ';', '\t', '"', '\n', '\r\n', 'x'),
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (rows, delimiter, eol, quoteAll) => {
          // csv-parse drops lines that are entirely empty; our reader keeps them as blank rows, which the import skips.
          const records = rows.filter((r) => !(r.length === 1 && r[0] === ''));
          const text = records
            .map((r) =>
              r
                .map((f) => (quoteAll || /[",;\t\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f))
                .join(delimiter),
            )
            .join(eol);
          const expected = csvParse(text, {
            delimiter,
            relax_column_count: true,
            relax_quotes: true,
            record_delimiter: eol,
          });
          expect(parseCsvRecords(text, delimiter, '\n')).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('CsvRecordScanner', () => {
  it('cuts text into whole records with their row numbers, whatever the piece sizes', () => {
    const text = 'a,"b\nc"\n\nd,e\r\n"f""",g\nh';
    const whole = parseCsvRecords(text, ',');
    for (const sizes of [[1], [2, 3], [100]]) {
      const rows = scanAndParse(text, ',', '\n', sizes);
      expect(rows.map((r) => r.fields)).toEqual(whole);
      expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('agrees with the parser on any text, including broken quoting', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ';', ' '), maxLength: 80 }),
        fc.array(fc.integer({ min: 1, max: 13 }), { minLength: 1, maxLength: 4 }),
        (text, sizes) => {
          const rows = scanAndParse(text, ',', '\n', sizes);
          // Rows are numbered 1..n without gaps, and every record outside a broken one is what the parser reads.
          expect(rows.map((r) => r.row)).toEqual(rows.map((_, i) => i + 1));
          if (!rows.some((r) => r.broken !== undefined))
            expect(rows.map((r) => r.fields)).toEqual(parseCsvRecords(text, ',', '\n'));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reports a quote that never closes as one broken row and reads on from the next line', () => {
    const rows = scanAndParse('a,b\n"oops,c\nd,e\nf,g\n', ',', '\n', [1000]);
    expect(rows).toEqual([
      { row: 1, fields: ['a', 'b'] },
      { row: 2, broken: '"oops,c' },
      { row: 3, fields: ['d', 'e'] },
      { row: 4, fields: ['f', 'g'] },
    ]);
  });

  it('gives up on a quoted field longer than the limit instead of swallowing the file', () => {
    const long = 'x'.repeat(60);
    const rows = scanAndParse(`"${long}\n1,2\n3,4\n`, ',', '\n', [7]);
    // The raw text of the broken row is what had arrived when the limit was passed.
    expect(rows[0].row).toBe(1);
    expect(`"${long}`.startsWith(rows[0].broken!)).toBe(true);
    expect(rows[0].broken!.length).toBeGreaterThan(50);
    expect(rows.slice(1).map((r) => r.fields)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });
});

describe('sniffing', () => {
  it('finds the delimiter outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('Prénom;Nom;CA\nA;"B, C";1,50\nD;E;2,00\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n"x;y"\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('"a,b";c\n"1,2";3\n"4,5";6\n')).toBe(';');
    expect(detectDelimiter('phone\n2125550101\n')).toBe(',');
  });

  it('honours an Excel sep= line', () => {
    expect(sepLine('sep=;\r\nName;Phone\r\n')).toEqual({ delimiter: ';', length: 7 });
    expect(detectDelimiter('sep=\t\nName,Phone\n')).toBe('\t');
    expect(sepLine('Name,Phone\n')).toBeNull();
  });

  it('tells vCard from CSV', () => {
    expect(detectFormat('\r\nBEGIN:VCARD\r\nVERSION:3.0')).toBe('vcard');
    expect(detectFormat('begin:vcard\n')).toBe('vcard');
    expect(detectFormat('Name,Phone\n')).toBe('csv');
  });

  it('writes lines back as CSV', () => {
    expect(toCsvLine(['a', 'b,c', 'say "hi"', 'x\ny'])).toBe('a,"b,c","say ""hi""","x\ny"');
  });
});
