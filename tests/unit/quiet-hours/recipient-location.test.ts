import { describe, expect, it } from 'vitest';
import { locateByParsing, recipientLocation } from '../../../electron/campaigns/quiet-hours/recipient-location';
import { offsetAt } from '../../../electron/campaigns/quiet-hours/zone-clock';
import { IANAZone } from 'luxon';

describe('recipientLocation', () => {
  it('places every +1 number exactly as parsing it would, for every area code', () => {
    let placedByAreaCode = 0;
    for (let area = 200; area <= 999; area++) {
      for (const line of ['2000000', '5550123', '9999999']) {
        const phone = `+1${area}${line}`;
        let parsed: unknown;
        try {
          parsed = locateByParsing(phone, 'America/Chicago');
        } catch (e) {
          parsed = (e as Error).message;
        }
        let quick: unknown;
        try {
          quick = recipientLocation(phone, 'America/Chicago');
        } catch (e) {
          quick = (e as Error).message;
        }
        expect(quick, phone).toEqual(parsed);
        if ((quick as { placedBy?: string }).placedBy === 'area-code') placedByAreaCode++;
      }
    }
    // the area-code table really is consulted (hundreds of codes are assigned)
    expect(placedByAreaCode).toBeGreaterThan(900);
  });

  it('leaves numbers it cannot read to the parser, which names the problem', () => {
    expect(() => recipientLocation('+1212555012', 'America/Chicago')).toThrow(/not a full international phone number/);
    expect(recipientLocation('+442079460018', 'America/Chicago')).toMatchObject({ country: 'GB', placedBy: 'country' });
  });
});

describe('offsetAt', () => {
  it('answers from its memory exactly as luxon does, across DST changes and many instants', () => {
    const zone = 'America/New_York';
    const start = Date.UTC(2026, 2, 7);
    for (let round = 0; round < 2; round++) {
      for (let ms = start; ms < start + 3 * 86_400_000; ms += 7 * 60_000) {
        expect(offsetAt(zone, ms)).toBe(IANAZone.create(zone).offset(ms));
      }
    }
  });
});
