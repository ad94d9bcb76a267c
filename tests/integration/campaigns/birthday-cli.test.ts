import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tempDir } from '../../helpers/db';

let cleanup = () => {};
afterEach(() => cleanup());

function desk() {
  const t = tempDir();
  cleanup = t.cleanup;
  const db = join(t.dir, 'desk.sqlite');
  const json = async (...args: string[]) => {
    const r = await cli(['--db', db, '--json', ...args]);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout);
  };
  return { db, json };
}

describe('CLI: date fields and birthday (date-field) campaigns', () => {
  it('adds a date field by hand, creates a birthday series on it, and shows it as kind birthday in occurrences and the calendar', async () => {
    const { json } = desk();
    await json('settings', 'set', 'business.timezone', 'America/Chicago');
    expect(await json('contacts', 'fields', 'add', '--label', 'Birthday', '--type', 'date')).toMatchObject({
      key: 'birthday',
      label: 'Birthday',
      type: 'date',
      contacts: 0,
    });
    expect(await json('contacts', 'fields', 'add', '--label', 'City')).toMatchObject({ key: 'city', type: 'text' });
    expect(
      (await json('contacts', 'fields', 'list')).map((f: { key: string; type: string }) => [f.key, f.type]),
    ).toEqual([
      ['birthday', 'date'],
      ['city', 'text'],
    ]);

    const created = await json(
      'campaigns',
      'create',
      '--name',
      'Birthday treat',
      '--body',
      'Happy birthday! Reply STOP to opt out',
      '--tag',
      'vip',
      '--date-field',
      'birthday',
      '--days-before',
      '3',
      '--time',
      '10:30',
      '--local-time',
    );
    expect(created).toEqual({ id: 1 });

    // The series checks every day at 10:30 from today (in the business's zone) for contacts whose birthday is 3 days later.
    const today = DateTime.now().setZone('America/Chicago').startOf('day');
    const occ = await json('campaigns', 'occurrences', '1', '--count', '2');
    expect(occ.occurrences).toHaveLength(2);
    for (const o of occ.occurrences) {
      expect(o).toMatchObject({ status: 'planned' });
      expect(DateTime.fromISO(o.at, { setZone: true }).toFormat('HH:mm')).toBe('10:30');
    }
    const from = today.plus({ days: 2 }).toISODate()!;
    const to = today.plus({ days: 3 }).toISODate()!;
    const cal = await json('calendar', '--from', from, '--to', to);
    expect(cal.entries.length).toBeGreaterThanOrEqual(1);
    for (const e of cal.entries)
      expect(e).toMatchObject({ campaignId: 1, name: 'Birthday treat', kind: 'birthday', status: 'draft' });
  });

  it('refuses an unknown field, a text field, days-before outside 0–60, a bad time, and --repeat with it — saving nothing', async () => {
    const { db, json } = desk();
    await json('contacts', 'fields', 'add', '--label', 'City');
    const create = (...extra: string[]) =>
      cli(['--db', db, 'campaigns', 'create', '--name', 'B', '--body', 'Hi. Reply STOP to opt out', ...extra]);
    expect(await create('--date-field', 'nope')).toMatchObject({
      stderr: expect.stringContaining('There is no contact field "nope"'),
    });
    expect(await create('--date-field', 'city')).toMatchObject({
      stderr: expect.stringContaining('holds text, not dates'),
    });
    expect(await create('--date-field', 'city', '--days-before', '61')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--days-before must be a whole number of days from 0 to 60, got "61"'),
    });
    expect(await create('--date-field', 'city', '--days-before', '-1')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--days-before'),
    });
    expect(await create('--date-field', 'city', '--time', '25:00')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--time must be a 24-hour time such as 09:00, got "25:00"'),
    });
    expect(await create('--days-before', '2')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--days-before only apply with --date-field KEY'),
    });
    expect(await create('--date-field', 'city', '--repeat', 'FREQ=DAILY', '--at', '2027-03-02T10:00')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('not both'),
    });
    expect(await cli(['--db', db, 'contacts', 'fields', 'add', '--label', 'X', '--type', 'number'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--type must be text or date'),
    });
    expect(await json('campaigns', 'list')).toEqual([]);
  });
});
