import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanName } from '../../../shared/contacts/names';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const hostileChar = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001b',
  '\t',
  '\n',
  '\r',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
);

describe('names are cleaned of control and bidi-override characters', () => {
  it('keeps no such character, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 5 }), hostileChar), { maxLength: 12 }), (parts) => {
        const cleaned = cleanName(parts.join(''));
        expect(FORBIDDEN.test(cleaned)).toBe(false);
        expect(cleaned).toBe(cleaned.trim());
      }),
    );
  });

  it('leaves ordinary names alone and turns line breaks into spaces', () => {
    expect(cleanName('María José')).toBe('María José');
    expect(cleanName('עדי לוי')).toBe('עדי לוי');
    expect(cleanName('\u202Egnp.exe')).toBe('gnp.exe');
    expect(cleanName('Ana\r\nSmith')).toBe('Ana Smith');
    expect(cleanName('An\u0000a \u001b[2Jx')).toBe('Ana [2Jx');
  });

  it('cleans a name the same with or without the whitespace around it (an import trims cells first)', () => {
    expect(cleanName('!  ,\t')).toBe(cleanName('!  ,'));
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.constantFrom(' ', '\t', '\n', '\r\n'), (name, pad) => {
        expect(cleanName(pad + name + pad)).toBe(cleanName(name.trim()));
      }),
    );
  });
});
