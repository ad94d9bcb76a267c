import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { AREA_CODES, areaCodeInfo } from '../../../electron/campaigns/quiet-hours/area-codes';
import { countriesWithZones, countryZones } from '../../../electron/campaigns/quiet-hours/country-zones';

const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const PT = 'America/Los_Angeles';

/** Area codes libphonenumber-js accepts as geographic numbers of `countries`, found by trying sample numbers. */
function libphonenumberAreaCodes(countries: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (let npa = 200; npa <= 999; npa++) {
    for (const local of ['2345678', '4561234', '5550123', '6785678', '7891234', '8925678', '9231234', '3451234']) {
      const number = parsePhoneNumberFromString(`+1${npa}${local}`);
      const type = number?.getType();
      const geographic = type === 'FIXED_LINE' || type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
      if (number?.isValid() && geographic && countries.includes(number.country ?? '')) {
        found.add(String(npa));
        break;
      }
    }
  }
  return found;
}

describe('NANP area-code table', () => {
  it('places every US area code libphonenumber-js knows, in the right country', () => {
    const us = libphonenumberAreaCodes(['US', 'PR', 'VI', 'GU', 'MP', 'AS']);
    expect(us.size).toBeGreaterThan(350);
    const missing = [...us].filter((code) => areaCodeInfo(code)?.country !== 'US');
    expect(missing).toEqual([]);
  });

  it('places every Canadian area code libphonenumber-js knows except 273, whose province we have not confirmed', () => {
    const ca = libphonenumberAreaCodes(['CA']);
    expect(ca.size).toBeGreaterThan(55);
    const missing = [...ca].filter((code) => areaCodeInfo(code)?.country !== 'CA');
    // 273 falls back to every Canadian zone (see recipient-location tests) until we know where it is.
    expect(missing).toEqual(['273']);
  });

  it('uses only zone names the runtime knows, and every code has at least one zone and region', () => {
    for (const [code, info] of AREA_CODES) {
      expect(code).toMatch(/^[2-9]\d\d$/);
      expect(info.zones.length).toBeGreaterThan(0);
      expect(info.regions.length).toBeGreaterThan(0);
      for (const region of info.regions) expect(region).toMatch(new RegExp(`^${info.country}-[A-Z]{2}$`));
      for (const zone of info.zones) expect(IANAZone.isValidZone(zone), `${code}: ${zone}`).toBe(true);
    }
  });

  it('leaves non-geographic codes out (toll-free, premium, personal, Canadian non-geographic)', () => {
    for (const code of ['800', '833', '844', '855', '866', '877', '888', '900', '500', '533', '600', '622']) {
      expect(areaCodeInfo(code), code).toBeUndefined();
    }
  });

  it.each([
    ['850', 'US-FL', [CT, ET]],
    ['448', 'US-FL', [CT, ET]],
    ['305', 'US-FL', [ET]],
    ['212', 'US-NY', [ET]],
    ['423', 'US-TN', [CT, ET]],
    ['615', 'US-TN', [CT]],
    ['270', 'US-KY', [CT, ET]],
    ['606', 'US-KY', [CT, ET]],
    ['219', 'US-IN', [CT, ET]],
    ['812', 'US-IN', [CT, ET]],
    ['317', 'US-IN', [ET]],
    ['906', 'US-MI', [CT, ET]],
    ['701', 'US-ND', [CT, MT]],
    ['605', 'US-SD', [CT, MT]],
    ['308', 'US-NE', [CT, MT]],
    ['620', 'US-KS', [CT, MT]],
    ['785', 'US-KS', [CT, MT]],
    ['432', 'US-TX', [CT, MT]],
    ['915', 'US-TX', [MT]],
    ['208', 'US-ID', [MT, PT]],
    ['541', 'US-OR', [PT, MT]],
    ['775', 'US-NV', [PT, MT]],
    ['602', 'US-AZ', ['America/Phoenix']],
    ['928', 'US-AZ', ['America/Phoenix', MT]],
    ['907', 'US-AK', ['America/Anchorage', 'America/Adak']],
    ['808', 'US-HI', ['Pacific/Honolulu']],
    ['787', 'US-PR', ['America/Puerto_Rico']],
    ['416', 'CA-ON', ['America/Toronto']],
    ['807', 'CA-ON', ['America/Toronto', 'America/Winnipeg', 'America/Atikokan']],
    ['306', 'CA-SK', ['America/Regina', 'America/Edmonton', 'America/Winnipeg']],
  ])('%s is in %s and covers %j', (code, region, zones) => {
    const info = areaCodeInfo(code)!;
    expect(info.regions).toContain(region);
    expect([...info.zones]).toEqual(zones);
  });

  it('lists a code that serves several provinces under each of them', () => {
    expect(areaCodeInfo('902')?.regions).toEqual(['CA-NS', 'CA-PE']);
    expect(areaCodeInfo('867')?.regions).toEqual(['CA-YT', 'CA-NT', 'CA-NU']);
  });
});

describe('country zone table', () => {
  it('uses only zone names the runtime knows', () => {
    for (const country of countriesWithZones()) {
      for (const zone of countryZones(country)!) expect(IANAZone.isValidZone(zone), `${country}: ${zone}`).toBe(true);
    }
  });

  it('lists every zone of a country with several', () => {
    expect(countryZones('AU')).toContain('Australia/Perth');
    expect(countryZones('AU')).toContain('Australia/Sydney');
    expect(countryZones('MX')?.length).toBeGreaterThan(4);
    expect(countryZones('GB')).toEqual(['Europe/London']);
    expect(countryZones('ZW')).toBeUndefined();
    expect(countryZones('toString')).toBeUndefined();
  });
});
