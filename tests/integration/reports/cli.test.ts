import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/index';
import { tempDir } from '../../helpers/db';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => '',
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const dir = tempDir('smsdesk-reports-cli-');
const db = join(dir.dir, 'desk.sqlite');
afterAll(() => dir.cleanup());

describe('reports run from the command line', () => {
  it('needs --out, and --period is week or month', async () => {
    const none = await cli(['--db', db, '--json', 'reports', 'run']);
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stderr)).toEqual({
      error: {
        code: 'usage',
        message:
          '--out is required: the folder to write the report to. Usage: reports run --out DIR [--period week|month]',
      },
    });
    const year = await cli(['--db', db, 'reports', 'run', '--out', dir.dir, '--period', 'year']);
    expect(year.code).toBe(2);
    expect(year.stderr).toContain('--period must be week or month, got "year"');
  });
});
