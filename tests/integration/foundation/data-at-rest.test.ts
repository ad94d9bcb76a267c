import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../electron/app';
import { runCli } from '../../../electron/cli/index';
import { exportContacts } from '../../../electron/contacts/export';
import { storeUpload } from '../../../electron/contacts/uploads';
import { openDatabase } from '../../../electron/db/connection';
import { migrate } from '../../../electron/db/migrator';
import { latestSchemaVersion, migrations } from '../../../migrations';
import { tempDir } from '../../helpers/db';

const mode = (path: string) => statSync(path).mode & 0o777;
const cli = (args: string[]) =>
  runCli(args, { stdout: () => undefined, stderr: () => undefined, readStdin: async () => '' });

// A usual umask, under which files are created world-readable (0644) and folders world-enterable (0755).
let umask = 0;
beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});

describe('Data at rest', () => {
  it('creates the data folder 0700 and the database with its WAL and SHM 0600', async () => {
    const t = tempDir();
    const dataDir = join(t.dir, 'SMS Campaign Desk');
    const app = await createApp({ dbPath: join(dataDir, 'desk.sqlite'), dataDir, log: () => undefined });
    app.settings.set('business.name', 'Bloom Florist');
    expect(mode(dataDir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm'])
      expect([suffix, mode(join(dataDir, `desk.sqlite${suffix}`))]).toEqual([suffix, 0o600]);
    await app.close();
    t.cleanup();
  });

  it('writes exports, uploads, `db backup` copies and CLI exports owner-only', async () => {
    const t = tempDir();
    const db = join(t.dir, 'desk.sqlite');
    const app = await createApp({ dbPath: db, dataDir: t.dir, log: () => undefined });
    const exported = await exportContacts(app.db, { tagMode: 'any' }, t.dir, app.now());
    expect([mode(join(t.dir, 'exports')), mode(exported.path)]).toEqual([0o700, 0o600]);
    const upload = storeUpload(
      t.dir,
      { name: 'list.csv', dataBase64: Buffer.from('phone\n+14155550100\n').toString('base64') },
      app.now(),
    );
    expect([mode(join(t.dir, 'uploads')), mode(join(t.dir, 'uploads', upload.fileId))]).toEqual([0o700, 0o700]);
    expect(mode(upload.path)).toBe(0o600);
    await app.close();

    expect(await cli(['--db', db, 'db', 'backup', join(t.dir, 'copy.sqlite')])).toBe(0);
    expect(mode(join(t.dir, 'copy.sqlite'))).toBe(0o600);
    expect(await cli(['--db', db, 'contacts', 'export', join(t.dir, 'contacts.csv')])).toBe(0);
    expect(await cli(['--db', db, 'optouts', 'export', join(t.dir, 'optouts.csv')])).toBe(0);
    expect([mode(join(t.dir, 'contacts.csv')), mode(join(t.dir, 'optouts.csv'))]).toEqual([0o600, 0o600]);
    t.cleanup();
  });

  it('takes the pre-migration backup owner-only', async () => {
    const t = tempDir();
    const path = join(t.dir, 'old.sqlite');
    const db = openDatabase(path);
    const now = () => new Date('2026-11-28T15:00:00Z');
    await migrate(db, migrations, { dbPath: path, now, target: latestSchemaVersion - 1 });
    const result = await migrate(db, migrations, { dbPath: path, now });
    expect(result.backupPath && mode(result.backupPath)).toBe(0o600);
    db.close();
    t.cleanup();
  });

  it('fixes the modes an older version left (a 0755 folder, 0644 files) when it starts', async () => {
    const t = tempDir();
    const dataDir = join(t.dir, 'data');
    const db = join(dataDir, 'desk.sqlite');
    const first = await createApp({ dbPath: db, dataDir, log: () => undefined });
    await first.close();
    mkdirSync(join(dataDir, 'exports'));
    mkdirSync(join(dataDir, 'uploads', 'upl_old'), { recursive: true });
    const loose = [
      db,
      join(dataDir, 'desk.sqlite.v3-2026-01-01T00-00-00-000Z.bak'),
      join(dataDir, 'exports', 'contacts.csv'),
      join(dataDir, 'uploads', 'upl_old', 'list.csv'),
      join(dataDir, 'secrets.json'),
    ];
    for (const file of loose.slice(1)) writeFileSync(file, file === join(dataDir, 'secrets.json') ? '{}' : 'phone\n');
    for (const file of loose) chmodSync(file, 0o644);
    for (const dir of [
      dataDir,
      join(dataDir, 'exports'),
      join(dataDir, 'uploads'),
      join(dataDir, 'uploads', 'upl_old'),
    ])
      chmodSync(dir, 0o755);

    const again = await createApp({ dbPath: db, dataDir, log: () => undefined });
    expect(mode(dataDir)).toBe(0o700);
    expect(loose.map((f) => [f, mode(f)])).toEqual(loose.map((f) => [f, 0o600]));
    for (const dir of ['exports', 'uploads', join('uploads', 'upl_old')])
      expect([dir, mode(join(dataDir, dir))]).toEqual([dir, 0o700]);
    await again.close();
    t.cleanup();
  });

  it("leaves the mode of the user's own folder alone when a database there is named with --db, but keeps the file private", async () => {
    const t = tempDir();
    const folder = join(t.dir, 'Documents');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    expect(await cli(['--db', join(folder, 'desk.sqlite'), 'doctor'])).toBe(0);
    expect(mode(folder)).toBe(0o755);
    expect(
      readdirSync(folder)
        .filter((f) => f.startsWith('desk.sqlite'))
        .map((f) => [f, mode(join(folder, f))]),
    ).toEqual(
      readdirSync(folder)
        .filter((f) => f.startsWith('desk.sqlite'))
        .map((f) => [f, 0o600]),
    );
    expect(existsSync(join(folder, 'desk.sqlite'))).toBe(true);
    t.cleanup();
  });
});
