import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tempDir } from '../../helpers/db';

let cleanup = () => {};
afterEach(() => cleanup());

describe('CLI: recurring campaigns and the calendar', () => {
  it('creates a series from an RRULE with --at local to business.timezone, lists occurrences and the calendar in the exact shapes', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = join(t.dir, 'desk.sqlite');
    const json = async (...args: string[]) => {
      const r = await cli(['--db', db, '--json', ...args]);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout);
    };
    await json('settings', 'set', 'business.timezone', 'Europe/Berlin');
    const created = await json(
      'campaigns',
      'create',
      '--name',
      'Tips',
      '--body',
      'Tips. Reply STOP to opt out',
      '--repeat',
      'FREQ=WEEKLY;BYDAY=TU;INTERVAL=2',
      '--at',
      '2027-03-02T10:00',
      '--count',
      '3',
    );
    expect(created).toEqual({ id: 1 });
    const occ = await json('campaigns', 'occurrences', '1', '--count', '5');
    // 3 sends only; Berlin moves to summer time on 28 March 2027, and 10:00 stays 10:00.
    expect(occ).toEqual({
      occurrences: [
        { at: '2027-03-02T10:00:00+01:00', status: 'planned' },
        { at: '2027-03-16T10:00:00+01:00', status: 'planned' },
        { at: '2027-03-30T10:00:00+02:00', status: 'planned' },
      ],
    });
    // Not started yet: the series' dates show as a draft.
    const cal = await json('calendar', '--from', '2027-03-01', '--to', '2027-03-20');
    expect(cal).toEqual({
      entries: [
        { campaignId: 1, name: 'Tips', at: '2027-03-02T10:00:00+01:00', kind: 'recurring', status: 'draft' },
        { campaignId: 1, name: 'Tips', at: '2027-03-16T10:00:00+01:00', kind: 'recurring', status: 'draft' },
      ],
    });
    expect(await json('campaigns', 'launch', '1')).toMatchObject({ status: 'scheduled' });
    expect(await json('campaigns', 'pause', '1')).toMatchObject({ status: 'paused' });
    expect(await json('campaigns', 'resume', '1')).toMatchObject({ status: 'scheduled' });
    expect(await json('campaigns', 'cancel', '1')).toMatchObject({ status: 'cancelled' });
    expect(await json('campaigns', 'occurrences', '1')).toEqual({ occurrences: [] });
  });

  it('refuses a count of 0, a rule that never fires, an end before the start, both --until and --count — saving nothing', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = join(t.dir, 'desk.sqlite');
    const create = (...extra: string[]) =>
      cli([
        '--db',
        db,
        'campaigns',
        'create',
        '--name',
        'X',
        '--body',
        'Hi. Reply STOP to opt out',
        '--at',
        '2027-03-02T10:00',
        ...extra,
      ]);
    expect(await create('--repeat', 'FREQ=DAILY', '--count', '0')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--count must be a whole number of sends, 1 or more'),
    });
    expect(await create('--repeat', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30')).toMatchObject({
      stderr: expect.stringContaining('never fires'),
    });
    expect(await create('--repeat', 'FREQ=DAILY', '--until', '2027-03-01')).toMatchObject({
      stderr: expect.stringContaining('The repeat ends (2027-03-01 23:59) before it starts (2027-03-02 10:00'),
    });
    expect(await create('--repeat', 'FREQ=DAILY', '--until', '2027-04-01', '--count', '2')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--until or --count'),
    });
    expect(await create('--repeat', 'FREQ=SECONDLY')).toMatchObject({
      stderr: expect.stringContaining('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY'),
    });
    const list = await cli(['--db', db, '--json', 'campaigns', 'list']);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});
