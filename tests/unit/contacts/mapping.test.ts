import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { buildMapping, mappingSummary } from '../../../electron/contacts/import/mapping';
import { customKeyFor } from '../../../electron/contacts/import/aliases';
import { parseConsent, splitFullName, splitPhoneCell, splitTags } from '../../../electron/contacts/import/values';

const targets = (headers: string[], overrides?: Parameters<typeof buildMapping>[1]) =>
  mappingSummary(buildMapping(headers, overrides));

describe('header aliases', () => {
  it('maps Google Contacts columns, pairing each phone with its label column', () => {
    const plan = buildMapping([
      'First Name',
      'Last Name',
      'Labels',
      'E-mail 1 - Label',
      'E-mail 1 - Value',
      'Phone 1 - Label',
      'Phone 1 - Value',
      'Phone 2 - Type',
      'Phone 2 - Value',
    ]);
    expect(mappingSummary(plan)).toMatchObject({
      'First Name': 'first_name',
      'Last Name': 'last_name',
      Labels: 'tags',
      'E-mail 1 - Label': 'drop',
      'E-mail 1 - Value': 'email',
      'Phone 1 - Label': 'phone_label',
      'Phone 1 - Value': 'phone',
      'Phone 2 - Value': 'phone',
    });
    expect(plan.columns[6].labelIndex).toBe(5);
    expect(plan.columns[8].labelIndex).toBe(7);
  });

  it('maps Outlook, Shopify, Square and Mailchimp columns', () => {
    expect(
      targets([
        'First Name',
        'Last Name',
        'Mobile Phone',
        'Business Phone',
        'Home Phone',
        'E-mail Address',
        'Categories',
      ]),
    ).toEqual({
      'First Name': 'first_name',
      'Last Name': 'last_name',
      'Mobile Phone': 'mobile_phone',
      'Business Phone': 'phone',
      'Home Phone': 'phone',
      'E-mail Address': 'email',
      Categories: 'tags',
    });
    expect(
      targets([
        'First Name',
        'Last Name',
        'Email',
        'Phone',
        'Default Address Phone',
        'Accepts SMS Marketing',
        'Default Address Country Code',
        'Tags',
      ]),
    ).toEqual({
      'First Name': 'first_name',
      'Last Name': 'last_name',
      Email: 'email',
      Phone: 'phone',
      'Default Address Phone': 'phone',
      'Accepts SMS Marketing': 'sms_consent',
      'Default Address Country Code': 'country',
      Tags: 'tags',
    });
    expect(targets(['First Name', 'Surname', 'Phone Number', 'Email Address', 'Groups'])).toMatchObject({
      Surname: 'last_name',
      Groups: 'tags',
    });
    expect(targets(['Email Address', 'Phone Number', 'TAGS', 'CC', 'MEMBER_RATING'])).toEqual({
      'Email Address': 'email',
      'Phone Number': 'phone',
      TAGS: 'tags',
      CC: 'country',
      MEMBER_RATING: 'custom:member_rating',
    });
  });

  it('maps hand-made sheets in several languages', () => {
    expect(targets(['name', 'full name', 'cell', 'phone number', 'tags'])).toEqual({
      name: 'full_name',
      'full name': 'full_name',
      cell: 'mobile_phone',
      'phone number': 'phone',
      tags: 'tags',
    });
    expect(targets(['Prénom', 'Nom', 'Téléphone portable', 'Courriel'])).toEqual({
      Prénom: 'first_name',
      Nom: 'last_name',
      'Téléphone portable': 'mobile_phone',
      Courriel: 'email',
    });
  });

  it('turns other columns into custom fields with keys of their own', () => {
    const plan = buildMapping(['Phone', 'Loyalty Tier', 'loyalty-tier', 'Nº de client', '', '2024 Spend']);
    expect(plan.customFields.map((f) => f.key)).toEqual([
      'loyalty_tier',
      'loyalty_tier_2',
      'n_de_client',
      'column_5',
      'f_2024_spend',
    ]);
    expect(plan.customFields[3].label).toBe('Column 5');
    expect(customKeyFor('  Café — Notes!  ', 0)).toBe('cafe_notes');
  });

  it('lets the user override any column, case-insensitively, or drop it', () => {
    expect(
      targets(['Tel', 'Notes', 'Secret'], { tel: 'mobile_phone', Notes: 'custom:remarks', SECRET: 'drop' }),
    ).toEqual({
      Tel: 'mobile_phone',
      Notes: 'custom:remarks',
      Secret: 'drop',
    });
  });

  it('refuses a mapping with no phone column, naming the headers', () => {
    try {
      buildMapping(['Name', 'Email']);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('invalid_input');
      expect((e as Error).message).toContain('"Name", "Email"');
    }
    expect(() => buildMapping(['Phone'], { Phone: 'nonsense' as never })).toThrow(/cannot be mapped/);
  });
});

describe('cell values', () => {
  it.each([
    ['Anna Smith', 'Anna', 'Smith'],
    ['Smith, Anna', 'Anna', 'Smith'],
    ['Dr. María José de la Cruz Jr.', 'María José', 'de la Cruz Jr.'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Mary Ann Smith', 'Mary Ann', 'Smith'],
    ['Cher', 'Cher', ''],
    ['Anna Smith, Jr.', 'Anna', 'Smith Jr.'],
    ['  ', '', ''],
  ])('splits "%s" into "%s" / "%s"', (full, first, last) => {
    expect(splitFullName(full)).toEqual({ firstName: first, lastName: last });
  });

  it('splits tags as each exporter joins them', () => {
    expect(splitTags('* myContacts ::: VIP ::: * starred')).toEqual(['VIP', 'starred']);
    expect(splitTags('Clients;VIP')).toEqual(['Clients', 'VIP']);
    expect(splitTags('VIP, Wholesale, vip')).toEqual(['VIP', 'Wholesale']);
    expect(splitTags('"Customers","VIP"')).toEqual(['Customers', 'VIP']);
    expect(splitTags('')).toEqual([]);
  });

  it('reads consent words, and anything unclear as not stated', () => {
    expect(['yes', 'Y', 'TRUE', '1', 'subscribed', 'opted_in'].map(parseConsent)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(['no', 'false', '0', 'unsubscribed', 'not_subscribed', 'opt-out'].map(parseConsent)).toEqual([
      0, 0, 0, 0, 0, 0,
    ]);
    expect(['', 'pending', 'maybe'].map(parseConsent)).toEqual([null, null, null]);
  });

  it('splits cells holding several numbers', () => {
    expect(splitPhoneCell('(212) 555-0101 ::: (646) 555-0102')).toEqual(['(212) 555-0101', '(646) 555-0102']);
    expect(splitPhoneCell('212-555-0101; 646-555-0102')).toEqual(['212-555-0101', '646-555-0102']);
    expect(splitPhoneCell('+1 212 555 0101')).toEqual(['+1 212 555 0101']);
  });
});
