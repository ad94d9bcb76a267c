import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../migrations';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/index';
import { tempDir } from '../../helpers/db';

async function cli(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => stdin,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('CLI', () => {
  it('doctor --json prints one JSON document with the schema version and integrity ok', async () => {
    const t = tempDir();
    const db = join(t.dir, 'desk.sqlite');
    const r = await cli(['--db', db, 'doctor', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      schemaVersion: latestSchemaVersion,
      integrity: 'ok',
      provider: 'sandbox',
      databasePath: db,
      dataDir: t.dir,
      secretStorage: { backend: 'file' },
    });
    expect(doc.secretStorage.note).toMatch(/unencrypted/);
    t.cleanup();
  });

  it('settings set/get/list/reset round-trip, shared by every process on the same database', async () => {
    const t = tempDir();
    const db = join(t.dir, 'desk.sqlite');
    expect((await cli(['--db', db, 'settings', 'set', 'sandbox.deliveryDelayMs', '250'])).code).toBe(0);
    expect((await cli(['--db', db, 'settings', 'get', 'sandbox.deliveryDelayMs'])).stdout).toBe('250');
    const list = JSON.parse((await cli(['--db', db, '--json', 'settings', 'list'])).stdout) as Array<{
      key: string;
      value: unknown;
      isDefault: boolean;
    }>;
    expect(list.find((r) => r.key === 'sandbox.deliveryDelayMs')).toMatchObject({ value: 250, isDefault: false });
    expect((await cli(['--db', db, 'settings', 'reset', 'sandbox.deliveryDelayMs'])).code).toBe(0);
    expect((await cli(['--db', db, 'settings', 'get', 'sandbox.deliveryDelayMs'])).stdout).toBe('1500');
    t.cleanup();
  });

  it('exits 2 on usage errors and 1 on failures, with one line on stderr naming the problem', async () => {
    const t = tempDir();
    const db = join(t.dir, 'desk.sqlite');
    const unknown = await cli(['--db', db, 'frobnicate']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^error: unknown command "frobnicate"/);
    const badSetting = await cli(['--db', db, 'settings', 'set', 'no.such', '1']);
    expect(badSetting.code).toBe(2);
    expect(badSetting.stderr).toMatch(/unknown setting "no.such"/);
    const badValue = await cli(['--db', db, '--json', 'settings', 'set', 'quietHours.start', '25:00']);
    expect(badValue.code).toBe(2);
    expect(JSON.parse(badValue.stderr)).toEqual({
      error: { code: 'invalid_input', message: expect.stringContaining('quietHours.start') },
    });
    const badOption = await cli(['--db', db, 'doctor', '--verbose']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/--verbose/);
    const extraArg = await cli(['--db', db, 'settings', 'get', 'provider', 'extra']);
    expect(extraArg.code).toBe(2);
    const exists = await cli(['--db', db, 'db', 'backup', db]);
    expect(exists.code).toBe(1);
    expect(exists.stderr.split('\n')).toHaveLength(1);
    expect(exists.stderr).toMatch(/already exists/);
    t.cleanup();
  });

  it('db backup writes a consistent copy and db check runs integrity_check', async () => {
    const t = tempDir();
    const db = join(t.dir, 'desk.sqlite');
    await cli(['--db', db, 'settings', 'set', 'business.name', 'Corner Café']);
    const backup = join(t.dir, 'copy.sqlite');
    expect((await cli(['--db', db, 'db', 'backup', backup])).code).toBe(0);
    expect((await cli(['--db', backup, 'settings', 'get', 'business.name'])).stdout).toBe('Corner Café');
    const check = await cli(['--db', db, '--json', 'db', 'check']);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, integrity: 'ok' });
    t.cleanup();
  });

  it('never prints a secret, stores it 0600, and lists names only', async () => {
    const t = tempDir();
    const db = join(t.dir, 'desk.sqlite');
    const secret = 'sk_live_SUPERSECRET_4242';
    const set = await cli(['--db', db, 'secrets', 'set', 'quo.apiKey'], `${secret}\n`);
    expect(set.code).toBe(0);
    const outputs = [
      set,
      await cli(['--db', db, 'secrets', 'list']),
      await cli(['--db', db, '--json', 'secrets', 'list']),
      await cli(['--db', db, '--json', 'doctor']),
      await cli(['--db', db, '--json', 'settings', 'list']),
      await cli(['--db', db, 'secrets', 'set', 'nope.key', secret]),
    ];
    for (const o of outputs) expect(o.stdout + o.stderr).not.toContain(secret);
    expect(JSON.parse(outputs[2].stdout).find((r: { name: string }) => r.name === 'quo.apiKey')).toMatchObject({
      isSet: true,
      backend: 'file',
    });
    const file = join(t.dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))['quo.apiKey']).toBe(secret);
    expect((await cli(['--db', db, 'secrets', 'delete', 'quo.apiKey'])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))['quo.apiKey']).toBeUndefined();
    const empty = await cli(['--db', db, 'secrets', 'set', 'quo.apiKey'], '');
    expect(empty.code).toBe(2);
    t.cleanup();
  });

  it('works as a real process through npm run -s cli, with exit codes', () => {
    const t = tempDir();
    const env = { ...process.env, SMS_DESK_DB: join(t.dir, 'desk.sqlite') };
    const out = execFileSync('npm', ['run', '-s', 'cli', '--', 'doctor', '--json'], { env, encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ integrity: 'ok', schemaVersion: latestSchemaVersion });
    const bad = spawnSync('npm', ['run', '-s', 'cli', '--', '--json', 'bogus'], { env, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stderr.trim())).toEqual({
      error: { code: 'usage', message: expect.stringContaining('bogus') },
    });
    t.cleanup();
  });
});

describe('CLI text output from file content', () => {
  it('strips terminal control sequences a CSV header or cell carries (a header must not clear the screen)', async () => {
    const t = tempDir();
    const db = join(t.dir, 'desk.sqlite');
    const noPhone = join(t.dir, 'no-phone.csv');
    writeFileSync(noPhone, '\x1b[2Jname,\x1b[31mmobile\u202e\n');
    const refused = await cli(['--db', db, 'import', noPhone, '--dry-run']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('"name", "mobile"');
    const badPhone = join(t.dir, 'bad-phone.csv');
    writeFileSync(badPhone, 'name,phone\nAna,\x1b[2J123\u202e\n');
    const report = await cli(['--db', db, 'import', badPhone, '--dry-run']);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('row 1: invalid phone for US: "123"');

    for (const out of [refused.stderr, report.stdout])
      // eslint-disable-next-line no-control-regex -- the output must hold no control characters
      expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    t.cleanup();
  });
});
