import { describe, expect, it } from 'vitest';
import { isGsmText } from '../../../shared/templates/gsm-charset';
import { applyGsmReplacements, gsmReplacementFor, gsmReplacements } from '../../../shared/templates/gsm-replacements';
import { countSegments } from '../../../shared/templates/segments';

describe('gsmReplacements', () => {
  it('suggests plain stand-ins for smart punctuation, with positions', () => {
    const text = '\u201cWe\u2019re open\u201d \u2014 9\u20135\u2026';
    expect(gsmReplacements(text)).toEqual([
      { char: '\u201c', position: 0, replacement: '"', kind: 'punctuation' },
      { char: '\u2019', position: 3, replacement: "'", kind: 'punctuation' },
      { char: '\u201d', position: 11, replacement: '"', kind: 'punctuation' },
      { char: '\u2014', position: 13, replacement: '-', kind: 'punctuation' },
      { char: '\u2013', position: 16, replacement: '-', kind: 'punctuation' },
      { char: '\u2026', position: 18, replacement: '...', kind: 'punctuation' },
    ]);
  });

  it.each([
    ['\u2018', "'"],
    ['\u2019', "'"],
    ['\u201a', "'"],
    ['\u201c', '"'],
    ['\u201d', '"'],
    ['\u201e', '"'],
    ['\u2013', '-'],
    ['\u2014', '-'],
    ['\u2026', '...'],
    ['\u00a0', ' '],
    ['\u202f', ' '],
    ['\u200b', ''],
    ['\ufeff', ''],
    ['\t', ' '],
    ['\u00e1', 'a'],
    ['\u00e7', 'c'],
  ])('replaces %j with %j', (char, replacement) => {
    expect(gsmReplacementFor(char)?.replacement).toBe(replacement);
    expect(applyGsmReplacements(`x${char}y`)).toBe(`x${replacement}y`);
  });

  it('turns a UCS-2 message into a GSM-7 one with fewer segments', () => {
    const text = `Hi! We\u2019re open late tonight \u2014 come by\u2026 ${'a'.repeat(100)}`;
    expect(countSegments(text)).toMatchObject({ encoding: 'UCS-2', segments: 3 });
    const fixed = applyGsmReplacements(text);
    expect(fixed).toBe(`Hi! We're open late tonight - come by... ${'a'.repeat(100)}`);
    expect(countSegments(fixed)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('leaves characters without a stand-in (emoji) and GSM accents as they are', () => {
    expect(gsmReplacements('caf\u00e9 \u00f1 \u{1F600}')).toEqual([]);
    expect(applyGsmReplacements('caf\u00e9 \u{1F600}')).toBe('caf\u00e9 \u{1F600}');
  });

  it('can keep accented letters (names) while fixing punctuation', () => {
    expect(applyGsmReplacements('Jos\u00e1 \u2014 hi', { kinds: ['punctuation', 'whitespace'] })).toBe(
      'Jos\u00e1 - hi',
    );
  });

  it('only replaces characters outside GSM-7, and always with GSM-7 text', () => {
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      const entry = gsmReplacementFor(char);
      if (!entry) continue;
      expect(isGsmText(char), `U+${code.toString(16)}`).toBe(false);
      expect(isGsmText(entry.replacement), `U+${code.toString(16)}`).toBe(true);
    }
  });
});
