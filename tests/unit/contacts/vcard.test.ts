import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVcards, VCARD_HEADERS, VcardReader } from '../../../electron/contacts/import/vcard';

const col = (rec: string[], header: (typeof VCARD_HEADERS)[number]) => rec[VCARD_HEADERS.indexOf(header)];

describe('vCard reader', () => {
  it('reads an iPhone export: labels, folded lines, categories, and skips photos', () => {
    const cards = parseVcards(readFileSync('tests/fixtures/contacts/iphone.vcf', 'utf8'));
    expect(cards).toHaveLength(4);
    const [maria, martin, desk, nobody] = cards;
    expect(col(maria, 'First Name')).toBe('María José');
    expect(col(maria, 'Last Name')).toBe('Núñez');
    expect(col(maria, 'Mobile Phone')).toBe('+1 (415) 555-0142');
    expect(col(maria, 'Other Phone')).toBe('(415) 555-0199');
    expect(col(maria, 'E-mail Address')).toBe('maria@example.com');
    expect(col(maria, 'Categories')).toBe('Friends ::: VIP');
    expect(col(maria, 'Organization')).toBe('Café Luna');
    expect(col(maria, 'Note')).toBe(
      'Loves the new seasonal menu and asked to hear about tastings. This note is long enough that the phone folded it onto a second line.',
    );
    expect(col(martin, 'Mobile Phone')).toBe('(206) 555-0172 ::: (206) 555-0172');
    expect(col(martin, 'Other Phone')).toBe('(206) 555-0171');
    expect(col(martin, 'Birthday')).toBe('1998-12-17');
    expect(col(desk, 'First Name')).toBe('Front Desk');
    expect(col(desk, 'Other Phone')).toBe('+1 206 555 0190');
    expect(col(nobody, 'Mobile Phone') + col(nobody, 'Other Phone')).toBe('');
  });

  it('decodes vCard 2.1 quoted-printable values, joined across soft line breaks', () => {
    const [jurgen, ivan] = parseVcards(readFileSync('tests/fixtures/contacts/android-2.1.vcf', 'utf8'));
    expect(col(jurgen, 'First Name')).toBe('Jürgen');
    expect(col(jurgen, 'Last Name')).toBe('Müller');
    expect(col(jurgen, 'Full Name')).toBe('Jürgen Müller');
    expect(col(jurgen, 'Mobile Phone')).toBe('+49 151 23456789');
    expect(col(jurgen, 'Other Phone')).toBe('+49 30 1234567');
    expect(col(jurgen, 'Note')).toBe('Kunde seit 2019, bevorzugt SMS am Nachmittag. Sehr freundlich und pünktlich.');
    expect(col(ivan, 'First Name')).toBe('Iván');
    expect(col(ivan, 'Last Name')).toBe('Peña');
  });

  it('reads vCard 4.0 tel: URIs, quoted TYPE lists and escaped text', () => {
    const [card] = parseVcards(
      'BEGIN:VCARD\nVERSION:4.0\nFN:Ana\\, the baker\nN:Baker;Ana;;;\nTEL;VALUE=uri;TYPE="cell,voice":tel:+1-555-555-0100\nCATEGORIES:Bread\\, cakes,Local\nEND:VCARD\n',
    );
    expect(col(card, 'Full Name')).toBe('Ana, the baker');
    expect(col(card, 'Mobile Phone')).toBe('+1-555-555-0100');
    expect(col(card, 'Categories')).toBe('Bread, cakes ::: Local');
  });

  it('never throws on broken cards, and every card has every column', () => {
    const piece = fc.constantFrom(
      'BEGIN:VCARD\r\n',
      'END:VCARD\n',
      'TEL;CELL:',
      'N:',
      ';',
      ':',
      '=',
      '=C3',
      '\r\n ',
      '\n',
      'item1.',
      'X-ABLabel:',
      'ENCODING=QUOTED-PRINTABLE',
      '"',
      ',',
      '\\',
      'é',
      '2125550101',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 3 })), { maxLength: 60 }), (parts) => {
        for (const card of parseVcards(parts.join(''))) expect(card).toHaveLength(VCARD_HEADERS.length);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same cards however the text is split', () => {
    const text = readFileSync('tests/fixtures/contacts/iphone.vcf', 'utf8');
    const whole = parseVcards(text);
    for (const size of [1, 7, 64]) {
      const reader = new VcardReader();
      const out: string[][] = [];
      for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size), out);
      reader.finish(out);
      expect(out).toEqual(whole);
    }
  });
});
