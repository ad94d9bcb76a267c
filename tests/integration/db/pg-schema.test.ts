import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { SqliteDb } from '../../../electron/db/connection';
import { databaseTooNew } from '../../../electron/db/migrator';
import { migratePostgres, schemaVersionPostgres } from '../../../electron/db/migrator-postgres';
import { latestSchemaVersion, migrations, type Migration } from '../../../migrations';
import { tempDb } from '../../helpers/db';
import { postgresMissing, startPgCluster, type PgCluster } from '../../helpers/pg-cluster';
import {
  columnDifferences,
  declaredSchema,
  postgresSchema,
  sqliteSchema,
  typeMismatches,
  type DeclaredColumn,
  type MigratedColumn,
  type Shape,
} from '../../helpers/schema-shape';

/**
 * The schema on PostgreSQL (team mode, issue 20): the real migrations' PostgreSQL DDL applied by the PostgreSQL
 * migrator to fresh databases of one throwaway cluster, checked against electron/db/schema.ts (as
 * tests/integration/foundation/schema-types.test.ts checks SQLite) and against the same migrations on SQLite.
 */

/** Search indexes PostgreSQL has and SQLite does not (its FTS5 tables index themselves): docs/design/postgres.md. */
const POSTGRES_ONLY_INDEXES = ['contact_search_text', 'contact_starts_text', 'inbox_search_text'];

describe.skipIf(postgresMissing())('PostgreSQL schema and migrator', () => {
  let cluster: PgCluster;
  const clients: pg.Client[] = [];
  let databases = 0;

  /** A new client on a fresh empty database of the cluster (or on `url`). */
  async function connect(url?: string): Promise<{ client: pg.Client; url: string }> {
    const target = url ?? (await cluster.createDatabase(`schema_${++databases}`));
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    clients.push(client);
    return { client, url: target };
  }

  /** Tables with their column count, indexes and triggers: "nothing changed" means this is the same. */
  async function fingerprint(client: pg.Client): Promise<string> {
    const r = await client.query<{ kind: string; name: string }>(
      `SELECT 'table' AS kind, table_name || ':' || count(*) AS name FROM information_schema.columns
         WHERE table_schema = current_schema() GROUP BY table_name
       UNION ALL SELECT 'index', indexname FROM pg_indexes WHERE schemaname = current_schema()
       UNION ALL SELECT 'trigger', tgname FROM pg_trigger WHERE NOT tgisinternal
       ORDER BY 1, 2`,
    );
    return r.rows.map((x) => `${x.kind} ${x.name}`).join('\n');
  }

  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await cluster?.stop();
  });

  describe('migrator', () => {
    it('has PostgreSQL DDL for every shipped migration', () => {
      expect(migrations.filter((m) => m.postgres === undefined).map((m) => m.version)).toEqual([]);
    });

    it('brings an empty database to the latest schema in one go, then finds nothing pending', async () => {
      const { client } = await connect();
      expect(await schemaVersionPostgres(client)).toBe(0);
      expect(await migratePostgres(client, migrations)).toEqual({ from: 0, to: latestSchemaVersion, backupPath: null });
      expect(await schemaVersionPostgres(client)).toBe(latestSchemaVersion);
      const before = await fingerprint(client);
      expect(await migratePostgres(client, migrations)).toEqual({
        from: latestSchemaVersion,
        to: latestSchemaVersion,
        backupPath: null,
      });
      expect(await fingerprint(client)).toBe(before);
    });

    it('migrates once when two desktops start together: the second waits for the lock, then finds nothing pending', async () => {
      const { client: first, url } = await connect();
      const { client: second } = await connect(url);
      const results = await Promise.all([migratePostgres(first, migrations), migratePostgres(second, migrations)]);
      expect(results.map((r) => [r.from, r.to]).sort((a, b) => a[0] - b[0])).toEqual([
        [0, latestSchemaVersion],
        [latestSchemaVersion, latestSchemaVersion],
      ]);
      // Rows a migration inserts are there once (a second run would also have failed on CREATE TABLE).
      const counts = await first.query<{ cursors: string; salts: string }>(
        'SELECT (SELECT count(*) FROM analytics_cursors) AS cursors, (SELECT count(*) FROM click_salt) AS salts',
      );
      expect(counts.rows[0]).toEqual({ cursors: '4', salts: '1' });
      // Both sessions gave the lock back.
      const locks = await first.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'");
      expect(locks.rows[0]).toEqual({ n: 0 });
    });

    it("refuses a database written by a newer app with SQLite's message, and changes nothing", async () => {
      const { client } = await connect();
      await migratePostgres(client, migrations);
      await client.query('UPDATE schema_version SET version = $1', [latestSchemaVersion + 5]);
      const before = await fingerprint(client);
      await expect(migratePostgres(client, migrations)).rejects.toMatchObject({
        code: 'database_too_new',
        message: databaseTooNew(latestSchemaVersion + 5, latestSchemaVersion).message,
      });
      expect(await schemaVersionPostgres(client)).toBe(latestSchemaVersion + 5);
      expect(await fingerprint(client)).toBe(before);
    });

    it('refuses to run a pending migration that has no PostgreSQL DDL, naming it, and changes nothing', async () => {
      const sqliteOnly: Migration = { version: latestSchemaVersion + 1, name: 'sqlite_only', up: () => undefined };
      const { client } = await connect();
      const refusal = {
        code: 'database_error',
        message: expect.stringMatching(/no PostgreSQL DDL. Nothing was changed/),
      };
      await expect(migratePostgres(client, [...migrations, sqliteOnly])).rejects.toMatchObject(refusal);
      expect(await fingerprint(client)).toBe('');
      expect(await schemaVersionPostgres(client)).toBe(0);

      await migratePostgres(client, migrations);
      const before = await fingerprint(client);
      await expect(migratePostgres(client, [...migrations, sqliteOnly])).rejects.toMatchObject({
        message: expect.stringContaining(`migration ${String(latestSchemaVersion + 1).padStart(4, '0')} (sqlite_only)`),
      });
      expect(await schemaVersionPostgres(client)).toBe(latestSchemaVersion);
      expect(await fingerprint(client)).toBe(before);
    });

    it('rolls back every pending migration when one fails, naming it', async () => {
      const { client } = await connect();
      await migratePostgres(client, migrations);
      await client.query(`INSERT INTO templates (name, body, created_at, updated_at) VALUES ('Hi', 'Hello', 'x', 'x')`);
      const before = await fingerprint(client);
      const next = latestSchemaVersion + 1;
      const failing: Migration[] = [
        ...migrations,
        { version: next, name: 'ok_part', up: () => undefined, postgres: 'CREATE TABLE half_done (id bigint)' },
        {
          version: next + 1,
          name: 'broken',
          up: () => undefined,
          postgres: 'ALTER TABLE no_such_table ADD COLUMN x text',
        },
      ];
      await expect(migratePostgres(client, failing)).rejects.toMatchObject({
        code: 'database_error',
        message: expect.stringMatching(
          new RegExp(
            `Migration ${String(next + 1).padStart(4, '0')} \\(broken\\) failed on PostgreSQL: .*no_such_table`,
          ),
        ),
      });
      expect(await schemaVersionPostgres(client)).toBe(latestSchemaVersion);
      expect(await fingerprint(client)).toBe(before);
      expect((await client.query('SELECT name FROM templates')).rows).toEqual([{ name: 'Hi' }]);
    });

    it('upgrades a database from every earlier version to the latest, keeping its data', async () => {
      for (const from of migrations.map((m) => m.version).filter((v) => v < latestSchemaVersion)) {
        const { client } = await connect();
        expect(await migratePostgres(client, migrations, { target: from })).toMatchObject({ from: 0, to: from });
        await client.query(
          `INSERT INTO contacts (phone, first_name, created_at, updated_at) VALUES ('+14155550100', 'Ana', 'x', 'x')`,
        );
        expect(await migratePostgres(client, migrations)).toEqual({ from, to: latestSchemaVersion, backupPath: null });
        expect((await client.query('SELECT first_name FROM contacts')).rows).toEqual([{ first_name: 'Ana' }]);
      }
    }, 180_000);

    it('counts the outbox (version 8), indexes starts (9) and widens the opt-out log (20) as SQLite does', async () => {
      const { client } = await connect();
      await migratePostgres(client, migrations, { target: 7 });
      await client.query(`
        INSERT INTO campaigns (id, name, body, created_at, updated_at) VALUES (1, 'c', 'b', 'x', 'x');
        INSERT INTO outbox_messages (campaign_id, kind, to_phone, body, provider, state, created_at, updated_at)
          SELECT campaign, kind, '+14155550100', 'b', 'sandbox', state, 'x', 'x'
          FROM (VALUES (1, 'campaign', 'queued'), (1, 'campaign', 'queued'), (1, 'campaign', 'sent'),
                       (1, 'campaign', 'failed'), (NULL, 'confirmation', 'sent')) AS m(campaign, kind, state);
        INSERT INTO contacts (id, phone, first_name, last_name, email, created_at, updated_at) VALUES
          (1, '+14155550100', 'Émile', 'Zola', NULL, 'x', 'x'), (2, '+14155550101', NULL, NULL, 'ab@example.com', 'x', 'x'),
          (3, '+14155550102', 'Anna', 'Smith', NULL, 'x', 'x');
        UPDATE contact_search_state SET indexed_through = 2;
        INSERT INTO optout_audit (id, phone, old_state, new_state, source, actor, at)
          VALUES (7, '+14155550100', 'opted_in', 'opted_out', 'keyword', 'contact', 'x');`);
      await migratePostgres(client, migrations);
      const rows = async (sql: string) => (await client.query(sql)).rows;
      expect(await rows('SELECT campaign_key::int, state, n::int FROM outbox_state_counts ORDER BY 1, 2')).toEqual([
        { campaign_key: 0, state: 'sent', n: 1 },
        { campaign_key: 1, state: 'failed', n: 1 },
        { campaign_key: 1, state: 'queued', n: 2 },
        { campaign_key: 1, state: 'sent', n: 1 },
      ]);
      expect(await rows('SELECT rowid::int, starts FROM contact_starts ORDER BY 1')).toEqual([
        { rowid: 1, starts: '^^Ém ^^Zo ^^' },
        { rowid: 2, starts: '^^ ^^ ^^ab' },
      ]);
      await client.query('DELETE FROM contacts WHERE id = 1');
      expect(await rows('SELECT rowid::int FROM contact_starts')).toEqual([{ rowid: 2 }]);
      expect(await rows('SELECT id::int, source, channel, email FROM optout_audit')).toEqual([
        { id: 7, source: 'keyword', channel: 'sms', email: null },
      ]);
      await expect(client.query(`UPDATE optout_audit SET actor = 'x'`)).rejects.toThrow(/optout_audit is append-only/);
      await client.query(
        `INSERT INTO optout_audit (phone, old_state, new_state, source, actor, at, channel, email)
         VALUES ('+14155550101', 'opted_in', 'opted_out', 'bounce', 'provider', 'x', 'email', 'ab@example.com')`,
      );
    });

    it('moves conversions (version 10) and the daily roll-ups (version 32) as SQLite does', async () => {
      const { client } = await connect();
      await migratePostgres(client, migrations, { target: 9 });
      await client.query(`
        INSERT INTO contacts (id, phone, created_at, updated_at) VALUES (1, '+14155550100', 'x', 'x');
        INSERT INTO campaigns (id, name, body, created_at, updated_at) VALUES (1, 'c', 'b', 'x', 'x');
        INSERT INTO conversions (campaign_id, contact_id, source, actor, at)
          VALUES (1, 1, 'manual', 'me', '2026-11-02T10:00:00.000Z');`);
      await migratePostgres(client, migrations, { target: 31 });
      const conversions = await client.query(
        'SELECT source, source_id, rule, created_at, amount_minor FROM conversions',
      );
      expect(conversions.rows).toEqual([
        {
          source: 'manual',
          source_id: 'ab:1:1',
          rule: 'direct',
          created_at: '2026-11-02T10:00:00.000Z',
          amount_minor: '0',
        },
      ]);
      await migratePostgres(client, migrations);
      const daily = await client.query('SELECT campaign_id, day, channel, converted FROM campaign_daily');
      expect(daily.rows).toEqual([{ campaign_id: '1', day: '2026-11-02', channel: 'sms', converted: '1' }]);
    });
  });

  describe('electron/db/schema.ts against the migrated PostgreSQL database', () => {
    let declared: Shape<DeclaredColumn>;
    let migrated: Shape<MigratedColumn>;
    let sqlite: Shape<MigratedColumn>;
    let sqliteDb: SqliteDb;
    let cleanup: () => void;
    let client: pg.Client;
    beforeAll(async () => {
      ({ client } = await connect());
      await migratePostgres(client, migrations);
      migrated = await postgresSchema(client);
      declared = declaredSchema();
      ({ db: sqliteDb, cleanup } = await tempDb());
      sqlite = sqliteSchema(sqliteDb);
    }, 60_000);
    afterAll(() => cleanup?.());

    it('reads the migrated tables (the check would pass vacuously otherwise)', () => {
      expect(migrated.size).toBeGreaterThan(40);
      expect(migrated.get('contacts')?.get('email')).toMatchObject({ kind: 'string', nullable: true });
      expect(migrated.get('contacts')?.get('id')).toMatchObject({
        kind: 'number',
        nullable: false,
        optionalOnInsert: true,
      });
      expect(migrated.get('click_salt')?.get('salt')).toMatchObject({ kind: 'Buffer' });
      expect(migrated.get('tags')?.get('name')).toMatchObject({ kind: 'string', declaredType: 'citext' });
    });

    it('has every declared table, and no table the migrations do not create', () => {
      expect([...migrated.keys()].sort()).toEqual([...declared.keys()].sort());
    });

    it('has every column of every table, and no column the migrations do not create', () => {
      expect(columnDifferences(declared, migrated)).toEqual({ missing: [], extra: [] });
    });

    it('types every column as its PostgreSQL type and nullability say, with a default for every Generated one', () => {
      expect(typeMismatches(declared, migrated)).toEqual([]);
    });

    // Whether an insert may leave a column out is checked against schema.ts above: SQLite makes every INTEGER PRIMARY
    // KEY optional (the rowid), PostgreSQL only the identities, the ids the app lets the database choose.
    it('matches SQLite column by column: kind, nullability and default', () => {
      const differences: string[] = [];
      for (const [table, columns] of sqlite) {
        for (const [name, s] of columns) {
          const p = migrated.get(table)?.get(name);
          const same = p && p.kind === s.kind && p.nullable === s.nullable && p.defaultValue === s.defaultValue;
          if (!same) differences.push(`${table}.${name}: SQLite ${JSON.stringify(s)}, PostgreSQL ${JSON.stringify(p)}`);
        }
      }
      expect(differences).toEqual([]);
    });

    it('answers a search of the search tables from their trigram indexes, ignoring case and accents as FTS5 does', async () => {
      await client.query(`
        INSERT INTO contact_search (rowid, name, email, phone) VALUES
          (1, 'Chloé Dupont', 'chloe@example.com', '14155550100'), (2, 'Ana Smith', '', '14155550101');
        INSERT INTO contact_starts (rowid, starts) VALUES (1, '^^Ch ^^Du ^^ch'), (2, '^^An ^^Sm ^^');
        INSERT INTO inbox_search (rowid, body) VALUES (2, 'Is the café open on Sunday?'), (3, 'Thanks!');`);
      // docs/design/postgres.md: one LIKE per phrase on the table's document expression, exactly as indexed.
      const documents = {
        contact_search: 'desk_search_text(name, email, phone)',
        contact_starts: 'desk_search_text(starts)',
        inbox_search: 'desk_search_text(body)',
      };
      const condition = (table: keyof typeof documents) =>
        `${documents[table]} LIKE desk_search_text('%' || $1 || '%')`;
      const search = async (table: keyof typeof documents, phrase: string) =>
        (
          await client.query<{ rowid: string }>(`SELECT rowid FROM ${table} WHERE ${condition(table)} ORDER BY rowid`, [
            phrase,
          ])
        ).rows.map((r) => Number(r.rowid));
      expect(
        await Promise.all([
          search('contact_search', 'chloe'),
          search('contact_search', 'DUPONT'),
          search('contact_search', 'ana smi'),
          search('contact_search', '5550101'),
          // a phrase never spans two columns
          search('contact_search', 'dupont chloe'),
          search('contact_starts', '^^a'),
          search('contact_starts', '^ch'),
          search('inbox_search', 'CAFE'),
        ]),
      ).toEqual([[1], [1], [2], [2], [], [2], [1], [2]]);

      // The planner can answer each from its trigram index (the tables are tiny, so sequential scans are set aside).
      await client.query('SET enable_seqscan = off');
      for (const table of Object.keys(documents) as (keyof typeof documents)[]) {
        const plan = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT rowid FROM ${table} WHERE ${condition(table).replace('$1', "'chloe'")}`,
        );
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain(`Bitmap Index Scan on ${table}_text`);
      }
      await client.query('RESET enable_seqscan');
    });

    it('has the same indexes and triggers as SQLite, by name (plus the trigram indexes of the search tables)', async () => {
      const sqliteNames = (type: string) =>
        sqliteDb
          .prepare<[string], { name: string }>(
            "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
          )
          .all(type)
          .map((r) => r.name)
          .sort();
      // Indexes that back a primary key or UNIQUE constraint are named by each engine its own way.
      const indexes = await client.query<{ name: string }>(
        `SELECT i.indexname AS name FROM pg_indexes i
         WHERE i.schemaname = current_schema()
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)
         ORDER BY 1`,
      );
      const triggers = await client.query<{ name: string }>(
        'SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1',
      );
      const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();
      expect(names(indexes.rows).filter((n) => !POSTGRES_ONLY_INDEXES.includes(n))).toEqual(sqliteNames('index'));
      expect(names(triggers.rows)).toEqual(sqliteNames('trigger'));
    });
  });
});
