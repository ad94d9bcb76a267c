import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeskApp } from '../../../electron/app';
import { runCli } from '../../../electron/cli/index';
import { queuedForSearch } from '../../../electron/contacts';
import { indexedThrough } from '../../../electron/contacts/search-index';
import { openDatabase } from '../../../electron/db/connection';
import { useTempApp } from '../../helpers/app';
import { tempDir } from '../../helpers/db';
import { daytimeClock } from '../../helpers/seed';

let app: DeskApp;
useTempApp(
  (a) => (app = a),
  () => ({ now: daytimeClock() }),
);

const rows = (n: number) =>
  [
    'First Name,Last Name,Phone,Email',
    ...Array.from({ length: n }, (_, i) => `Ana,Smith,212555${String(1000 + i)},ana${i}@example.com`),
  ].join('\n');

function start(name: string, text: string, options: { consent?: string } = {}) {
  const path = join(app.paths.dataDir, name);
  writeFileSync(path, text);
  return app.contacts.imports.start(
    { path, fileName: name },
    { defaultCountry: 'US', onDuplicate: 'skip', fileName: name, ...options },
    false,
    true,
  );
}

describe('an import says when its writes are committed (ImportJobs.written)', () => {
  it('before its threads have stopped: the contacts and the completed import are already in the database', async () => {
    const id = start('written.csv', rows(300));
    expect(await app.contacts.imports.written(id)).toBe(true);
    expect(app.db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(300);
    expect(app.db.prepare('SELECT status FROM imports WHERE id = ?').pluck().get(id)).toBe('completed');
    expect((await app.contacts.imports.settled(id)).state).toBe('done');
    // Asked again once the job is over, and for an import only the history knows.
    expect(await app.contacts.imports.written(id)).toBe(true);
  });

  it('false for an import that fails or is cancelled', async () => {
    const failed = start('consent-column.csv', 'Phone,SMS Consent\n2125551000,yes\n', {
      consent: 'signed up in store',
    });
    expect(await app.contacts.imports.written(failed)).toBe(false);
    expect((await app.contacts.imports.settled(failed)).state).toBe('failed');

    const cancelled = start('cancelled.csv', rows(5000));
    app.contacts.imports.cancel(cancelled);
    expect(await app.contacts.imports.written(cancelled)).toBe(false);
    expect((await app.contacts.imports.settled(cancelled)).state).toBe('cancelled');
    expect(app.db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
  });
});

describe('the command-line import', () => {
  it('leaves every new contact indexed for search when it ends', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.dir, 'desk.sqlite');
      const file = join(dir.dir, 'people.csv');
      writeFileSync(file, rows(2000));
      const out: string[] = [];
      const code = await runCli(['--db', db, '--json', 'import', file], {
        stdout: (t) => out.push(t),
        stderr: () => undefined,
        readStdin: async () => '',
      });
      expect(code).toBe(0);
      expect(JSON.parse(out.join('\n'))).toMatchObject({ imported: 2000 });
      const d = openDatabase(db);
      try {
        expect(queuedForSearch(d, 1)).toBe(0);
        expect(indexedThrough(d)).toBe(2000);
        const found = d
          .prepare(`SELECT count(*) FROM contact_search WHERE contact_search MATCH '{name email} : "ana1999@"'`)
          .pluck()
          .get();
        expect(found).toBe(1);
      } finally {
        d.close();
      }
    } finally {
      dir.cleanup();
    }
  });
});
