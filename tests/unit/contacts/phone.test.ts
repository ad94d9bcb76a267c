import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  choosePhone,
  cleanPhoneCell,
  normalisePhoneUncached,
  PhoneNormaliser,
  usFastPath,
} from '../../../electron/contacts/phone';
import { labelSaysMobile } from '../../../electron/contacts/phone-labels';

describe('PhoneNormaliser', () => {
  const us = new PhoneNormaliser('US');

  it.each([
    ['(212) 555-0101', '+12125550101'],
    ['212-555-0101', '+12125550101'],
    ['212.555.0101', '+12125550101'],
    ['2125550101', '+12125550101'],
    ['1-212-555-0101', '+12125550101'],
    ['+1 212 555 0101', '+12125550101'],
    ["'+12125550101", '+12125550101'],
    ['="2125550101"', '+12125550101'],
    ['tel:+1-212-555-0101', '+12125550101'],
    ['+44 7400 123456', '+447400123456'],
    ['447400123456', '+447400123456'],
  ])('reads %s as %s', (raw, e164) => {
    const r = us.normalise(raw);
    expect(r).toMatchObject({ ok: true, e164 });
  });

  it('names the country and the cell when a number is invalid', () => {
    expect(us.normalise('555-12')).toEqual({ ok: false, reason: 'invalid phone for US: "555-12"' });
    expect(us.normalise(' 555-12 ')).toEqual({ ok: false, reason: 'invalid phone for US: "555-12"' });
    expect(new PhoneNormaliser('FR').normalise('12')).toEqual({ ok: false, reason: 'invalid phone for FR: "12"' });
  });

  it('reports an empty cell as a missing phone', () => {
    expect(us.normalise('   ')).toEqual({ ok: false, reason: 'missing phone' });
    expect(us.normalise("'")).toEqual({ ok: false, reason: 'missing phone' });
  });

  it('uses the row country for national numbers and falls back to the default country', () => {
    expect(us.normalise('07400 123456', 'GB')).toMatchObject({ ok: true, e164: '+447400123456', country: 'GB' });
    expect(us.normalise('(212) 555-0101', 'GB')).toMatchObject({ ok: true, e164: '+12125550101' });
    expect(us.normalise('07400 123456', 'ZZ')).toMatchObject({ ok: false });
  });

  it('refuses a default country libphonenumber does not know', () => {
    expect(() => new PhoneNormaliser('XX')).toThrow(/unsupported default country/);
  });

  it('gives the same answer from its cache as a fresh parse, whatever the formatting', () => {
    const digits = fc.stringMatching(/^[2-9]\d{2}[2-9]\d{6}$/);
    const sep = fc.constantFrom('', ' ', '-', '.', '/', '\u00a0');
    const cell = fc
      .tuple(digits, sep, sep, fc.boolean(), fc.constantFrom('', '+1 ', '1-', '1 '))
      .map(
        ([d, a, b, paren, prefix]) =>
          `${prefix}${paren ? `(${d.slice(0, 3)})` : d.slice(0, 3)}${a}${d.slice(3, 6)}${b}${d.slice(6)}`,
      );
    const shared = new PhoneNormaliser('US');
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 8 }), (cells) => {
        for (const c of cells) {
          const cached = shared.normalise(c);
          const fresh = normalisePhoneUncached(cleanPhoneCell(c), 'US');
          expect(cached.ok).toBe(fresh.ok);
          if (cached.ok && fresh.ok) expect(cached.e164).toBe(fresh.e164);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the US fast path', () => {
  it('answers exactly as libphonenumber parsing does, for every area code, both forms of the prefix and +1', () => {
    let rnd = 7;
    const next = () => (rnd = (Math.imul(rnd, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let fast = 0;
    let compared = 0;
    for (let area = 100; area <= 999; area++) {
      for (let k = 0; k < 24; k++) {
        // exchanges across the whole range, including N11 codes, 555 and ones starting with 0 or 1
        const exchange = k < 4 ? ['555', '211', '011', '100'][k] : String(Math.floor(next() * 1000)).padStart(3, '0');
        const national = `${area}${exchange}${String(Math.floor(next() * 10000)).padStart(4, '0')}`;
        for (const key of [national, `1${national}`, `+1${national}`]) {
          const parsed = normalisePhoneUncached(key, 'US');
          const quick = usFastPath(key);
          compared++;
          if (quick) {
            fast++;
            expect(parsed, key).toEqual(quick);
          } else if (parsed.ok) {
            // the fast path declines only what is not a US number: the parser gives it another +1 country
            expect(parsed.country, key).not.toBe('US');
          }
        }
      }
    }
    expect(compared).toBe(900 * 24 * 3);
    // the fast path really carries the common case (many area codes are not assigned, so far from all)
    expect(fast).toBeGreaterThan(compared / 4);
  });

  it('leaves everything else to the parser', () => {
    expect(usFastPath('2125550101x12')).toBeUndefined();
    expect(usFastPath('4165550123')).toBeUndefined(); // Toronto: valid, but Canadian
    expect(usFastPath('555123')).toBeUndefined();
    expect(usFastPath('+442079460018')).toBeUndefined();
    expect(new PhoneNormaliser('US').normalise('(416) 555-0123')).toMatchObject({
      ok: true,
      e164: '+14165550123',
      country: 'CA',
    });
  });
});

describe('choosePhone', () => {
  const gb = new PhoneNormaliser('GB');

  it('prefers a number labelled mobile, keeping the others', () => {
    const r = choosePhone(
      [
        { raw: '020 7946 0018', mobile: false },
        { raw: '07400 123456', mobile: true },
      ],
      gb,
    );
    expect(r).toEqual({ ok: true, e164: '+447400123456', country: 'GB', others: ['+442079460018'] });
  });

  it('prefers a number libphonenumber knows is mobile when no label says so', () => {
    const r = choosePhone(
      [
        { raw: '020 7946 0018', mobile: false },
        { raw: '07400 123456', mobile: false },
      ],
      gb,
    );
    expect(r).toMatchObject({ ok: true, e164: '+447400123456' });
  });

  it('skips invalid numbers and reports the first invalid one when none is valid', () => {
    expect(
      choosePhone(
        [
          { raw: '12', mobile: true },
          { raw: '07400 123456', mobile: false },
        ],
        gb,
      ),
    ).toMatchObject({ ok: true, e164: '+447400123456' });
    expect(
      choosePhone(
        [
          { raw: '12', mobile: true },
          { raw: '34', mobile: false },
        ],
        gb,
      ),
    ).toEqual({ ok: false, reason: 'invalid phone for GB: "12"' });
  });

  it('merges the same number written twice', () => {
    const r = choosePhone(
      [
        { raw: '07400 123456', mobile: false },
        { raw: '+44 7400 123456', mobile: true },
      ],
      gb,
    );
    expect(r).toEqual({ ok: true, e164: '+447400123456', country: 'GB', others: [] });
  });
});

describe('labelSaysMobile', () => {
  it.each(['Mobile', 'mobile phone', 'Cell', 'iPhone', 'Móvil', 'Handy'])('%s is mobile', (l) =>
    expect(labelSaysMobile(l)).toBe(true),
  );
  it.each(['Home', 'Work', 'Fax', '', null])('%s is not', (l) => expect(labelSaysMobile(l)).toBe(false));
});
