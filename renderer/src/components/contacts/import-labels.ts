import type { ImportEmailState, ImportFieldTarget } from '../../../../shared/ipc/channels/contacts';

/** Contact fields a column can go to, in the words of the mapping step. */
export const FIELD_LABELS: Array<[ImportFieldTarget, string]> = [
  ['first_name', 'First name'],
  ['last_name', 'Last name'],
  ['full_name', 'Full name (split into first and last)'],
  ['phone', 'Phone'],
  ['mobile_phone', 'Mobile phone (preferred for texts)'],
  ['phone_label', 'Phone label (Mobile, Work…)'],
  ['email', 'Email'],
  ['tags', 'Tags'],
  ['sms_consent', 'SMS consent (yes / no)'],
  // Yes / no, or when they opted in (Mailchimp's OPTIN_TIME); when they unsubscribed; when the address bounced.
  ['email_consent', 'E-mail consent'],
  ['email_unsubscribed', 'E-mail unsubscribed'],
  ['email_cleaned', 'E-mail bounced (cleaned)'],
  ['country', 'Country'],
];

/** A row's e-mail state in the owner's words, and the badge tone it is shown with. */
export const EMAIL_STATE_LABELS: Record<ImportEmailState, { text: string; tone: 'good' | 'warn' | 'bad' }> = {
  yes: { text: 'Agreed', tone: 'good' },
  no: { text: 'No consent', tone: 'warn' },
  unsubscribed: { text: 'Unsubscribed', tone: 'warn' },
  cleaned: { text: 'Bounced', tone: 'bad' },
};

export function targetLabel(target: string, customLabel?: string): string {
  if (target === 'drop') return "Don't import";
  if (target.startsWith('custom:')) return `Custom field: ${customLabel ?? target.slice(7)}`;
  return FIELD_LABELS.find(([t]) => t === target)?.[1] ?? target;
}

/** The custom-field key a header would get: "Loyalty Tier" → loyalty_tier, "Préférence" → preference. */
export function customKeyOf(header: string, index: number): string {
  const key = header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return key || `column_${index + 1}`;
}

const COUNTRIES = [
  'US',
  'CA',
  'GB',
  'IE',
  'AU',
  'NZ',
  'FR',
  'DE',
  'ES',
  'IT',
  'PT',
  'NL',
  'BE',
  'CH',
  'AT',
  'SE',
  'NO',
  'DK',
  'FI',
  'PL',
  'MX',
  'BR',
  'AR',
  'CO',
  'CL',
  'PE',
  'IN',
  'PH',
  'SG',
  'ZA',
  'NG',
  'JP',
  'KR',
  'IL',
  'AE',
];

/** Countries for the "numbers without a country code are from" choice, named in the user's language. */
export function countryOptions(current: string): Array<{ code: string; name: string }> {
  const names = new Intl.DisplayNames(undefined, { type: 'region' });
  const codes = COUNTRIES.includes(current) ? COUNTRIES : [current, ...COUNTRIES];
  return codes.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name));
}

export const ENCODING_LABELS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (older Excel)',
};

export const DELIMITER_LABELS: Record<string, string> = { ',': 'Comma', ';': 'Semicolon', '\t': 'Tab' };
