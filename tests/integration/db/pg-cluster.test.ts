import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { postgresMissing, startPgCluster, type PgCluster } from '../../helpers/pg-cluster';

/** The throwaway PostgreSQL cluster the team-mode tests run on (issue 20): starts, answers, stops and is removed. */
describe.skipIf(postgresMissing())('throwaway PostgreSQL cluster', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('answers on 127.0.0.1 as the desk role, and makes fresh databases', async () => {
    expect(cluster.url).toMatch(/^postgres:\/\/desk@127\.0\.0\.1:\d+\/desk$/);
    const url = await cluster.createDatabase('fresh_one');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const r = await client.query<{ db: string; who: string; version: string }>(
        'select current_database() as db, current_user as who, current_setting($1) as version',
        ['server_version_num'],
      );
      expect(r.rows[0]).toMatchObject({ db: 'fresh_one', who: 'desk' });
      expect(Number(r.rows[0].version)).toBeGreaterThanOrEqual(150000);
      const trgm = await client.query('create extension if not exists pg_trgm');
      expect(trgm.command).toBe('CREATE');
    } finally {
      await client.end();
    }
    await expect(cluster.createDatabase('bad name; drop')).rejects.toThrow(/Not a plain database name/);
  });

  it('stops and leaves nothing behind', async () => {
    const other = await startPgCluster();
    const client = new pg.Client({ connectionString: other.url, connectionTimeoutMillis: 2_000 });
    await client.connect();
    await client.end();
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    const after = new pg.Client({ connectionString: other.url, connectionTimeoutMillis: 2_000 });
    await expect(after.connect()).rejects.toThrow();
    await after.end().catch(() => undefined);
  }, 60_000);
});
