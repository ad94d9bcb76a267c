import { describe, expect, it } from 'vitest';
import { GSM_BASIC_CHARACTERS, GSM_EXTENSION_CHARACTERS, isGsmText } from '../../../shared/templates/gsm-charset';
import { countSegments, segmentsOf } from '../../../shared/templates/segments';

const a = (n: number) => 'a'.repeat(n);
const zhe = (n: number) => '\u0416'.repeat(n); // Ж: one UTF-16 unit, not in GSM-7
const EMOJI = '\u{1F600}'; // 😀: a surrogate pair

describe('GSM-7 alphabet', () => {
  it('has the 127 basic characters and 10 extension characters of GSM 03.38', () => {
    expect(new Set(GSM_BASIC_CHARACTERS).size).toBe(127);
    expect([...GSM_EXTENSION_CHARACTERS].sort()).toEqual(
      ['\f', '^', '{', '}', '\\', '[', '~', ']', '|', '\u20ac'].sort(),
    );
  });

  it.each(['^', '{', '}', '\\', '[', '~', ']', '|', '\u20ac', '\f'])(
    'counts extension character %j as 2 septets',
    (c) => {
      expect(countSegments(c)).toEqual({
        encoding: 'GSM-7',
        segments: 1,
        characters: 1,
        units: 2,
        perSegment: 160,
        remainingInSegment: 158,
        ucs2Characters: [],
      });
      expect(countSegments(a(158) + c)).toMatchObject({ segments: 1, units: 160, remainingInSegment: 0 });
      expect(countSegments(a(159) + c)).toMatchObject({ segments: 2, units: 161 });
    },
  );

  it('counts basic characters as 1 septet, including Greek capitals and accented letters in the set', () => {
    const sample = '@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà\n\r';
    expect(countSegments(sample)).toMatchObject({ encoding: 'GSM-7', units: sample.length, characters: sample.length });
  });

  it.each([
    ['\u2126', 'Ohm sign, not Greek Omega'],
    ['\u2206', 'increment sign, not Greek Delta'],
    ['`', 'grave accent'],
    ['\u00e7', 'lowercase c cedilla'],
    ['\u00e1', 'a acute'],
    ['\u2019', 'right single quote'],
    ['\t', 'tab'],
    ['\u001b', 'a raw escape'],
  ])('treats %j (%s) as outside GSM-7', (c) => {
    expect(countSegments(`x${c}`).encoding).toBe('UCS-2');
    expect(isGsmText(c)).toBe(false);
  });
});

describe('GSM-7 segments', () => {
  it('has no segments for an empty text', () => {
    expect(countSegments('')).toEqual({
      encoding: 'GSM-7',
      segments: 0,
      characters: 0,
      units: 0,
      perSegment: 160,
      remainingInSegment: 160,
      ucs2Characters: [],
    });
  });

  it('fits 160 characters in one segment and needs two for 161', () => {
    expect(countSegments(a(160))).toMatchObject({ segments: 1, units: 160, perSegment: 160, remainingInSegment: 0 });
    expect(countSegments(a(161))).toMatchObject({ segments: 2, units: 161, perSegment: 153, remainingInSegment: 145 });
  });

  it.each([
    [306, 2, 0],
    [307, 3, 152],
    [459, 3, 0],
    [460, 4, 152],
    [612, 4, 0],
    [613, 5, 152],
  ])('%i septets make %i segments with %i left', (n, segments, remaining) => {
    expect(countSegments(a(n))).toMatchObject({
      encoding: 'GSM-7',
      segments,
      units: n,
      perSegment: 153,
      remainingInSegment: remaining,
    });
  });

  it('moves an escape pair that would straddle a part boundary to the next part', () => {
    // 152 + 2 does not fit in 153: the € starts part 2, which then overflows by one septet.
    const straddling = countSegments(a(152) + '\u20ac' + a(152));
    expect(straddling).toMatchObject({ units: 306, segments: 3, remainingInSegment: 152 });
    // Same total, but the € ends exactly on the boundary: two parts.
    expect(countSegments(a(151) + '\u20ac' + a(153))).toMatchObject({ units: 306, segments: 2, remainingInSegment: 0 });
  });

  it('counts a line break as one septet and CRLF as two', () => {
    expect(countSegments('a\nb').units).toBe(3);
    expect(countSegments('a\r\nb').units).toBe(4);
  });
});

describe('UCS-2 segments', () => {
  it.each([
    [70, 1, 70, 0],
    [71, 2, 67, 63],
    [134, 2, 67, 0],
    [135, 3, 67, 66],
    [201, 3, 67, 0],
    [202, 4, 67, 66],
  ])('%i units make %i segments', (n, segments, perSegment, remaining) => {
    expect(countSegments(zhe(n))).toMatchObject({
      encoding: 'UCS-2',
      segments,
      units: n,
      characters: n,
      perSegment,
      remainingInSegment: remaining,
    });
  });

  it('counts an emoji as one character and two units', () => {
    expect(countSegments(EMOJI)).toEqual({
      encoding: 'UCS-2',
      segments: 1,
      characters: 1,
      units: 2,
      perSegment: 70,
      remainingInSegment: 68,
      ucs2Characters: [{ char: EMOJI, position: 0 }],
    });
    expect(countSegments(EMOJI.repeat(35))).toMatchObject({ segments: 1, units: 70, characters: 35 });
    expect(countSegments(EMOJI.repeat(36))).toMatchObject({ segments: 2, units: 72, characters: 36 });
  });

  it('never splits an emoji across the 67-unit boundary', () => {
    // 66 + 2 does not fit in 67: the emoji starts part 2, which overflows by one unit.
    expect(countSegments(zhe(66) + EMOJI + zhe(66))).toMatchObject({ units: 134, segments: 3, remainingInSegment: 66 });
    expect(countSegments(zhe(65) + EMOJI + zhe(67))).toMatchObject({ units: 134, segments: 2, remainingInSegment: 0 });
  });

  it('switches a long GSM message to UCS-2 when one emoji is added, and says where it is', () => {
    expect(countSegments(a(150))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    const mixed = countSegments(a(150) + EMOJI);
    expect(mixed).toEqual({
      encoding: 'UCS-2',
      segments: 3,
      characters: 151,
      units: 152,
      perSegment: 67,
      remainingInSegment: 49,
      ucs2Characters: [{ char: EMOJI, position: 150 }],
    });
  });

  it('lists every character that forces UCS-2 with its UTF-16 position', () => {
    expect(countSegments('It\u2019s \u201cgreat\u201d \u{1F389}!').ucs2Characters).toEqual([
      { char: '\u2019', position: 2 },
      { char: '\u201c', position: 5 },
      { char: '\u201d', position: 11 },
      { char: '\u{1F389}', position: 13 },
    ]);
  });

  it('counts a lone surrogate as one unit rather than failing', () => {
    expect(countSegments('\ud83d')).toMatchObject({ encoding: 'UCS-2', units: 1, characters: 1, segments: 1 });
  });
});

describe('segmentsOf', () => {
  it('agrees with countSegments on the boundary cases', () => {
    for (const text of [
      '',
      a(160),
      a(161),
      a(152) + '\u20ac' + a(152),
      zhe(70),
      zhe(71),
      zhe(66) + EMOJI + zhe(66),
      a(150) + EMOJI,
    ]) {
      const full = countSegments(text);
      expect(segmentsOf(text)).toEqual({ encoding: full.encoding, segments: full.segments });
    }
  });
});
