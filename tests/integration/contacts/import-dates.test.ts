import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/db';
import { runImport, type ImportOptions } from '../../../electron/contacts/import';
import { parseDateValue } from '../../../shared/date-values';
import { at } from './import-helpers';

let t: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.cleanup());

const now = at('2025-03-01T12:00:00.000Z');
const options: ImportOptions = { defaultCountry: 'US', onDuplicate: 'skip', fileName: 'x.csv' };
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('date columns (birthdays, anniversaries)', () => {
  it('reads common formats into YYYY-MM-DD (0000 when there is no year) and refuses what is not a real date', () => {
    expect(
      [
        '1990-03-05',
        '03/05/1990',
        '3/5/90',
        'March 5, 1990',
        '5 Mar 1990',
        'Feb 29',
        '02/29/2000',
        '2001-07-04T00:00:00',
      ].map(parseDateValue),
    ).toEqual([
      '1990-03-05',
      '1990-03-05',
      '1990-03-05',
      '1990-03-05',
      '1990-03-05',
      '0000-02-29',
      '2000-02-29',
      '2001-07-04',
    ]);
    expect(['soon', '02/29/2001', '13/01/1990', '1990-02-30', 'March', ''].map(parseDateValue)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('imports a "Birthday" column as a date field; rows holding non-dates are reported by row number and not imported', async () => {
    const csv =
      'Name,Phone,Birthday,Date of birth\nAnn,2125550101,03/05/1990,\nBob,2125550102,next week,\nCy,2125550103,,"July 4, 1980"\nDi,2125550104,02/30/1991,\n';
    const r = await runImport(t.path, bytes(csv), options, { now, rowWorkers: 1 });
    expect(r.counts).toMatchObject({ rows: 4, imported: 2, invalid: 2 });
    expect(r.rejects).toEqual([
      { row: 2, reason: 'Birthday: "next week" is not a date (write it as 1990-03-05, 03/05/1990 or March 5, 1990)' },
      { row: 4, reason: 'Birthday: "02/30/1991" is not a date (write it as 1990-03-05, 03/05/1990 or March 5, 1990)' },
    ]);
    const db = t.db;
    expect(db.prepare(`SELECT key, type FROM custom_fields ORDER BY key`).all()).toEqual([
      { key: 'birthday', type: 'date' },
      { key: 'date_of_birth', type: 'date' },
    ]);
    expect(
      db
        .prepare(
          `SELECT c.first_name AS name, f.key, v.value FROM contact_field_values v JOIN contacts c ON c.id = v.contact_id JOIN custom_fields f ON f.id = v.field_id ORDER BY 1`,
        )
        .all(),
    ).toEqual([
      { name: 'Ann', key: 'birthday', value: '1990-03-05' },
      { name: 'Cy', key: 'date_of_birth', value: '1980-07-04' },
    ]);
  });
});
