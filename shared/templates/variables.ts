/**
 * The variables a template may use, and the rules for custom field keys. Kept apart from the parser so the
 * template editor (autocomplete, insert-variable menu) and the contacts screens can share the same list.
 */

export const contactVariables = ['first_name', 'last_name', 'full_name', 'phone', 'email'] as const;
export const businessVariables = ['business_name', 'business_contact'] as const;
export const builtinVariables = [...contactVariables, ...businessVariables] as const;

export type BuiltinVariable = (typeof builtinVariables)[number];

/** Custom fields are written `{{field:<key>}}`. */
export const FIELD_PREFIX = 'field';

/**
 * Custom field keys are lowercase snake_case so that a key typed in a template always matches the stored one
 * exactly; a key that only differs in case or spacing is reported with the corrected spelling instead.
 */
export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const FIELD_KEY_MAX_LENGTH = 64;

const builtinSet: ReadonlySet<string> = new Set(builtinVariables);

export function isBuiltinVariable(name: string): name is BuiltinVariable {
  return builtinSet.has(name);
}

export function isValidFieldKey(key: string): boolean {
  return FIELD_KEY_PATTERN.test(key);
}

/** Turns a label such as "Loyalty Tier" or "loyalty-tier" into the key form `loyalty_tier` ('' when nothing is left). */
export function toFieldKey(label: string): string {
  const key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[_0-9]+|_+$/g, '');
  return key.slice(0, FIELD_KEY_MAX_LENGTH).replace(/_+$/, '');
}

/**
 * Names people type because other SMS tools use them. Mapped only to make a "did you mean" suggestion — the
 * template itself must use the canonical name, so that what the owner sees is what gets rendered.
 */
export const variableAliases: Readonly<Record<string, BuiltinVariable>> = {
  firstname: 'first_name',
  first: 'first_name',
  fname: 'first_name',
  name: 'first_name',
  given_name: 'first_name',
  lastname: 'last_name',
  last: 'last_name',
  lname: 'last_name',
  surname: 'last_name',
  family_name: 'last_name',
  fullname: 'full_name',
  mobile: 'phone',
  cell: 'phone',
  number: 'phone',
  phone_number: 'phone',
  phonenumber: 'phone',
  mobile_number: 'phone',
  e_mail: 'email',
  mail: 'email',
  email_address: 'email',
  company: 'business_name',
  business: 'business_name',
  businessname: 'business_name',
  company_name: 'business_name',
  store_name: 'business_name',
  shop_name: 'business_name',
  businesscontact: 'business_contact',
  business_phone: 'business_contact',
  contact: 'business_contact',
};
