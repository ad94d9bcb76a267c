import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/index';
import { openDatabase } from '../../../electron/db/connection';
import { startFakeNumVerify } from '../../fakes/numverify';
import { tempDir } from '../../helpers/db';
import { contactsByPhone, customValues, fixture, snapshot } from './import-helpers';

let dir: { dir: string; cleanup: () => void };
let db: string;
beforeEach(() => {
  dir = tempDir();
  db = join(dir.dir, 'desk.sqlite');
});
afterEach(() => dir.cleanup());

async function cli(args: string[], dbPath = db) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', dbPath, ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => '',
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
const json = async (args: string[], dbPath = db) => {
  const r = await cli(['--json', ...args], dbPath);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
function inspect<T>(fn: (d: ReturnType<typeof openDatabase>) => T, dbPath = db): T {
  const d = openDatabase(dbPath);
  try {
    return fn(d);
  } finally {
    d.close();
  }
}

describe('import on the command line', () => {
  it('--dry-run --json prints exactly the report shape and writes nothing', async () => {
    await cli(['contacts', 'count']);
    const before = inspect(snapshot);
    const r = await json(['import', fixture('plain-sheet.csv'), '--dry-run', '--tag', 'Spring']);
    expect(Object.keys(r)).toEqual(['importId', 'rows', 'imported', 'updated', 'duplicates', 'invalid', 'rejects']);
    expect(r).toEqual({
      importId: expect.stringMatching(/^imp_/),
      rows: 6,
      imported: 4,
      updated: 0,
      duplicates: 1,
      invalid: 1,
      rejects: [{ row: 5, reason: 'missing phone' }],
    });
    expect(inspect(snapshot)).toEqual(before);
  });

  it('imports with tags, a mapping and a country; lists and undoes imports', async () => {
    const first = await json([
      'import',
      fixture('plain-sheet.csv'),
      '--tag',
      'Spring',
      '--tag',
      'Fair',
      '--map',
      'loyalty tier=custom:tier',
      '--map',
      'notes=drop',
    ]);
    expect(first).toMatchObject({ imported: 4, invalid: 1 });
    const people = inspect(contactsByPhone);
    expect(people['+12125550121']).toMatchObject({
      first_name: 'Anna',
      last_name: 'Smith',
      tags: 'Fair,Newsletter,Spring,VIP',
    });
    expect(inspect((d) => customValues(d, '+12125550121'))).toMatchObject({ tier: 'gold' });
    expect(inspect((d) => customValues(d, '+12125550121')).notes).toBeUndefined();

    const text = await cli([
      'import',
      fixture('european-semicolon.csv'),
      '--country',
      'FR',
      '--on-duplicate',
      'update',
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Imported european-semicolon\.csv \(imp_[\w-]+\)\.\n {2}rows read/);
    const list = await json(['imports', 'list']);
    expect(list).toHaveLength(2);
    expect(list[1]).toEqual({
      id: first.importId,
      fileName: 'plain-sheet.csv',
      status: 'completed',
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      undoneAt: null,
      rows: 6,
      imported: 4,
      updated: 0,
      duplicates: 1,
      invalid: 1,
    });
    const undo = await cli(['imports', 'undo', first.importId]);
    expect([undo.code, undo.stdout]).toEqual([0, `Undid import ${first.importId}: removed 4 contacts, restored 0.`]);
    expect(inspect(contactsByPhone)['+12125550121']).toBeUndefined();
    expect((await json(['imports', 'list']))[1]).toMatchObject({ status: 'undone', undoneAt: expect.any(String) });
    expect((await cli(['imports', 'undo', first.importId])).code).toBe(1);
  });

  it('refuses bad options with a usage error and a missing file plainly', async () => {
    const dup = await cli(['import', fixture('plain-sheet.csv'), '--on-duplicate', 'merge']);
    expect([dup.code, dup.stderr]).toEqual([2, expect.stringContaining('--on-duplicate must be skip or update')]);
    const country = await cli(['--json', 'import', fixture('plain-sheet.csv'), '--country', 'USA']);
    expect(country.code).toBe(2);
    expect(JSON.parse(country.stderr).error.message).toContain('--country');
    const map = await cli(['import', fixture('plain-sheet.csv'), '--map', 'mobile']);
    expect([map.code, map.stderr]).toEqual([2, expect.stringContaining('"Header=field"')]);
    const missing = await cli(['import', join(dir.dir, 'nope.csv')]);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('There is no file at')]);
    expect(await json(['imports', 'list'])).toEqual([]);
  });
});

describe('consent on the command line', () => {
  it('says when a file states no consent, and records the --consent answer otherwise', async () => {
    const text = await cli(['import', fixture('plain-sheet.csv')]);
    expect(text.stdout).toContain('SMS consent not stated for 4 new contacts: they are kept but not textable.');
    expect(await json(['contacts', 'count', '--textable'])).toEqual({ count: 0 });
    const other = join(dir.dir, 'other.sqlite');
    const answered = await cli(['import', fixture('plain-sheet.csv'), '--consent', 'Signed up at the till'], other);
    expect(answered.stdout).not.toContain('not stated');
    expect(inspect((d) => d.prepare('SELECT DISTINCT consent, note FROM consent_records').all(), other)).toEqual([
      { consent: 1, note: 'Signed up at the till' },
    ]);
  });
});

describe('contacts on the command line', () => {
  it('counts, lists and searches; opts out and in by hand, audited', async () => {
    await json(['import', fixture('plain-sheet.csv'), '--tag', 'Spring', '--consent', 'Signed up at the till']);
    expect(await json(['contacts', 'count'])).toEqual({ count: 4 });
    expect(await json(['contacts', 'count', '--tag', 'vip'])).toEqual({ count: 1 });
    const out = await json(['contacts', 'opt-out', '(212) 555-0121', '--reason', 'asked at the till']);
    expect(out).toEqual({ contactId: expect.any(Number), phone: '+12125550121', optedOut: true, changed: true });
    expect(await json(['contacts', 'count', '--textable'])).toEqual({ count: 3 });
    expect((await cli(['contacts', 'opt-out', '212-555-0121'])).stdout).toBe(
      '+12125550121 was already opted out; nothing changed.',
    );
    expect((await cli(['contacts', 'opt-in', '+1 212 555 0121'])).stdout).toBe(
      '+12125550121 is now opted in; recorded in the opt-out audit log.',
    );
    expect(
      inspect((d) =>
        d.prepare('SELECT phone, new_state, source, actor, message_text FROM optout_audit ORDER BY id').all(),
      ),
    ).toEqual([
      {
        phone: '+12125550121',
        new_state: 'opted_out',
        source: 'manual',
        actor: 'user',
        message_text: 'asked at the till',
      },
      {
        phone: '+12125550121',
        new_state: 'opted_in',
        source: 'manual',
        actor: 'user',
        message_text: 'Opted back in by hand in the app',
      },
    ]);

    const page = await json(['contacts', 'list', '--search', '646 555 0124']);
    expect(page).toMatchObject({
      total: 1,
      totalIsExact: true,
      nextAfterId: null,
      rows: [{ phone: '+16465550124', lastName: 'Nowak', tags: ['Emoji', 'Spring'] }],
    });
    expect((await json(['contacts', 'list', '--limit', '2'])).rows).toHaveLength(2);
    expect(
      (await json(['contacts', 'list', '--tag', 'VIP', '--search', 'smith'])).rows.map(
        (r: { phone: string }) => r.phone,
      ),
    ).toEqual(['+12125550121']);
    const text = await cli(['contacts', 'list', '--search', 'siobhan']);
    expect(text.stdout).toBe('+12125550123      Siobhán Ó Briain  [Spring]\n\n1 shown of 1.');
    expect((await cli(['contacts', 'list', '--limit', '0'])).code).toBe(2);
    expect((await cli(['contacts', 'opt-in', '+1 999'])).code).toBe(2);
  });

  it('exports every contact to CSV, and the file imports into a new database as the same contacts', async () => {
    await json(['import', fixture('plain-sheet.csv'), '--tag', 'Spring', '--map', 'loyalty tier=custom:tier']);
    await json(['import', fixture('google-contacts.csv')]);
    const file = join(dir.dir, 'export.csv');
    const r = await json(['contacts', 'export', file]);
    const original = inspect(contactsByPhone);
    expect(r).toEqual({ file, rows: Object.keys(original).length });
    expect(readFileSync(file, 'utf8').startsWith('\uFEFFPhone,First Name,Last Name,Email,Tags,')).toBe(true);

    const other = join(dir.dir, 'other.sqlite');
    const status = [
      'Opted Out',
      'Opted Out At',
      'Textable',
      'Not Textable Reason',
      'Line Type',
      'Carrier',
      'Created At',
      'Last Contacted At',
    ].flatMap((h) => ['--map', `${h}=drop`]);
    const back = await json(['import', file, ...status], other);
    expect(back).toMatchObject({ rows: r.rows, imported: r.rows, invalid: 0, duplicates: 0 });
    const strip = (m: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(m).map(([k, v]) => [
          k,
          { ...(v as object), textable: undefined, not_textable_reason: undefined },
        ]),
      );
    expect(strip(inspect(contactsByPhone, other))).toEqual(strip(original));
    for (const phone of Object.keys(original))
      expect(inspect((d) => customValues(d, phone), other)).toEqual(inspect((d) => customValues(d, phone)));
  });

  it('verify checks numbers with NumVerify from the settings and secrets; segments list', async () => {
    const fake = await startFakeNumVerify({
      numbers: { '+12125550122': { lineType: 'landline', carrier: 'Verizon' } },
    });
    try {
      await json(['import', fixture('plain-sheet.csv'), '--tag', 'Spring', '--consent', 'Signed up at the till']);
      expect((await cli(['contacts', 'verify'])).stderr).toContain('NumVerify access key');
      await cli(['settings', 'set', 'numverify.baseUrl', fake.url]);
      const setKey = await runCli(['--db', db, 'secrets', 'set', 'numverify.apiKey'], {
        stdout: () => undefined,
        stderr: () => undefined,
        readStdin: async () => 'test-numverify-key\n',
      });
      expect(setKey).toBe(0);
      const report = await json(['contacts', 'verify', '--tag', 'VIP']);
      expect(report).toEqual({
        selected: 1,
        checked: 1,
        fromCache: 0,
        lookups: 1,
        mobile: 1,
        landline: 0,
        voip: 0,
        invalid: 0,
        markedNotTextable: 0,
        failed: [],
        stopped: null,
      });
      const all = await cli(['contacts', 'verify']);
      expect(all.stdout.split('\n')[0]).toBe('Checked 4 of 4 numbers (1 from the 30-day cache, 3 looked up).');
      expect(fake.calls).toBe(4);
      expect(inspect(contactsByPhone)['+12125550122']).toMatchObject({
        textable: 0,
        not_textable_reason: 'landline (NumVerify)',
      });
    } finally {
      await fake.close();
    }
    expect(await json(['segments', 'list'])).toEqual([]);
    expect((await cli(['segments', 'list'])).stdout).toBe('No saved segments.');
  });
});
