import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tempDb } from '../../helpers/db';
import { runImport, type ImportOptions } from '../../../electron/contacts/import';
import { at, contactsByPhone, customValues, fixture } from './import-helpers';

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

const now = at('2025-03-01T12:00:00.000Z');
const importFile = (name: string, options: Partial<ImportOptions> = {}) =>
  runImport(t.path, fixture(name), { defaultCountry: 'US', onDuplicate: 'skip', ...options }, { now, rowWorkers: 1 });

describe('real exports', () => {
  it('Google Contacts: " ::: " numbers, phone labels, labels as tags', async () => {
    const r = await importFile('google-contacts.csv');
    expect(r.detected).toEqual({ format: 'csv', encoding: 'utf-8', bom: false, delimiter: ',' });
    expect(r.counts).toEqual({
      rows: 5,
      imported: 3,
      updated: 0,
      unchanged: 0,
      duplicates: 0,
      invalid: 2,
      notTextable: 0,
    });
    expect(r.rejects).toEqual([
      { row: 3, reason: 'invalid phone for US: "555-12"' },
      { row: 4, reason: 'missing phone' },
    ]);
    const c = contactsByPhone(t.db);
    // Renée's Home cell holds two numbers; her Mobile one is chosen and the others are kept as a custom field.
    expect(c['+19175550103']).toMatchObject({
      first_name: 'Renée',
      last_name: 'Lefèvre',
      email: 'renee@example.com',
      tags: 'VIP',
    });
    expect(customValues(t.db, '+19175550103')).toMatchObject({ organization_name: 'Atelier Lefèvre' });
    expect(c['+14155550111']).toMatchObject({ first_name: 'Zoë', last_name: "O'Brien", tags: 'starred' });
    expect(customValues(t.db, '+14155550111').notes).toBe('Met at the market,\r\nlikes the tote bags');
    // Mateo's mobile is one of Renée's other numbers, not her chosen one, so he is a contact of his own.
    expect(c['+12125550101']).toMatchObject({ first_name: 'Mateo', last_name: 'García', tags: 'Newsletter,VIP' });
    expect(customValues(t.db, '+19175550103').other_phones).toBe('+12125550101 +16465550102');
  });

  it('Outlook in UTF-16 LE with BOM: mobile preferred, categories as tags', async () => {
    const r = await importFile('outlook-utf16le.csv');
    expect(r.detected).toMatchObject({ encoding: 'utf-16le', bom: true, delimiter: ',' });
    expect(r.counts).toMatchObject({ rows: 3, imported: 2, invalid: 1 });
    const c = contactsByPhone(t.db);
    expect(c['+17735550132']).toMatchObject({
      first_name: 'Frédéric',
      last_name: 'Chopin',
      email: 'fred@example.com',
      tags: 'Clients,VIP',
    });
    expect(c['+16175550133']).toMatchObject({ first_name: 'Zoë', last_name: 'Ng', tags: 'Friends' });
    expect(customValues(t.db, '+17735550132')).toMatchObject({
      company: 'Pleyel',
      notes: 'Plays piano\r\nevery evening',
    });
  });

  it('Shopify: apostrophe-prefixed numbers, the SMS consent column, the customer phone before the address phone', async () => {
    const r = await importFile('shopify-customers.csv', { tags: ['shopify'] });
    expect(r.counts).toEqual({
      rows: 5,
      imported: 4,
      updated: 0,
      unchanged: 0,
      duplicates: 0,
      invalid: 1,
      notTextable: 1,
    });
    const c = contactsByPhone(t.db);
    expect(c['+15145550123']).toMatchObject({ first_name: 'Chloé', textable: 1, tags: 'shopify,VIP,Wholesale' });
    expect(c['+12125550151']).toMatchObject({
      first_name: 'Liam',
      textable: 0,
      not_textable_reason: 'no SMS consent in import file',
    });
    expect(c['+4520123456']).toMatchObject({ first_name: 'Søren', textable: 1 });
    // A national UK number is read with the row's address country, not the default country.
    expect(c['+447400123456']).toMatchObject({ first_name: 'Ana', last_name: 'Núñez' });
    expect(customValues(t.db, '+4520123456').note).toBe('Prefers "SMS" at noon');
  });

  it('Square and Mailchimp', async () => {
    await importFile('square-customers.csv');
    await importFile('mailchimp-audience.csv');
    const c = contactsByPhone(t.db);
    expect(c['+13055550177']).toMatchObject({
      first_name: 'Jürgen',
      last_name: 'Schröder',
      email: 'jurgen@example.com',
      tags: 'Loyalty,Regulars',
    });
    expect(c['+17025550188']).toMatchObject({ first_name: 'Olivia', last_name: 'Williams', email: null });
    expect(c['+33612345678']).toMatchObject({ first_name: 'Maëlle', tags: 'Customers,VIP' });
    expect(c['+15035550166']).toMatchObject({ first_name: 'Noah', tags: 'Customers' });
  });

  it('a hand-made sheet: full names split, quoted line breaks, blank and ragged rows, emoji', async () => {
    const r = await importFile('plain-sheet.csv');
    // Row 3 is blank: not counted, but it keeps its number so later rows match the file.
    expect(r.counts).toEqual({
      rows: 6,
      imported: 4,
      updated: 0,
      unchanged: 0,
      duplicates: 1,
      invalid: 1,
      notTextable: 0,
    });
    expect(r.rejects).toEqual([{ row: 5, reason: 'missing phone' }]);
    const c = contactsByPhone(t.db);
    expect(c['+12125550121']).toMatchObject({ first_name: 'Anna', last_name: 'Smith', tags: 'Newsletter,VIP' });
    expect(customValues(t.db, '+12125550121')).toEqual({
      loyalty_tier: 'gold',
      notes: 'Called on Monday\r\nsaid "yes" to texts',
    });
    expect(c['+12125550122']).toMatchObject({ first_name: 'María José', last_name: 'de la Cruz Jr.' });
    expect(customValues(t.db, '+12125550122')).toEqual({ loyalty_tier: 'silver', column_6: 'extra' });
    expect(c['+12125550123']).toMatchObject({ first_name: 'Siobhán', last_name: 'Ó Briain' });
    expect(c['+16465550124']).toMatchObject({ first_name: 'Łukasz 😀', last_name: 'Nowak', tags: 'Emoji' });
  });

  it('a semicolon-separated French sheet with decimal commas', async () => {
    const r = await importFile('european-semicolon.csv', { defaultCountry: 'FR' });
    expect(r.detected.delimiter).toBe(';');
    expect(r.counts).toMatchObject({ imported: 3, invalid: 0 });
    expect(contactsByPhone(t.db)['+33612345678']).toMatchObject({
      first_name: 'Chloé',
      last_name: 'Lefèvre',
      email: 'chloe@example.fr',
    });
    expect(customValues(t.db, '+33612345678')).toEqual({ ville: 'Lyon', chiffre_d_affaires: '1 234,50' });
    expect(customValues(t.db, '+33123456789')).toMatchObject({ ville: 'Saint-Étienne; Loire' });
  });

  it('Windows-1252: é, ü, ñ survive', async () => {
    const r = await importFile('windows-1252.csv');
    expect(r.detected.encoding).toBe('windows-1252');
    const c = contactsByPhone(t.db);
    expect(c['+13055550141']).toMatchObject({ first_name: 'José', last_name: 'Muñoz' });
    expect(c['+13055550142']).toMatchObject({ first_name: 'Hélène', last_name: 'Dupré' });
    expect(c['+13055550143']).toMatchObject({ first_name: 'Jürgen', last_name: 'Müller' });
    expect(customValues(t.db, '+13055550143')).toEqual({ city: 'Düsseldorf' });
  });

  it('iPhone and Android vCards', async () => {
    const r = await importFile('iphone.vcf');
    expect(r.detected).toEqual({ format: 'vcard', encoding: 'utf-8', bom: false, delimiter: null });
    expect(r.counts).toMatchObject({ rows: 4, imported: 3, invalid: 1 });
    expect(r.rejects).toEqual([{ row: 4, reason: 'missing phone' }]);
    await importFile('android-2.1.vcf', { defaultCountry: 'DE' });
    const c = contactsByPhone(t.db);
    expect(c['+14155550142']).toMatchObject({
      first_name: 'María José',
      last_name: 'Núñez',
      email: 'maria@example.com',
      tags: 'Friends,VIP',
    });
    expect(c['+12065550172']).toMatchObject({ first_name: 'Martin', last_name: 'Ødegaard' });
    expect(c['+4915123456789']).toMatchObject({ first_name: 'Jürgen', last_name: 'Müller' });
    expect(c['+4917698765432']).toMatchObject({ first_name: 'Iván', last_name: 'Peña' });
  });

  it('the full worker pipeline (two row workers) gives the same contacts, from a path or from bytes', async () => {
    const a = await runImport(
      t.path,
      fixture('shopify-customers.csv'),
      { defaultCountry: 'US', onDuplicate: 'skip' },
      { now },
    );
    const second = await tempDb();
    try {
      const bytes = new Uint8Array(readFileSync(fixture('shopify-customers.csv')));
      const b = await runImport(
        second.path,
        bytes,
        { defaultCountry: 'US', onDuplicate: 'skip', fileName: 'customers.csv' },
        { now, rowWorkers: 2 },
      );
      expect(b.counts).toEqual(a.counts);
      expect(b.fileName).toBe('customers.csv');
      expect(contactsByPhone(second.db)).toEqual(contactsByPhone(t.db));
    } finally {
      second.cleanup();
    }
  });
});
