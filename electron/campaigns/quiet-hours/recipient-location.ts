import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { AppError } from '../../../shared/errors';
import { areaCodeInfo } from './area-codes';
import { countryZones } from './country-zones';

/** Where a recipient may be, as far as their phone number tells us. */
export interface RecipientLocation {
  /** ISO 3166-1 alpha-2, when the number's country is known. */
  country?: string;
  /** ISO 3166-2 subdivisions their area code serves (e.g. ['US-FL']); empty when we cannot tell. */
  regions: readonly string[];
  /** Every IANA zone they may be in. */
  zones: readonly string[];
  /** How the zones were found. 'business-zone' means we could not place the number and used the business's zone. */
  placedBy: 'area-code' | 'country' | 'business-zone';
  /** True when `zones` is the business's own zone standing in for an unknown location. */
  zoneUncertain: boolean;
  /** The NANP area code, for +1 numbers. */
  areaCode?: string;
}

/**
 * Places a recipient from their E.164 number: NANP numbers by area code, others by country; a number we cannot
 * place is assumed to be in the business's own zone and flagged `zoneUncertain`.
 */
export function recipientLocation(phone: string, businessZone: string): RecipientLocation {
  // The common case without a parse (the dispatcher asks for every message): a +1 number whose area code we know.
  // Parsing "+1" and ten digits gives exactly those ten digits as the national number, and the area code decides
  // the rest; tests/unit/campaigns compare this with locateByParsing over every area code.
  const nanp = NANP_E164.exec(phone);
  const known = nanp ? areaCodeInfo(nanp[1]) : undefined;
  if (known)
    return {
      country: known.country,
      regions: known.regions,
      zones: known.zones,
      placedBy: 'area-code',
      zoneUncertain: false,
      areaCode: nanp![1],
    };
  return locateByParsing(phone, businessZone);
}

const NANP_E164 = /^\+1([2-9]\d{2})\d{7}$/;

/** recipientLocation through libphonenumber's parser, for every number (exported for the equivalence test). */
export function locateByParsing(phone: string, businessZone: string): RecipientLocation {
  const parsed = phone.startsWith('+') ? parsePhoneNumberFromString(phone) : undefined;
  if (!parsed || (parsed.countryCallingCode === '1' && parsed.nationalNumber.length !== 10)) {
    throw new AppError(
      'invalid_input',
      `"${phone}" is not a full international phone number (like +12125550123), so the recipient's local time cannot be worked out.`,
    );
  }
  const areaCode = parsed.countryCallingCode === '1' ? parsed.nationalNumber.slice(0, 3) : undefined;
  const byAreaCode = areaCode === undefined ? undefined : areaCodeInfo(areaCode);
  if (byAreaCode) {
    return {
      country: byAreaCode.country,
      regions: byAreaCode.regions,
      zones: byAreaCode.zones,
      placedBy: 'area-code',
      zoneUncertain: false,
      areaCode,
    };
  }
  const country = parsed.country;
  const zones = country === undefined ? undefined : countryZones(country);
  if (zones) return { country, regions: [], zones, placedBy: 'country', zoneUncertain: false, areaCode };
  return { country, regions: [], zones: [businessZone], placedBy: 'business-zone', zoneUncertain: true, areaCode };
}
