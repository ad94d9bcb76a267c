import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureRecipient, prepareForAudience } from '../../../shared/templates/audience';
import { GSM_BASIC_CHARACTERS, GSM_EXTENSION_CHARACTERS, isGsmText } from '../../../shared/templates/gsm-charset';
import { applyGsmReplacements } from '../../../shared/templates/gsm-replacements';
import { parseTemplate } from '../../../shared/templates/parse';
import { renderTemplate, type RenderContext } from '../../../shared/templates/render';
import { countSegments } from '../../../shared/templates/segments';

const basicChar = fc.constantFrom(...GSM_BASIC_CHARACTERS);
const gsmChar = fc.constantFrom(...GSM_BASIC_CHARACTERS, ...GSM_EXTENSION_CHARACTERS);
/** A mix that exercises every path: basic, extension, BMP non-GSM, surrogate pairs. */
const anyChar = fc.oneof(
  gsmChar,
  fc.constantFrom('\u0416', '\u2019', '\u00e1', '\u{1F600}', '\u{1F1FA}', '\u20ac'),
  fc.string({ unit: 'binary', maxLength: 1 }),
);
const messageText = fc.array(anyChar, { maxLength: 400, size: 'max' }).map((chars) => chars.join(''));

describe('segment counting properties', () => {
  it('never decreases as a message grows', () => {
    fc.assert(
      fc.property(messageText, anyChar, (text, extra) => {
        expect(countSegments(text + extra).segments).toBeGreaterThanOrEqual(countSegments(text).segments);
      }),
    );
  });

  it('never reports UCS-2 for GSM-only text, and counts septets exactly', () => {
    fc.assert(
      fc.property(fc.array(gsmChar, { maxLength: 700, size: 'max' }), (chars) => {
        const text = chars.join('');
        const count = countSegments(text);
        const septets = chars.reduce((sum, c) => sum + (GSM_EXTENSION_CHARACTERS.includes(c) ? 2 : 1), 0);
        expect(count.encoding).toBe('GSM-7');
        expect(count.ucs2Characters).toEqual([]);
        expect(count.units).toBe(septets);
        expect(count.characters).toBe(chars.length);
      }),
    );
  });

  it('matches the 160/153 formula for basic GSM text', () => {
    fc.assert(
      fc.property(fc.array(basicChar, { maxLength: 1000, size: 'max' }), (chars) => {
        const n = chars.length;
        const expected = n === 0 ? 0 : n <= 160 ? 1 : Math.ceil(n / 153);
        expect(countSegments(chars.join('')).segments).toBe(expected);
      }),
    );
  });

  it('matches the 70/67 formula for UCS-2 text without surrogate pairs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.array(basicChar, { maxLength: 300, size: 'max' }), (n, rest) => {
        const text = '\u0416' + rest.join('') + '\u0416'.repeat(n - 1);
        const units = text.length;
        expect(countSegments(text)).toMatchObject({
          encoding: 'UCS-2',
          units,
          segments: units <= 70 ? 1 : Math.ceil(units / 67),
        });
      }),
    );
  });

  it('reports as UCS-2 characters exactly the ones outside GSM-7', () => {
    fc.assert(
      fc.property(messageText, (text) => {
        const listed = countSegments(text).ucs2Characters;
        for (const { char, position } of listed) {
          expect(text.slice(position, position + char.length)).toBe(char);
          expect(isGsmText(char)).toBe(false);
        }
        const rebuilt = [...text].filter((c) => !isGsmText(c));
        expect(listed.map((c) => c.char)).toEqual(rebuilt);
      }),
    );
  });
});

describe('GSM replacement properties', () => {
  const smartPunctuation = fc.constantFrom(
    '\u2018',
    '\u2019',
    '\u201a',
    '\u201b',
    '\u201c',
    '\u201d',
    '\u201e',
    '\u2013',
    '\u2014',
    '\u2026',
    '\u00a0',
    '\u2009',
    '\u200b',
    '\u2022',
    '\u00ab',
    '\u00bb',
  );

  it('turns smart-punctuation text into GSM-7', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(smartPunctuation, basicChar), { maxLength: 200, size: 'max' }), (chars) => {
        const fixed = applyGsmReplacements(chars.join(''));
        expect(countSegments(fixed).encoding).toBe('GSM-7');
      }),
    );
  });

  it('leaves GSM-7 text untouched', () => {
    fc.assert(
      fc.property(fc.array(gsmChar, { maxLength: 200, size: 'max' }), (chars) => {
        const text = chars.join('');
        expect(applyGsmReplacements(text)).toBe(text);
      }),
    );
  });
});

const templatePiece = fc.constantFrom(
  '{{',
  '}}',
  '{',
  '}',
  'first_name',
  'field:',
  'tier',
  '|',
  ' ',
  'x',
  '\n',
  'Hi ',
  '\u{1F600}',
  '{{first_name|there}}',
  '{{field:tier}}',
  'a'.repeat(70), // long static text, so that rendered messages cross the 160/153 and 70/67 boundaries
);
const templateBody = fc.array(templatePiece, { maxLength: 30, size: 'medium' }).map((parts) => parts.join(''));

describe('parser properties', () => {
  it('covers the body exactly with contiguous tokens', () => {
    fc.assert(
      fc.property(templateBody, (body) => {
        const { tokens, errors } = parseTemplate(body);
        let offset = 0;
        for (const token of tokens) {
          expect(token.start).toBe(offset);
          expect(token.kind === 'text' ? token.text : token.raw).toBe(body.slice(token.start, token.end));
          offset = token.end;
        }
        expect(offset).toBe(body.length);
        for (const error of errors) {
          expect(error.start).toBeGreaterThanOrEqual(0);
          expect(error.end).toBeGreaterThan(error.start);
          expect(error.end).toBeLessThanOrEqual(body.length);
        }
      }),
    );
  });
});

describe('audience measuring properties', () => {
  // Mostly-GSM values with the odd extension character are what make escape pairs land on part boundaries.
  const value = fc.oneof(
    fc.array(gsmChar, { maxLength: 300, size: 'large' }).map((chars) => chars.join('')),
    fc.array(anyChar, { maxLength: 120 }).map((chars) => chars.join('')),
  );
  const context = fc.record({ first: fc.option(value), tier: value }).map(({ first, tier }): RenderContext => ({
    contact: { firstName: first, lastName: null, phone: '+15551234567', email: null, fields: { tier } },
    business: { name: 'Bloom Salon', contact: '' },
  }));

  it('agrees with rendering and counting the whole message', () => {
    fc.assert(
      fc.property(templateBody, context, (body, ctx) => {
        const rendered = renderTemplate(body, ctx).text;
        const expected = countSegments(rendered);
        expect(measureRecipient(prepareForAudience(body), ctx)).toEqual({
          encoding: expected.encoding,
          segments: expected.segments,
          length: rendered.length,
        });
      }),
      { numRuns: 500 },
    );
  });
});
