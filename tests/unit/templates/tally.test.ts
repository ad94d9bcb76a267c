import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureAudience, prepareForAudience, type RenderContext } from '../../../shared/templates';
import { createAudienceTally } from '../../../electron/templates/tally';

const business = { name: 'Bloom Salon', contact: '' };
const name = fc.oneof(
  fc.constant(null),
  fc.constant(' '),
  fc.constantFrom('Ana', 'Zo\u00eb', 'Jos\u00e9', '\u{1F600}', '\u0416anna', '{curly}'),
  fc.string({ maxLength: 400 }),
);
const person = fc
  .record({ firstName: name, lastName: name, tier: name })
  .map(({ firstName, lastName, tier }): RenderContext => ({
    contact: { firstName, lastName, phone: '+14155550100', email: null, fields: tier === null ? {} : { tier } },
    business,
  }));
const templates = fc.constantFrom(
  'Hi {{first_name}}, {{business_name}} sale. Reply STOP to opt out',
  'Hi {{first_name|there}} {{last_name}} {{field:tier}} {{field:tier}}',
  `${'x'.repeat(150)} {{full_name}}`,
  '\u2019{{first_name}}',
  '{{field:tier|Member}} perks {{email}}',
  'Plain text only',
);

function tally(template: string, audience: RenderContext[]) {
  const t = createAudienceTally(prepareForAudience(template));
  audience.forEach((ctx, i) => t.add(i + 1, ctx));
  return t.result();
}

describe('streaming audience tally', () => {
  it('agrees with measureAudience for every audience, one recipient at a time', () => {
    fc.assert(
      fc.property(templates, fc.array(person, { maxLength: 40 }), (template, audience) => {
        const expected = measureAudience(template, audience);
        const got = tally(template, audience);
        expect(got).toMatchObject({
          recipients: expected.recipients,
          min: expected.min,
          typical: expected.typical,
          max: expected.max,
          totalSegments: expected.totalSegments,
          encodingCounts: expected.encodingCounts,
          missing: expected.missing,
          overLimit: expected.overLimit,
        });
        expect(got.longest?.length ?? null).toBe(expected.longest?.length ?? null);
        // measureAudience keeps the first of equally long messages; so does the tally (ids are index + 1).
        expect(got.longest?.id ?? null).toBe(expected.longest ? expected.longest.index + 1 : null);
      }),
      { numRuns: 300 },
    );
  });

  it('takes the lower median, so typical is always a real recipient\u2019s count', () => {
    const ctx = (firstName: string): RenderContext => ({
      contact: { firstName, lastName: null, phone: null, email: null, fields: {} },
      business,
    });
    // 1, 2, 3 and 4 segments: the lower median is 2 (no recipient has 2.5).
    const r = tally('{{first_name}}', [ctx('a'), ctx('b'.repeat(200)), ctx('c'.repeat(400)), ctx('d'.repeat(600))]);
    expect(r).toMatchObject({ min: 1, typical: 2, max: 4, totalSegments: 10 });
    expect(r.fewest).toEqual({ id: 1, segments: 1, length: 1 });
    expect(r.most).toEqual({ id: 4, segments: 4, length: 600 });
    expect(r.longest).toEqual({ id: 4, segments: 4, length: 600 });
  });

  it('offers as examples the most segments, even when a longer message has fewer (UCS-2 counts in 70s)', () => {
    const ctx = (firstName: string): RenderContext => ({
      contact: { firstName, lastName: null, phone: null, email: null, fields: {} },
      business,
    });
    // 100 GSM characters: 1 segment. 75 characters with one \u00eb: UCS-2, 2 segments, though shorter.
    const r = tally('{{first_name}}', [ctx('a'.repeat(100)), ctx(`${'b'.repeat(74)}\u00eb`), ctx('c')]);
    expect(r.longest).toEqual({ id: 1, segments: 1, length: 100 });
    expect(r.most).toEqual({ id: 2, segments: 2, length: 75 });
    expect(r.fewest).toEqual({ id: 3, segments: 1, length: 1 });
  });

  it('remembers the first recipient missing each variable, counting each recipient once', () => {
    const ctx = (firstName: string | null, tier?: string): RenderContext => ({
      contact: { firstName, lastName: null, phone: null, email: null, fields: tier ? { tier } : {} },
      business,
    });
    const r = tally('{{first_name}} {{first_name}} {{field:tier}}', [
      ctx('Ana', 'Gold'),
      ctx(null, 'Gold'),
      ctx('  '),
      ctx('Bo'),
    ]);
    expect(r.missing).toEqual({ first_name: 2, 'field:tier': 2 });
    expect(r.firstMissing).toEqual({ first_name: 2, 'field:tier': 3 });
  });

  it('reports zeros and no examples for an empty audience', () => {
    expect(tally('Hi {{first_name}}', [])).toEqual({
      recipients: 0,
      min: 0,
      typical: 0,
      max: 0,
      totalSegments: 0,
      encodingCounts: { 'GSM-7': 0, 'UCS-2': 0 },
      missing: {},
      firstMissing: {},
      overLimit: 0,
      longest: null,
      most: null,
      fewest: null,
    });
  });
});
