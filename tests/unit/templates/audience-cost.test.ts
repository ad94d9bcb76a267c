import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { measureAudience, measureRecipient, prepareForAudience } from '../../../shared/templates/audience';
import { estimateCost } from '../../../shared/templates/cost';
import { renderTemplate, type RenderContext } from '../../../shared/templates/render';
import { countSegments } from '../../../shared/templates/segments';

const business = { name: 'Bloom Salon', contact: 'bloomsalon.com' };
function person(
  firstName: string | null,
  fields: Record<string, string> = {},
  email: string | null = null,
): RenderContext {
  return { contact: { firstName, lastName: null, phone: '+15551234567', email, fields }, business };
}

describe('measureAudience', () => {
  it('gives min, typical (middle recipient), max and the total', () => {
    // 'Hi ' + name: 5, 5, 203 and 403 septets → 1, 1, 2, 3 segments.
    const audience = [person('y'.repeat(400)), person('Al'), person('x'.repeat(200)), person('Bo')];
    expect(measureAudience('Hi {{first_name}}', audience)).toEqual({
      recipients: 4,
      min: 1,
      typical: 1,
      max: 3,
      totalSegments: 7,
      encodingCounts: { 'GSM-7': 4, 'UCS-2': 0 },
      missing: {},
      longest: { index: 0, length: 403 },
      overLimit: 0,
    });
    expect(measureAudience('Hi {{first_name}}', audience.slice(0, 3))).toMatchObject({
      min: 1,
      typical: 2,
      max: 3,
      totalSegments: 6,
    });
  });

  it('counts encodings: one accented name makes that recipient UCS-2', () => {
    const stats = measureAudience('Hi {{first_name}}', [person('Zo\u00eb'), person('Ana'), person('Jos\u00e9')]);
    expect(stats.encodingCounts).toEqual({ 'GSM-7': 2, 'UCS-2': 1 });
  });

  it('counts each recipient once per missing variable without fallback', () => {
    const stats = measureAudience('Hi {{first_name}} {{first_name}} {{email|no email}} {{field:tier}}', [
      person(null, { tier: 'Gold' }),
      person('Ana', {}),
      person(' ', {}),
    ]);
    expect(stats.missing).toEqual({ first_name: 2, 'field:tier': 2 });
  });

  it('counts recipients whose message is over 1,600 characters', () => {
    const stats = measureAudience(`${'a'.repeat(1590)}{{field:bio}}`, [
      person('A', { bio: 'x'.repeat(11) }),
      person('B', { bio: 'x'.repeat(10) }),
    ]);
    expect(stats).toMatchObject({ overLimit: 1, longest: { index: 0, length: 1601 } });
  });

  it('is all zeros for an empty audience', () => {
    expect(measureAudience('Hi {{first_name}}', [])).toEqual({
      recipients: 0,
      min: 0,
      typical: 0,
      max: 0,
      totalSegments: 0,
      encodingCounts: { 'GSM-7': 0, 'UCS-2': 0 },
      missing: {},
      longest: null,
      overLimit: 0,
    });
  });

  it('packs rendered messages properly: an escape pair from a field can straddle a part boundary', () => {
    const body = `${'a'.repeat(152)}{{field:sym}}${'a'.repeat(152)}`;
    const prepared = prepareForAudience(body);
    const cases: Array<[string, number]> = [
      ['\u20ac', 3],
      ['e', 2],
      ['', 2],
    ];
    for (const [sym, segments] of cases) {
      const ctx = person('A', { sym });
      expect(measureRecipient(prepared, ctx).segments, JSON.stringify(sym)).toBe(segments);
      expect(countSegments(renderTemplate(body, ctx).text).segments).toBe(segments);
    }
  });

  it('settles single-segment messages by length and still gets UCS-2 right', () => {
    const prepared = prepareForAudience('Hi {{first_name}} \u{1F600}');
    expect(measureRecipient(prepared, person('Ana'))).toEqual({ encoding: 'UCS-2', segments: 1, length: 9 });
    expect(measureRecipient(prepared, person('x'.repeat(70)))).toEqual({ encoding: 'UCS-2', segments: 2, length: 76 });
  });
});

describe('estimateCost', () => {
  it('prices the typical message to 4 decimals and the total to the cent', () => {
    expect(estimateCost({ typical: 2, totalSegments: 1000 }, 0.0079)).toEqual({
      perMessageTypical: 0.0158,
      total: 7.9,
    });
    expect(estimateCost({ typical: 1, totalSegments: 200_000 }, 0.0079)).toEqual({
      perMessageTypical: 0.0079,
      total: 1580,
    });
    expect(estimateCost({ typical: 3, totalSegments: 123_457 }, 0.0083)).toEqual({
      perMessageTypical: 0.0249,
      total: 1024.69,
    });
  });

  it('rounds half a cent up', () => {
    expect(estimateCost({ typical: 1, totalSegments: 1 }, 0.005).total).toBe(0.01);
  });

  it('works from audience statistics', () => {
    const stats = measureAudience('Hi {{first_name}}', [person('Al'), person('x'.repeat(200)), person('Bo')]);
    expect(estimateCost(stats, 0.01)).toEqual({ perMessageTypical: 0.01, total: 0.04 });
  });

  it('is free at price 0 and rejects a negative or non-numeric price', () => {
    expect(estimateCost({ typical: 2, totalSegments: 10 }, 0)).toEqual({ perMessageTypical: 0, total: 0 });
    for (const price of [-0.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      let caught: unknown;
      try {
        estimateCost({ typical: 1, totalSegments: 1 }, price);
      } catch (e) {
        caught = e;
      }
      expect(isAppError(caught) && caught.code === 'invalid_input', String(price)).toBe(true);
    }
  });
});
