import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../electron/db/connection';
import { runCli } from '../../../electron/cli/index';
import { tempDir } from '../../helpers/db';
import { seedContacts } from './seed';

let dir: { dir: string; cleanup: () => void };
let db: string;

beforeEach(() => {
  dir = tempDir();
  db = join(dir.dir, 'desk.sqlite');
});
afterEach(() => dir.cleanup());

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => '',
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Writes straight to the database file the CLI uses, as another process (an import) would. */
function withDb(fn: (sql: ReturnType<typeof openDatabase>) => void) {
  const handle = openDatabase(db);
  try {
    fn(handle);
  } finally {
    handle.close();
  }
}

describe('templates CLI', () => {
  it('adds a template and prints { id } with --json, then lists it', async () => {
    const add = await cli(
      '--json',
      'templates',
      'add',
      '--name',
      'Weekend sale',
      '--body',
      'Hi {{first_name|there}}! Reply STOP to opt out',
      '--category',
      'Promotions',
    );
    expect(add).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(add.stdout)).toEqual({ id: 1 });
    await cli('templates', 'add', '--name', 'Reminder', '--body', 'See you tomorrow', '--notes', 'for bookings');
    const text = await cli('templates', 'list');
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')).toEqual([
      '#2  Reminder  last used never',
      '#1  Weekend sale  [Promotions]  last used never',
    ]);
    const json = JSON.parse((await cli('--json', 'templates', 'list', '--search', 'weekend')).stdout);
    expect(json).toEqual([
      expect.objectContaining({
        id: 1,
        name: 'Weekend sale',
        category: 'Promotions',
        archived: false,
        lastUsedAt: null,
      }),
    ]);
  });

  it('previews with --json in exactly the documented shape, for a phone typed in any format', async () => {
    await cli('settings', 'set', 'business.name', 'Bloom Salon');
    await cli(
      'templates',
      'add',
      '--name',
      'Perks',
      '--body',
      'Hi {{first_name}} \u2014 {{business_name}} perks! bit.ly/x',
    );
    withDb((h) =>
      seedContacts(h, [
        { phone: '+14155550100', first: 'Ana' },
        { phone: '+14155550101', first: null },
      ]),
    );
    const r = await cli('--json', 'templates', 'preview', '1', '--contact', '(415) 555-0101');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['text', 'encoding', 'segments', 'characters', 'warnings']);
    expect(doc).toEqual({
      text: 'Hi  \u2014 Bloom Salon perks! bit.ly/x',
      encoding: 'UCS-2',
      segments: 1,
      characters: 33,
      warnings: [
        { code: 'link_shortener', message: expect.stringContaining('bit.ly'), position: { start: 45, end: 53 } },
        {
          code: 'missing_value',
          message: expect.stringContaining('{{first_name}} is empty for this contact'),
          position: { start: 3, end: 17 },
        },
        { code: 'missing_opt_out', message: expect.stringContaining('Reply STOP') },
        { code: 'ucs2_forced', message: expect.stringContaining('UCS-2'), position: { start: 18, end: 19 } },
      ],
    });
    for (const w of doc.warnings)
      expect(Object.keys(w).sort()).toEqual(w.position ? ['code', 'message', 'position'] : ['code', 'message']);
    const human = await cli('templates', 'preview', '1', '--contact', '+1 415 555 0100');
    expect(human.stdout.split('\n').slice(0, 3)).toEqual([
      'Hi Ana \u2014 Bloom Salon perks! bit.ly/x',
      '',
      'For Ana (+14155550100): UCS-2, 1 segment, 36 characters.',
    ]);
  });

  it('exits 1 with one clear line when no contact has the phone, 2 for usage errors', async () => {
    await cli('templates', 'add', '--name', 'A', '--body', 'Hi');
    const missing = await cli('templates', 'preview', '1', '--contact', '415-555-0199');
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: No contact has the phone number +14155550199. Check the number, or import the contact first.',
    });
    const missingJson = await cli('--json', 'templates', 'preview', '1', '--contact', '415-555-0199');
    expect(JSON.parse(missingJson.stderr)).toEqual({
      error: { code: 'not_found', message: expect.stringContaining('+14155550199') },
    });
    expect((await cli('templates', 'preview', '9')).code).toBe(1);
    expect(await cli('templates', 'preview', 'one')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('expected a template id'),
    });
    expect(await cli('templates', 'preview')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('missing argument'),
    });
    expect(await cli('templates', 'add', '--name', 'No body')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--body is required'),
    });
    expect(await cli('templates', 'add', '--name', ' ', '--body', 'x')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('name: give the template a name'),
    });
    expect(await cli('templates', 'preview', '1', '--contact', 'not a phone')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not a phone number'),
    });
    expect(JSON.parse((await cli('--json', 'templates', 'list')).stdout)).toHaveLength(1);
  });

  it('archives, and deletes, or archives instead when a campaign uses the template', async () => {
    await cli('templates', 'add', '--name', 'Old', '--body', 'x');
    await cli('templates', 'add', '--name', 'Used', '--body', 'y');
    await cli('templates', 'add', '--name', 'Gone', '--body', 'z');
    withDb((h) =>
      h
        .prepare(`INSERT INTO campaigns (name, template_id, created_at, updated_at) VALUES ('March', 2, 'x', 'x')`)
        .run(),
    );
    expect(await cli('templates', 'archive', '1')).toMatchObject({ code: 0, stdout: 'Archived template #1 "Old".' });
    const used = await cli('--json', 'templates', 'delete', '2');
    expect(JSON.parse(used.stdout)).toMatchObject({ id: 2, outcome: 'archived', campaignCount: 1 });
    expect(await cli('templates', 'delete', '3')).toMatchObject({ code: 0, stdout: '"Gone" was deleted.' });
    expect((await cli('templates', 'list')).stdout).toBe('No templates.');
    expect((await cli('templates', 'list', '--archived')).stdout.split('\n')).toEqual([
      '#2  Used  last used never  (archived)',
      '#1  Old  last used never  (archived)',
    ]);
    expect((await cli('templates', 'delete', '3')).code).toBe(1);
  });
});
