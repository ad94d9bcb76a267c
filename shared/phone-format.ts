import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** Numbers already formatted: a table scrolling fifty rows a frame must not parse each number again. */
const formatted = new Map<string, string>();
const MAX_REMEMBERED = 5_000;

/**
 * A stored number (E.164) as people read it: national format for numbers of the owner's own country
 * ("(415) 555-0100"), international format for the rest ("+44 7400 123456"). Anything that cannot be read is
 * shown as stored. The one formatter every page uses, so a number looks the same everywhere.
 */
export function formatPhone(phone: string, homeCountry = 'US'): string {
  const key = `${homeCountry}|${phone}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(phone, homeCountry.toUpperCase() as CountryCode);
  const text = !parsed
    ? phone
    : parsed.country === homeCountry.toUpperCase()
      ? parsed.formatNational()
      : parsed.formatInternational();
  if (formatted.size >= MAX_REMEMBERED) formatted.clear();
  formatted.set(key, text);
  return text;
}
