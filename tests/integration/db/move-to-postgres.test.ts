import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createApp } from '../../../electron/app';
import { moveToPostgres, openSourceDatabase } from '../../../electron/db/move-to-postgres';
import { indexAllQueuedContacts } from '../../../electron/contacts';
import { migratePostgres } from '../../../electron/db/migrator-postgres';
import { migrations } from '../../../migrations';
import { seededRandom } from '../../fakes/faults';
import { invokeOk, sandboxBehaviour } from '../../helpers/app';
import { cli } from '../../helpers/cli';
import { tempDir } from '../../helpers/db';
import { postgresMissing, startPgCluster, type PgCluster } from '../../helpers/pg-cluster';
import { daytimeClock, seedContacts } from '../../helpers/seed';

/**
 * `db migrate-to-postgres` (issue 20 point 7): a desktop database built through the app's own channels (contacts with
 * tags, campaigns sent with their outbox, an A/B test, opt-outs, conversions, settings) moved into PostgreSQL on one
 * throwaway cluster: counts, checksums and ids kept, sequences moved on, a non-empty target refused, a bad row rolling
 * everything back, and the SQLite file never changed.
 */

/** Builds the desktop database; answers its path (the app closed, so the file is complete and quiet). */
async function desktopDatabase(dir: string): Promise<string> {
  const dbPath = join(dir, 'desk.sqlite');
  const app = await createApp({ log: () => undefined, now: daytimeClock(), random: seededRandom(3), dbPath });
  try {
    sandboxBehaviour(app, { failureRate: 0.2, replyRate: 0.2, stopRate: 0.1 });
    seedContacts(app.db, 30, { tag: 'VIP' });
    seedContacts(app.db, 20, { tag: 'walk-ins', start: 30 });
    app.settings.set('business.name', 'Corner Café');
    const plain = await invokeOk(app, 'campaigns:create', {
      name: 'Spring sale',
      body: 'Hi {{first_name|there}}! Corner Café spring sale. Reply STOP to opt out',
      audience: {},
    });
    await invokeOk(app, 'campaigns:launch', { id: plain.id, acknowledge: 'test fixture' });
    const ab = await invokeOk(app, 'campaigns:create', {
      name: 'A/B',
      body: 'x',
      audience: {},
      ab: {
        variants: [
          { name: 'A', body: 'A: hi! Reply STOP to opt out' },
          { name: 'B', body: 'B: hello! Reply STOP to opt out' },
        ],
        split: [50, 50],
        metric: 'replied',
        testPercent: 50,
      },
    });
    await invokeOk(app, 'campaigns:launch', { id: ab.id, acknowledge: 'test fixture' });
    for (let i = 0; i < 20; i++) {
      await app.dispatcher.runUntilIdle();
      app.tick();
    }
    await invokeOk(app, 'contacts:optOut', { contactId: 3, reason: 'asked at the counter' });
    await invokeOk(app, 'conversions:add', { contactId: 1, amount: 42.5, note: 'walked in' });
    await invokeOk(app, 'conversions:add', { contactId: 2, amount: 10 });
    await app.dispatcher.runUntilIdle();
    indexAllQueuedContacts(app.db); // the search index, as after an import
  } finally {
    await app.close();
  }
  return dbPath;
}

const fileState = (path: string) => ({ bytes: readFileSync(path).toString('base64'), mtime: statSync(path).mtimeMs });

describe.skipIf(postgresMissing())('moving a desktop database to PostgreSQL', () => {
  let cluster: PgCluster;
  let dir: ReturnType<typeof tempDir>;
  let dbPath: string;
  let databases = 0;
  const clients: pg.Client[] = [];

  async function target(): Promise<{ client: pg.Client; url: string }> {
    const url = await cluster.createDatabase(`move_${++databases}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return { client, url };
  }
  const count = async (client: pg.Client, table: string) =>
    Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    [cluster, dir] = await Promise.all([startPgCluster(), Promise.resolve(tempDir())]);
    dbPath = await desktopDatabase(dir.dir);
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await cluster?.stop();
    dir?.cleanup();
  });

  it('copies every table with its ids, the same counts and checksums, and moves the sequences on', async () => {
    const before = fileState(dbPath);
    const { client } = await target();
    const db = openSourceDatabase(dbPath);
    const progress: string[] = [];
    const result = await moveToPostgres(db, client, 'the test database', {
      onTable: (t, i, of) => progress.push(`${i}/${of} ${t.table}`),
    }).finally(() => db.close());

    const sqlite = new Database(dbPath, { readonly: true });
    const rows = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const figures = Object.fromEntries(result.tables.map((t) => [t.table, t]));
    for (const table of ['contacts', 'tags', 'contact_tags', 'campaigns', 'outbox_messages']) {
      expect(rows(table), table).toBeGreaterThan(0);
    }
    // the A/B test's variants
    expect(rows(`outbox_messages WHERE variant = 'B'`)).toBeGreaterThan(0);
    for (const table of ['optout_audit', 'conversions', 'settings', 'inbound_messages', 'campaign_daily']) {
      expect(rows(table), table).toBeGreaterThan(0);
    }
    for (const t of result.tables) {
      expect(await count(client, t.table), t.table).toBe(t.rows);
      if (t.how === 'copied') expect(t.rows, t.table).toBe(rows(t.table));
    }
    expect(figures.contact_search).toMatchObject({ how: 'rebuilt', rows: rows('contacts') });
    expect(figures.inbox_search.rows).toBeGreaterThan(0);
    expect(figures.sqlite_sequence).toBeUndefined();
    expect(result.tables.some((t) => t.table.endsWith('_data') || t.table.endsWith('_idx'))).toBe(false);
    expect(progress).toHaveLength(result.tables.length);

    // ids kept, values as they were
    const sqliteOutbox = sqlite.prepare('SELECT id, contact_id, body, state FROM outbox_messages ORDER BY id').all();
    const pgOutbox = await client.query(
      'SELECT id::int AS id, contact_id::int AS contact_id, body, state FROM outbox_messages ORDER BY id',
    );
    expect(pgOutbox.rows).toEqual(sqliteOutbox);
    const tags = await client.query<{ name: string }>(`SELECT name FROM tags WHERE name = 'vip'`);
    expect(tags.rows).toEqual([{ name: 'VIP' }]); // citext
    const salt = sqlite.prepare('SELECT * FROM click_salt').get() as { salt: Buffer };
    expect((await client.query('SELECT * FROM click_salt')).rows[0].salt).toEqual(salt.salt);

    // the next insert gets an id above the highest copied one
    const maxId = (sqlite.prepare('SELECT max(id) AS m FROM contacts').get() as { m: number }).m;
    const next = await client.query<{ id: string }>(
      `INSERT INTO contacts (phone, created_at, updated_at) VALUES ('+14155550999', 'x', 'x') RETURNING id`,
    );
    expect(Number(next.rows[0].id)).toBeGreaterThan(maxId);
    sqlite.close();
    expect(fileState(dbPath)).toEqual(before);
  }, 120_000);

  it('accepts a database that only has the schema, and refuses one holding data with nothing changed', async () => {
    const { client, url } = await target();
    await migratePostgres(client, migrations);
    const db = openSourceDatabase(dbPath);
    try {
      await moveToPostgres(db, client, url);
      const contacts = await count(client, 'contacts');
      await expect(moveToPostgres(db, client, url)).rejects.toThrow(
        new RegExp(`${url}.*already holds data \\(.*contacts`),
      );
      expect(await count(client, 'contacts')).toBe(contacts);
    } finally {
      db.close();
    }
    const other = await target();
    await other.client.query('CREATE TABLE orders (id int)');
    const again = openSourceDatabase(dbPath);
    await expect(moveToPostgres(again, other.client, 'the shop database')).rejects.toThrow(
      /the shop database already holds tables that are not SMS Campaign Desk's \(orders\)/,
    );
    again.close();
  }, 120_000);

  it('rolls everything back on a bad row, naming the table and the row', async () => {
    const bad = join(dir.dir, 'bad.sqlite');
    copyFileSync(dbPath, bad);
    const w = new Database(bad);
    w.pragma('ignore_check_constraints = ON');
    w.prepare(`UPDATE outbox_messages SET cost_micros = 'lots' WHERE id = 5`).run();
    w.close();
    const before = fileState(bad);
    const { client } = await target();
    const db = openSourceDatabase(bad);
    await expect(moveToPostgres(db, client, 'the test database')).rejects.toThrow(
      /outbox_messages row id=5: column cost_micros holds text "lots" in an integer column/,
    );
    db.close();
    for (const table of ['contacts', 'campaigns', 'tags', 'settings', 'conversions', 'outbox_messages']) {
      expect(await count(client, table), table).toBe(0);
    }
    expect(fileState(bad)).toEqual(before);
    // what is left is the schema alone, which a second attempt accepts
    const good = openSourceDatabase(dbPath);
    const retried = await moveToPostgres(good, client, 'the test database').finally(() => good.close());
    expect(await count(client, 'contacts')).toBe(retried.tables.find((t) => t.table === 'contacts')?.rows);
  }, 120_000);

  it('runs through the CLI with --json, and refuses an older SQLite file', async () => {
    const { url } = await target();
    const before = fileState(dbPath);
    const run = await cli(['--db', dbPath, '--json', 'db', 'migrate-to-postgres', url]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { tables: { table: string; rows: number; checksum: string }[] };
    expect(doc).toMatchObject({ file: dbPath, target: url, schemaVersion: migrations[migrations.length - 1].version });
    expect(doc.tables.find((t) => t.table === 'contacts')).toMatchObject({ rows: 50 });
    expect(fileState(dbPath)).toEqual(before);

    const refused = await cli(['--db', dbPath, 'db', 'migrate-to-postgres', url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds data/);

    const old = join(dir.dir, 'old.sqlite');
    copyFileSync(dbPath, old);
    const w = new Database(old);
    w.pragma('user_version = 20');
    w.close();
    const tooOld = await cli(['--db', old, 'db', 'migrate-to-postgres', (await target()).url]);
    expect(tooOld.stderr).toMatch(/open it with this app first so it is migrated/);
    expect((await cli(['--db', dbPath, 'db', 'migrate-to-postgres', 'mysql://x'])).code).toBe(2);
  }, 120_000);
});
