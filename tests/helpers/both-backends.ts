import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { openDatabase } from '../../electron/db/connection';
import { connectOptions, parseDatabaseLocation } from '../../electron/db/database-url';
import type { Db } from '../../electron/db/db';
import { createKysely, type Kdb } from '../../electron/db/kysely';
import { createPostgresKysely } from '../../electron/db/kysely-postgres';
import { migratePostgres } from '../../electron/db/migrator-postgres';
import { PgSyncDb } from '../../electron/db/pg-sync';
import type { PgConnectOptions } from '../../electron/db/pg-sync-protocol';
import { migrations } from '../../migrations';
import { tempDb, tempDir } from './db';
import { postgresMissing, startPgCluster, type PgCluster } from './pg-cluster';

/**
 * Runs a describe block on both backends (issue 20): on SQLite, and on PostgreSQL in a throwaway cluster (skipped,
 * with the reason, where PostgreSQL is not installed). Each test gets a fresh database: by default migrated with the
 * real migrations; with `schema`, empty but for that DDL, in each engine's spelling.
 */
export type Backend = 'sqlite' | 'postgres';

export interface BackendDb {
  backend: Backend;
  /** The synchronous connection the domains' queries take. */
  db: Db;
  /** The async Kysely on the same database. */
  kdb: Kdb;
}

export interface BothBackendsOptions {
  /** Statements creating the tables the tests use, instead of the migrations. */
  schema?: { sqlite: readonly string[]; postgres: readonly string[] };
}

export function describeBothBackends(
  name: string,
  body: (get: () => BackendDb) => void,
  options: BothBackendsOptions = {},
): void {
  describe(`${name} · SQLite`, () => {
    let current: BackendDb | null = null;
    let cleanup = () => {};
    beforeEach(async () => {
      if (options.schema) {
        const t = tempDir();
        const db = openDatabase(`${t.dir}/desk.sqlite`);
        for (const statement of options.schema.sqlite) db.exec(statement);
        current = { backend: 'sqlite', db, kdb: createKysely(db) };
        cleanup = () => {
          db.close();
          t.cleanup();
        };
      } else {
        const t = await tempDb();
        current = { backend: 'sqlite', db: t.db, kdb: createKysely(t.db) };
        cleanup = t.cleanup;
      }
    });
    afterEach(async () => {
      await current?.kdb.destroy();
      cleanup();
      current = null;
    });
    body(() => current ?? fail());
  });

  describe.skipIf(postgresMissing())(`${name} · PostgreSQL`, () => {
    let cluster: PgCluster;
    let made = 0;
    let current: BackendDb | null = null;
    let sync: PgSyncDb | null = null;
    beforeAll(async () => {
      cluster = await startPgCluster();
      // The template every test's database is copied from (CREATE DATABASE … TEMPLATE: a file copy, fast).
      const url = await cluster.createDatabase('desk_template');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        if (options.schema) for (const statement of options.schema.postgres) await client.query(statement);
        else await migratePostgres(client, migrations);
      } finally {
        await client.end();
      }
    }, 120_000);
    afterAll(() => cluster?.stop());
    beforeEach(async () => {
      const name = `test_${++made}`;
      await admin(cluster, `create database ${name} template desk_template`);
      const opts = pgOptions(cluster.url.replace(/\/desk$/, `/${name}`));
      sync = await PgSyncDb.open(opts);
      current = { backend: 'postgres', db: sync, kdb: createPostgresKysely(opts) };
    }, 60_000);
    afterEach(async () => {
      await current?.kdb.destroy();
      await sync?.close();
      current = null;
      sync = null;
    });
    body(() => current ?? fail());
  });
}

function fail(): never {
  throw new Error('describeBothBackends: the database is only there inside a test');
}

/** What PgSyncDb.open needs for a test cluster's URL (timeouts as given, 20 s for statements by default). */
export function pgOptions(
  url: string,
  timeouts: { statementTimeoutMs?: number; connectTimeoutMs?: number } = {},
): PgConnectOptions {
  const location = parseDatabaseLocation(url);
  if (location.kind !== 'postgres') throw new Error(`not a PostgreSQL URL: ${url}`);
  return connectOptions(location.server, { statementTimeoutMs: 20_000, ...timeouts });
}

async function admin(cluster: PgCluster, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
