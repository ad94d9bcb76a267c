import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhoneTable } from '../../../electron/contacts/import/phone-table';

describe('PhoneTable', () => {
  it('behaves like a Map from E.164 numbers to numbers, through many resizes', () => {
    const e164 = fc.oneof(
      fc.integer({ min: 2_000_000_000, max: 9_999_999_999 }).map((n) => `+1${n}`),
      fc.bigInt({ min: 10_000_000n, max: 999_999_999_999_999n }).map((n) => `+${n}`),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(e164, fc.integer({ min: 0, max: 2 ** 40 })), { maxLength: 3000 }), (ops) => {
        const table = new PhoneTable(ops.length % 3 === 0 ? 0 : ops.length);
        const map = new Map<string, number>();
        for (const [phone, value] of ops) {
          expect(table.get(phone)).toBe(map.get(phone));
          table.set(phone, value);
          map.set(phone, value);
        }
        expect(table.size).toBe(map.size);
        for (const [phone, value] of map) expect(table.get(phone)).toBe(value);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps 200,000 numbers', () => {
    const table = new PhoneTable();
    for (let i = 0; i < 200_000; i++) table.set(`+1212${String(i * 37).padStart(7, '0')}`, i);
    expect(table.size).toBe(200_000);
    for (let i = 0; i < 200_000; i += 997) expect(table.get(`+1212${String(i * 37).padStart(7, '0')}`)).toBe(i);
    expect(table.get('+12129999999')).toBeUndefined();
  });

  it('refuses something that is not an E.164 number', () => {
    expect(() => new PhoneTable().set('212-555', 1)).toThrow(/not an E.164 number/);
  });
});
