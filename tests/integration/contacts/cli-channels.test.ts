import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/index';
import { openDatabase } from '../../../electron/db/connection';
import { tempDir } from '../../helpers/db';
import { fixture } from './import-helpers';

let dir: { dir: string; cleanup: () => void };
let db: string;
beforeEach(() => {
  dir = tempDir();
  db = join(dir.dir, 'desk.sqlite');
});
afterEach(() => dir.cleanup());

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => '',
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
const json = async (args: string[]) => {
  const r = await cli(['--json', ...args]);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
function run(sql: string, ...params: unknown[]) {
  const d = openDatabase(db);
  try {
    const st = d.prepare(sql);
    return st.reader ? st.all(...params) : st.run(...params);
  } finally {
    d.close();
  }
}

describe('consent per channel on the command line', () => {
  it('counts who a campaign on each channel reaches; e-mail opt-out and do-not-call by hand, audited', async () => {
    await json(['import', fixture('plain-sheet.csv'), '--consent', 'Signed up at the till']);
    run(`UPDATE contacts SET email = 'anna@example.com', email_consent = 1 WHERE phone = '+12125550121'`);
    run(`UPDATE contacts SET voice_consent_at = '2026-01-01T00:00:00Z', voice_consent_source = 'form'`);
    expect(await json(['contacts', 'count', '--textable'])).toEqual({ count: 4 });
    expect(await json(['contacts', 'count', '--channel', 'sms', '--textable'])).toEqual({ count: 4, channel: 'sms' });
    expect(await json(['contacts', 'count', '--channel', 'email', '--textable'])).toEqual({
      count: 1,
      channel: 'email',
    });
    expect(await json(['contacts', 'count', '--channel', 'voice', '--textable'])).toEqual({
      count: 4,
      channel: 'voice',
    });

    const out = await json(['contacts', 'email-opt-out', 'Anna@Example.com']);
    expect(out).toEqual({ email: 'Anna@Example.com', changed: [expect.any(Number)] });
    expect(await json(['contacts', 'count', '--channel', 'email', '--textable'])).toEqual({
      count: 0,
      channel: 'email',
    });
    // SMS is untouched by the e-mail opt-out.
    expect(await json(['contacts', 'count', '--channel', 'sms', '--textable'])).toEqual({ count: 4, channel: 'sms' });
    const unknown = await cli(['contacts', 'email-opt-out', 'nobody@example.com']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('No contact has the e-mail address nobody@example.com');
    expect((await cli(['contacts', 'email-opt-out', 'not-an-address'])).code).not.toBe(0);

    expect(await json(['contacts', 'dnc', '(212) 555-0121'])).toEqual({
      phone: '+12125550121',
      contactId: expect.any(Number),
      changed: true,
    });
    expect((await cli(['contacts', 'dnc', '212-555-0121'])).stdout).toBe(
      '+12125550121 was already on the do-not-call list; nothing changed.',
    );
    expect(await json(['contacts', 'count', '--channel', 'voice', '--textable'])).toEqual({
      count: 3,
      channel: 'voice',
    });
    expect(run('SELECT channel, source, email FROM optout_audit ORDER BY id')).toEqual([
      { channel: 'email', source: 'manual', email: 'Anna@Example.com' },
      { channel: 'voice', source: 'manual', email: null },
    ]);
    expect((await cli(['contacts', 'count', '--channel', 'fax'])).code).not.toBe(0);
  });
});
