import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The owner's own numbers from the `business.testPhones` setting ("+14155550100, (212) 555-0199"), as typed. */
export function splitTestPhones(value: string): string[] {
  return value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The entries of the setting that are not phone numbers (read as US numbers when they have no country code). */
export function testPhoneProblems(value: string): string[] {
  return splitTestPhones(value).filter((p) => !parsePhoneNumberFromString(p, 'US')?.isPossible());
}
