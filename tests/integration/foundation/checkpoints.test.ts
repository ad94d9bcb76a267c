import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { autocheckpointPages, openDatabase, type SqliteDb } from '../../../electron/db/connection';
import { createWalCheckpoints } from '../../../electron/db/checkpoints';
import { tempDir } from '../../helpers/db';

const open: { db: SqliteDb; cleanup: () => void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    if (o.db.open) o.db.close();
    o.cleanup();
  }
});

function database() {
  const t = tempDir();
  const path = join(t.dir, 'desk.sqlite');
  const db = openDatabase(path);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  open.push({ db, cleanup: t.cleanup });
  return { db, path };
}

const insertMany = (db: SqliteDb, n: number) => {
  const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) ins.run('x'.repeat(200));
  })();
};
const autocheckpoint = (db: SqliteDb) => db.pragma('wal_autocheckpoint', { simple: true });
const until = async (what: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('WAL checkpoints during bulk writes', () => {
  it('are taken by a worker thread while offloaded, and by the main connection again once released', async () => {
    const { db, path } = database();
    const checkpoints = createWalCheckpoints(db, { dbPath: path });
    const release = checkpoints.offload();
    expect(autocheckpoint(db)).toBe(0);
    // 20,000 rows of 200 bytes: about 4 MB of log, which the main connection would otherwise copy back itself.
    insertMany(db, 20_000);
    const fileBefore = statSync(path).size;
    // The worker copies the log into the database file: the file grows without the main connection checkpointing.
    await until(() => statSync(path).size > fileBefore + 2_000_000);
    await release();
    expect(autocheckpoint(db)).toBe(autocheckpointPages(db));
    // Everything was copied back: a passive checkpoint now finds nothing left to do.
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(r.checkpointed).toBe(r.log);
    await checkpoints.close();
  });

  it('count nested holders, and come back on at once when the worker cannot open the database', async () => {
    const { db, path } = database();
    const checkpoints = createWalCheckpoints(db, { dbPath: path });
    const a = checkpoints.offload();
    const b = checkpoints.offload();
    await a();
    expect(autocheckpoint(db)).toBe(0);
    await b();
    expect(autocheckpoint(db)).toBe(autocheckpointPages(db));

    const logged: string[] = [];
    const broken = createWalCheckpoints(db, {
      dbPath: join(path, 'not-a-dir', 'missing.sqlite'),
      log: (m) => logged.push(m),
    });
    const release = broken.offload();
    await until(() => autocheckpoint(db) === autocheckpointPages(db));
    expect(logged.join(' ')).toMatch(/background checkpoints stopped/);
    await release();
    await broken.close();
    await checkpoints.close();
  });

  it('switch a connection on another thread by message: off while the worker runs, back on when released or when it fails', async () => {
    const { db, path } = database();
    const switched: boolean[] = [];
    const checkpoints = createWalCheckpoints((on) => switched.push(on), { dbPath: path });
    const release = checkpoints.offload();
    expect(switched).toEqual([false]);
    insertMany(db, 20_000);
    await release();
    expect(switched).toEqual([false, true]);
    await checkpoints.close();

    const broken: boolean[] = [];
    const failing = createWalCheckpoints((on) => broken.push(on), {
      dbPath: join(path, 'not-a-dir', 'missing.sqlite'),
    });
    const releaseBroken = failing.offload();
    await until(() => broken.length >= 2);
    expect(broken[0]).toBe(false);
    expect(new Set(broken.slice(1))).toEqual(new Set([true]));
    await releaseBroken();
    await failing.close();
  });
});
