import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPhone } from '../../shared/phone-format';

describe('formatPhone', () => {
  it('shows home numbers in national format and others in international format, never raw E.164', () => {
    expect(formatPhone('+14155550100')).toBe('(415) 555-0100');
    expect(formatPhone('+447400123456')).toBe('+44 7400 123456');
    expect(formatPhone('+447400123456', 'GB')).toBe('07400 123456');
    expect(formatPhone('+14155550100', 'GB')).toBe('+1 415 555 0100');
  });

  it('shows what it cannot read as stored', () => {
    expect(formatPhone('12345')).toBe('12345');
    expect(formatPhone('')).toBe('');
  });

  it('keeps every digit of a US number, whatever the number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 999_999 }),
        (a, b, c, d) => {
          const digits = `${a}${String(b).padStart(2, '0')}${c}${String(d).padStart(6, '0')}`;
          const shown = formatPhone(`+1${digits}`);
          expect(shown.replace(/\D/g, '').replace(/^1/, '')).toBe(digits);
        },
      ),
    );
  });
});
