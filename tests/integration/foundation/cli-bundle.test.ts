import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/db';

/**
 * `npm run cli` runs a pre-built bundle (scripts/cli.mjs): the import's worker threads must be found beside it, as in
 * the built app, and a search right after the import must find the new contacts.
 */
describe('CLI from its bundle', () => {
  it('imports a file with its worker threads and finds the new contacts by search at once', () => {
    const t = tempDir();
    try {
      const csv = join(t.dir, 'contacts.csv');
      writeFileSync(csv, 'First Name,Last Name,Phone\nAnabel,Reyes,+14155550101\nBruno,Lee,+14155550102\n');
      const env = { ...process.env, SMS_DESK_DB: join(t.dir, 'desk.sqlite') };
      const run = (args: string[]) =>
        JSON.parse(
          execFileSync('npm', ['run', '-s', 'cli', '--', '--json', ...args], {
            env,
            encoding: 'utf8',
            timeout: 60_000,
          }),
        );
      expect(run(['import', csv, '--consent', 'signed up in store'])).toMatchObject({
        rows: 2,
        imported: 2,
        invalid: 0,
      });
      const found = run(['contacts', 'list', '--search', 'anab']) as { rows: { firstName: string }[] };
      expect(found.rows.map((r) => r.firstName)).toEqual(['Anabel']);
    } finally {
      t.cleanup();
    }
  });
});
