import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { withoutContactDetails } from '../../../electron/ai/privacy';

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const usNumber = fc
  .tuple(fc.integer({ min: 2, max: 9 }), fc.array(digit, { minLength: 9, maxLength: 9 }))
  .map(([first, rest]) => `${first}${rest.join('')}`);
const FORMATS: Array<(n: string) => string> = [
  (n) => n,
  (n) => `+1${n}`,
  (n) => `+1 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
  (n) => `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`,
  (n) => `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}`,
  (n) => `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`,
  (n) => `1 (${n.slice(0, 3)}) ${n.slice(3, 6)} ${n.slice(6)}`,
  (n) => `${n.slice(3, 6)}-${n.slice(6)}`,
];
const words = fc.string({ unit: fc.constantFrom(...'abcdefghij klmnop,!?ÉéñÑ\'"'.split('')), maxLength: 40 });

describe('withoutContactDetails', () => {
  it('leaves no digit of a phone number however it is written, wherever it is in the reply', () => {
    fc.assert(
      fc.property(
        words,
        usNumber,
        fc.integer({ min: 0, max: FORMATS.length - 1 }),
        words,
        (before, number, format, after) => {
          const out = withoutContactDetails(`${before} ${FORMATS[format](number)} ${after}`);
          expect(out).not.toMatch(/\d/);
          expect(out).toContain('[number]');
          expect(out.startsWith(`${before} `)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('replaces e-mail addresses and keeps the sentence around them', () => {
    expect(withoutContactDetails('Mail ana.reyes+shop@example.co.uk, or Ben at b@x.io.')).toBe(
      'Mail [email], or Ben at [email].',
    );
  });

  it('keeps short numbers that are not phone numbers: dates, times, prices, quantities', () => {
    const text = 'Can I get 2 dozen roses for the 14th at 10:30, under $45.99? Order 123456';
    expect(withoutContactDetails(text)).toBe(text);
  });
});
