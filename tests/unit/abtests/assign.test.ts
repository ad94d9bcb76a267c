import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignVariant, chiSquareTest, inTestGroup, validateVariants } from '../../../shared/abtests';
import { murmur3 } from '../../../shared/abtests/hash';

const CONTACTS = 20_000;
const contactIds = Array.from({ length: CONTACTS }, (_, i) => i + 1);

describe('murmur3', () => {
  it('matches the published MurmurHash3_x86_32 test vectors, including multi-byte UTF-8', () => {
    const vectors: [string, number, number][] = [
      ['', 0, 0],
      ['', 1, 0x514e28b7],
      ['', 0xffffffff, 0x81f16f39],
      ['\0\0\0\0', 0, 0x2362f9de],
      ['a', 0x9747b28c, 0x7fa09ea6],
      ['ab', 0x9747b28c, 0x74875592],
      ['abc', 0x9747b28c, 0xc84a62dd],
      ['aaaa', 0x9747b28c, 0x5a97808a],
      ['test', 0, 0xba6bd213],
      ['Hello, world!', 0x9747b28c, 0x24884cba],
      ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
      ['ππππππππ', 0x9747b28c, 0xd58063c1],
    ];
    for (const [text, seed, expected] of vectors) expect(murmur3(text, seed), JSON.stringify(text)).toBe(expected);
  });
});

describe('validateVariants', () => {
  it('accepts 2 to 5 variants between 1% and 99% that add up to 100', () => {
    expect(validateVariants([50, 50])).toEqual([]);
    expect(validateVariants([1, 99])).toEqual([]);
    expect(validateVariants([20, 20, 20, 20, 20], 10)).toEqual([]);
    expect(validateVariants([33.3, 33.3, 33.4])).toEqual([]);
  });

  it('explains each problem in words an owner can act on', () => {
    expect(validateVariants([100]).map((i) => i.message)).toEqual([
      'An A/B test needs at least 2 variants; this one has 1.',
      'Variant A is set to 100%; each variant must get between 1% and 99% of the audience.',
    ]);
    expect(validateVariants([10, 10, 20, 20, 20, 20]).map((i) => i.message)).toEqual([
      'An A/B test can have at most 5 variants; this one has 6. Remove 1.',
    ]);
    expect(validateVariants([0.5, 99.5])).toEqual([
      {
        code: 'ratio_out_of_range',
        variant: 0,
        message: 'Variant A is set to 0.5%; each variant must get between 1% and 99% of the audience.',
      },
      {
        code: 'ratio_out_of_range',
        variant: 1,
        message: 'Variant B is set to 99.5%; each variant must get between 1% and 99% of the audience.',
      },
    ]);
    expect(validateVariants([50, 40])).toEqual([
      {
        code: 'ratios_do_not_add_up',
        message: 'The variant shares add up to 90% but must add up to 100%: add 10% to one of them.',
      },
    ]);
    expect(validateVariants([60, 50]).map((i) => i.message)).toEqual([
      'The variant shares add up to 110% but must add up to 100%: take 10% away from one of them.',
    ]);
    expect(validateVariants([50, Number.NaN]).map((i) => i.code)).toEqual(['ratio_not_a_number']);
    expect(validateVariants([50, 50], 0).map((i) => i.message)).toEqual([
      'The test sample is set to 0%; choose between 1% and 99% of the audience (the winner goes to the rest).',
    ]);
    expect(validateVariants([50, 50], 100).map((i) => i.code)).toEqual(['test_percent_out_of_range']);
  });

  it('makes assignment refuse an invalid split instead of guessing', () => {
    expect(() => assignVariant('c', 1, [70, 20])).toThrow(/add up to 90%/);
    expect(() => inTestGroup('c', 1, 0)).toThrow(/test sample/);
  });
});

describe('assignVariant', () => {
  it('gives a contact the same variant every time, whatever order the audience is processed in', () => {
    const ratios = [50, 30, 20];
    const first = contactIds.slice(0, 2000).map((id) => assignVariant('spring-sale', id, ratios));
    const reversed = [...contactIds.slice(0, 2000)]
      .reverse()
      .map((id) => assignVariant('spring-sale', id, ratios))
      .reverse();
    expect(reversed).toEqual(first);
    expect(assignVariant('spring-sale', 'contact-7', ratios)).toBe(
      assignVariant('spring-sale', 'contact-7', [...ratios]),
    );
  });

  it('keeps the assignments of existing campaigns (changing the hash would reshuffle running tests)', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((id) => assignVariant('spring-sale', id, [50, 30, 20]))).toEqual([
      2, 0, 0, 0, 0, 0, 1, 0,
    ]);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((id) => inTestGroup('spring-sale', id, 20))).toEqual([
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
  });

  it('shuffles differently per campaign', () => {
    const a = contactIds.slice(0, 1000).map((id) => assignVariant('campaign-a', id, [50, 50]));
    const b = contactIds.slice(0, 1000).map((id) => assignVariant('campaign-b', id, [50, 50]));
    const same = a.filter((variant, i) => variant === b[i]).length;
    // Independent shuffles agree on about half the contacts (sd ≈ 16).
    expect(same).toBeGreaterThan(430);
    expect(same).toBeLessThan(570);
  });

  it('realises every split within 4 standard errors over many campaigns (20,000 contacts each)', () => {
    // k − 1 distinct cut points in 1..99 give k whole-percent ratios, each ≥ 1%, adding up to 100.
    const split = fc
      .integer({ min: 2, max: 5 })
      .chain((k) => fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: k - 1, maxLength: k - 1 }))
      .map((cuts) => {
        const edges = [0, ...cuts.sort((x, y) => x - y), 100];
        return edges.slice(1).map((edge, i) => edge - edges[i]);
      });
    fc.assert(
      fc.property(split, fc.string({ minLength: 1, maxLength: 24 }), (ratios, campaignSeed) => {
        const counts = new Array<number>(ratios.length).fill(0);
        for (const id of contactIds) counts[assignVariant(campaignSeed, id, ratios)]++;
        ratios.forEach((ratio, i) => {
          const expected = ratio / 100;
          const standardError = Math.sqrt((expected * (1 - expected)) / CONTACTS);
          expect(Math.abs(counts[i] / CONTACTS - expected)).toBeLessThanOrEqual(4 * standardError);
        });
      }),
      // A fixed seed keeps the run reproducible: ~350 share checks at 4 SE would otherwise fail ~2% of runs by chance.
      { numRuns: 100, seed: 424242 },
    );
  });
});

describe('inTestGroup', () => {
  it('selects the requested share of the audience', () => {
    for (const testPercent of [1, 10, 25, 50, 99]) {
      const share = contactIds.filter((id) => inTestGroup('launch', id, testPercent)).length / CONTACTS;
      const p = testPercent / 100;
      expect(Math.abs(share - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / CONTACTS));
    }
  });

  it('keeps everyone already in the sample when the sample is enlarged', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
        (seed, id, a, b) => {
          const [small, large] = a <= b ? [a, b] : [b, a];
          if (inTestGroup(seed, id, small)) expect(inTestGroup(seed, id, large)).toBe(true);
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('is independent of the variant split', () => {
    const ratios = [50, 30, 20];
    for (const campaignSeed of ['summer', 'winter', 'c-0192', 'x']) {
      const inside = [0, 0, 0];
      const outside = [0, 0, 0];
      for (const id of contactIds)
        (inTestGroup(campaignSeed, id, 30) ? inside : outside)[assignVariant(campaignSeed, id, ratios)]++;
      // Test of independence on the 2×3 table "in sample or not" × variant.
      const table = inside.map((successes, i) => ({ successes, total: successes + outside[i] }));
      expect(chiSquareTest(table).pValue).toBeGreaterThan(0.001);
      // And within the sample the split still matches the ratios.
      const sampled = inside.reduce((x, y) => x + y, 0);
      ratios.forEach((ratio, i) => {
        const p = ratio / 100;
        expect(Math.abs(inside[i] / sampled - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / sampled));
      });
    }
  });

  it('uses a different hash than the split, so a 50% sample does not coincide with a 50/50 split', () => {
    const agree = contactIds.filter(
      (id) => inTestGroup('coin', id, 50) === (assignVariant('coin', id, [50, 50]) === 0),
    ).length;
    expect(Math.abs(agree / CONTACTS - 0.5)).toBeLessThanOrEqual(4 * Math.sqrt(0.25 / CONTACTS));
  });
});
