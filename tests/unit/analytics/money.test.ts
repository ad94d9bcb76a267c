import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMicros, formatMoney, fromMinor, microsToMinor, parseAmount, toMicros } from '../../../shared/analytics';

describe('money', () => {
  it('keeps a price per segment exact and rounds only the total: 60 texts at $0.0079 are $0.47', () => {
    const cost = 60 * toMicros(0.0079);
    expect(cost).toBe(474_000);
    expect(microsToMinor(cost, 'USD')).toBeCloseTo(47.4, 10);
    expect(fromMinor(microsToMinor(cost, 'USD'), 'USD')).toBe(0.47);
    expect(formatMoney(microsToMinor(cost, 'USD'), 'USD', 'en-US')).toBe('$0.47');
    expect(formatMicros(toMicros(0.0079), 'USD', 'en-US')).toBe('$0.0079');
    expect(fromMinor(microsToMinor(60 * toMicros(1.2), 'JPY'), 'JPY')).toBe(72);
  });

  it('for any count of texts and any price of up to four decimals, the total is the exact cost rounded once, half up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        (texts, tenThousandths) => {
          const shown = fromMinor(microsToMinor(texts * toMicros(tenThousandths / 10_000), 'USD'), 'USD');
          // texts × price in ten-thousandths of a dollar, to whole cents by integer arithmetic.
          const cents = Math.floor((texts * tenThousandths + 50) / 100);
          expect(shown).toBe(Number((cents / 100).toFixed(2)));
        },
      ),
    );
    expect(fromMinor(microsToMinor(25 * toMicros(0.019), 'USD'), 'USD')).toBe(0.48);
    expect(formatMoney(47.5, 'USD', 'en-US')).toBe('$0.48');
  });

  it('reads amounts as shops write them and names what is wrong', () => {
    expect(parseAmount('$1,234.50', 'USD')).toEqual({ ok: true, minor: 123_450 });
    expect(parseAmount('1.234,50', 'USD')).toEqual({ ok: true, minor: 123_450 });
    expect(parseAmount('-$45.00', 'USD')).toEqual({ ok: true, minor: -4_500 });
    expect(parseAmount('₿12.00', 'USD')).toEqual({ ok: false, reason: 'unknown currency symbol "₿" in "₿12.00"' });
    expect(parseAmount('€30,00', 'USD')).toEqual({
      ok: false,
      reason: 'amount "€30,00" is in EUR, not the business currency USD',
    });
    expect(parseAmount('XYZ 12', 'USD')).toEqual({ ok: false, reason: 'unknown currency "XYZ" in "XYZ 12"' });
    expect(parseAmount('abc', 'USD')).toEqual({ ok: false, reason: '"abc" is not an amount' });
  });
});
