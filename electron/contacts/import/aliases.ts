import type { FieldTarget } from './types';

/** Header text reduced to lowercase ASCII words: "E-mail Address" → "e mail address", "Prénom" → "prenom". */
export function headerWords(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const words = (target: FieldTarget, ...headers: string[]): [string, FieldTarget][] =>
  headers.map((h) => [headerWords(h), target]);

/**
 * Column names as the real exporters write them (Google Contacts, Outlook, Shopify, Square, Mailchimp, iPhone
 * vCard via our vCard reader) and as people name columns in their own sheets, in a few languages.
 */
const ALIASES = new Map<string, FieldTarget>([
  ...words(
    'first_name',
    'First Name',
    'FirstName',
    'First',
    'Given Name',
    'Given',
    'Forename',
    'FNAME',
    'Name First',
    'Prénom',
    'Vorname',
    'Nombre',
    'Nome',
    'Voornaam',
    'Customer First Name',
    'Billing First Name',
  ),
  ...words(
    'last_name',
    'Last Name',
    'LastName',
    'Last',
    'Surname',
    'Family Name',
    'Family',
    'LNAME',
    'Name Last',
    'Nom',
    'Nachname',
    'Apellido',
    'Apellidos',
    'Cognome',
    'Achternaam',
    'Customer Last Name',
    'Billing Last Name',
  ),
  ...words(
    'full_name',
    'Name',
    'Full Name',
    'FullName',
    'Contact Name',
    'Display Name',
    'Contact',
    'Customer Name',
    'Customer',
    'Client',
    'Client Name',
    'Nombre Completo',
    'Nom Complet',
    'Person',
    'Member Name',
  ),
  ...words(
    'email',
    'Email',
    'E-mail',
    'Email Address',
    'E-mail Address',
    'E-mail 2 Address',
    'E-mail 3 Address',
    'Mail',
    'Courriel',
    'Correo',
    'Correo Electrónico',
    'Customer Email',
    'Email 1',
    'Email 2',
  ),
  ...words(
    'mobile_phone',
    'Mobile',
    'Mobile Phone',
    'Mobile Number',
    'Mobile Phone Number',
    'Mobile No',
    'Cell',
    'Cell Phone',
    'Cellphone',
    'Cell Number',
    'Cell Phone Number',
    'Cellular',
    'Cellular Phone',
    'Handy',
    'Mobil',
    'Handynummer',
    'Móvil',
    'Celular',
    'Portable',
    'Téléphone Portable',
    'SMS',
    'SMS Number',
    'SMS Phone',
    'Text Number',
    'Texting Number',
    'Mobile Phone 1',
    'Mobile 1',
    'WhatsApp',
  ),
  ...words(
    'phone',
    'Phone',
    'Phone Number',
    'Phone No',
    'Phone #',
    'Telephone',
    'Telephone Number',
    'Tel',
    'Tel.',
    'Primary Phone',
    'Business Phone',
    'Business Phone 2',
    'Home Phone',
    'Home Phone 2',
    'Other Phone',
    'Work Phone',
    'Company Main Phone',
    'Car Phone',
    "Assistant's Phone",
    'Callback',
    'Radio Phone',
    'Default Address Phone',
    'Billing Phone',
    'Shipping Phone',
    'Billing Address Phone',
    'Shipping Address Phone',
    'Téléphone',
    'Telefon',
    'Telefonnummer',
    'Teléfono',
    'Telefono',
    'Contact Number',
    'Phone 1',
    'Phone 2',
  ),
  ...words(
    'tags',
    'Tags',
    'Tag',
    'Labels',
    'Groups',
    'Group',
    'Categories',
    'Category',
    'Group Membership',
    'Lists',
    'Segments',
    'Segment',
    'Customer Tags',
  ),
  ...words(
    'sms_consent',
    'Accepts SMS Marketing',
    'SMS Consent',
    'SMS Opt In',
    'SMS Opt-In',
    'SMS Optin',
    'SMS Marketing Consent',
    'SMS Subscription Status',
    'SMS Subscribed',
    'SMS Marketing',
    'Text Opt In',
    'Text Opt-In',
    'Accepts Text Messages',
    'Consent to Text',
    'SMS Marketing Status',
  ),
  // Marketing e-mail consent: Shopify's customer export ("Accepts Email Marketing"; older exports "Accepts
  // Marketing"), a sheet's own column, and Mailchimp's audience exports, where the opt-in time says a subscribed
  // member agreed, and the unsubscribed and cleaned exports carry the time of the unsubscribe or of the cleaning
  // (a hard bounce). buildMapping reads a Mailchimp export's kind from the columns it has (mailchimpKind).
  ...words(
    'email_consent',
    'Accepts Email Marketing',
    'Accepts Marketing',
    'Email Consent',
    'E-mail Consent',
    'Email Opt In',
    'Email Opt-In',
    'Email Optin',
    'E-mail Opt-In',
    'Email Marketing Consent',
    'Email Marketing',
    'Email Subscribed',
    'Email Subscription Status',
    'Email Marketing Status',
    'Accepts Emails',
    'CONFIRM_TIME',
    'OPTIN_TIME',
  ),
  ...words('email_unsubscribed', 'UNSUB_TIME', 'Email Unsubscribed', 'Unsubscribed At', 'Email Opted Out'),
  ...words('email_cleaned', 'CLEAN_TIME', 'Email Bounced', 'Hard Bounce', 'Email Hard Bounce'),
  ...words('country', 'Country Code', 'Default Address Country Code', 'Billing Country Code', 'CC', 'ISO Country'),
  // Columns that only describe another column (its type or display text) and carry no data of their own.
  ...words(
    'drop',
    'E-mail Type',
    'E-mail Display Name',
    'E-mail 2 Type',
    'E-mail 2 Display Name',
    'E-mail 3 Type',
    'E-mail 3 Display Name',
  ),
]);

/** Google's numbered columns: "Phone 1 - Label" + "Phone 1 - Value" (newer) or "- Type" + "- Value" (older). */
const NUMBERED = /^(phone|e mail|email) (\d+) (value|label|type)$/;

export interface AliasMatch {
  target: FieldTarget;
  /** for numbered phone values: the words of the matching label column */
  labelWords?: string[];
}

export function aliasFor(header: string): AliasMatch | null {
  const w = headerWords(header);
  const numbered = NUMBERED.exec(w);
  if (numbered) {
    const [, kind, n, part] = numbered;
    if (kind === 'phone') {
      return part === 'value'
        ? { target: 'phone', labelWords: [`phone ${n} label`, `phone ${n} type`] }
        : { target: 'phone_label' };
    }
    return { target: part === 'value' ? 'email' : 'drop' };
  }
  const target = ALIASES.get(w);
  return target ? { target } : null;
}

/** Mailchimp's opt-in time columns: consent in a subscribed members export, history only in the other two. */
export const MAILCHIMP_OPTIN_WORDS: ReadonlySet<string> = new Set(['confirm time', 'optin time']);

/** A custom field key from a header: "Loyalty Tier" → "loyalty_tier", "Nº de client" → "n_de_client". */
export function customKeyFor(header: string, fallbackIndex: number): string {
  let key = headerWords(header).replace(/ /g, '_').slice(0, 60).replace(/_+$/, '');
  if (!key) key = `column_${fallbackIndex + 1}`;
  if (/^\d/.test(key)) key = `f_${key}`;
  return key;
}
