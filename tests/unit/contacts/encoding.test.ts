import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, FileTextDecoder } from '../../../electron/contacts/import/encoding';

const SAMPLE = 'Name,Phone\r\nJosé Muñoz,2125550101\r\nZoë Ünal 🎉,+44 7911 123456\r\n';

function decodeInPieces(bytes: Buffer, sizes: number[]): { text: string; encoding: string; bom: boolean } {
  const d = new FileTextDecoder();
  let text = '';
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = Math.max(1, sizes[k++ % sizes.length]);
    text += d.write(bytes.subarray(i, i + n));
    i += n;
  }
  return { text: text + d.end(), encoding: d.encoding, bom: d.bom };
}

describe('FileTextDecoder', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeBytes(Buffer.from(SAMPLE, 'utf8'))).toEqual({ text: SAMPLE, encoding: 'utf-8', bom: false });
    expect(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]))).toEqual({
      text: SAMPLE,
      encoding: 'utf-8',
      bom: true,
    });
  });

  it('reads UTF-16 LE and BE by their BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SAMPLE, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SAMPLE, 'utf-16be')]);
    expect(decodeBytes(le)).toEqual({ text: SAMPLE, encoding: 'utf-16le', bom: true });
    expect(decodeBytes(be)).toEqual({ text: SAMPLE, encoding: 'utf-16be', bom: true });
  });

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    expect(decodeBytes(iconv.encode(SAMPLE, 'utf-16le')).encoding).toBe('utf-16le');
    expect(decodeBytes(iconv.encode(SAMPLE, 'utf-16be')).text).toBe(SAMPLE);
  });

  it('reads Windows-1252 when the bytes are not valid UTF-8', () => {
    const text = 'Name\r\nJosé Muñoz\r\nHélène Dupré – “quoted”\r\nJürgen €5\r\n';
    expect(decodeBytes(iconv.encode(text, 'windows-1252'))).toEqual({ text, encoding: 'windows-1252', bom: false });
  });

  it('decides on the first non-ASCII chunk even when it comes late in the file', () => {
    const ascii = 'a'.repeat(100_000);
    const bytes = Buffer.concat([Buffer.from(ascii), iconv.encode('é\n', 'windows-1252')]);
    expect(decodeInPieces(bytes, [4096])).toEqual({ text: `${ascii}é\n`, encoding: 'windows-1252', bom: false });
  });

  it('does not mistake a UTF-8 character cut between two chunks for Windows-1252', () => {
    const bytes = Buffer.from('ab€', 'utf8');
    expect(decodeInPieces(bytes, [3, 1, 1])).toEqual({ text: 'ab€', encoding: 'utf-8', bom: false });
  });

  it('keeps any text intact, in any encoding, however the bytes are split', () => {
    const encodings = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'] as const;
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
        fc.constantFrom(...encodings),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        (text, enc, sizes) => {
          // A leading U+FEFF would be read as a BOM: files cannot start with one as data either.
          fc.pre(!text.startsWith('\uFEFF'));
          const bytes =
            enc === 'utf-8'
              ? Buffer.from(text, 'utf8')
              : enc === 'utf-8-bom'
                ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
                : Buffer.concat([
                    Buffer.from(enc === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]),
                    iconv.encode(text, enc),
                  ]);
          expect(decodeInPieces(bytes, sizes).text).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps Latin-1 letters intact from Windows-1252 however the bytes are split', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abcéüñÉÜÑçàè ,;\n'.split('')), minLength: 1, maxLength: 100 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }),
        (text, sizes) => {
          // eslint-disable-next-line no-control-regex -- "any non-ASCII character" is exactly this range
          fc.pre(/[^\x00-\x7f]/.test(text));
          const r = decodeInPieces(iconv.encode(text, 'windows-1252'), sizes);
          expect(r.text).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
