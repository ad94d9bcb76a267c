import { readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../electron/app';
import { runCli } from '../../../electron/cli/index';
import { cli } from '../../helpers/cli';
import { tempDir } from '../../helpers/db';
import { postgresMissing, startPgCluster, type PgCluster } from '../../helpers/pg-cluster';

/**
 * Team mode is not finished (issue 20): the data layer runs on PostgreSQL, the app does not yet. A PostgreSQL URL
 * given to the app is checked and refused with a message that says so, and nothing is written anywhere.
 */

async function cliWithEnv(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    args,
    { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '' },
    env,
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('a PostgreSQL URL given to the app', () => {
  it('is refused by the CLI with a message naming the server (never its password), and no file appears', async () => {
    const t = tempDir();
    const before = readdirSync(process.cwd());
    try {
      const r = await cli(['--db', 'postgres://desk:hunter2@db.example.com/shop', '--json', 'contacts', 'count']);
      expect(r.code).toBe(1);
      const { error } = JSON.parse(r.stderr) as { error: { code: string; message: string } };
      expect(error.code).toBe('team_mode_unavailable');
      expect(error.message).toContain('Team mode (a shared PostgreSQL database) is not available in this version yet');
      expect(error.message).toContain('postgres://desk@db.example.com:5432/shop?sslmode=require');
      expect(r.stderr).not.toContain('hunter2');
      expect(readdirSync(process.cwd())).toEqual(before);
    } finally {
      t.cleanup();
    }
  });

  it('is refused from SMS_DESK_DB too', async () => {
    const r = await cliWithEnv(['settings', 'list'], {
      ...process.env,
      SMS_DESK_DB: 'postgresql://desk@localhost/desk',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('postgres://desk@localhost:5432/desk?sslmode=disable was not opened');
  });

  it('that is malformed is a usage error naming what is wrong', async () => {
    const r = await cli(['--db', 'postgres://db.example.com/shop', 'contacts', 'count']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('names no user: write postgres://USER@host:5432/database');
  });

  it('still means a file when it is a path', async () => {
    const t = tempDir();
    try {
      const r = await cli(['--db', `${t.dir}/desk.sqlite`, '--json', 'contacts', 'count']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ count: 0 });
    } finally {
      t.cleanup();
    }
  });
});

describe.skipIf(postgresMissing())('a PostgreSQL URL of a real server given to the app', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('is refused before anything is written to the server', async () => {
    const url = await cluster.createDatabase('refused');
    await expect(createApp({ dbPath: url, log: () => undefined })).rejects.toMatchObject({
      code: 'team_mode_unavailable',
    });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const r = await client.query<{ n: string }>(
        `select count(*) as n from information_schema.tables where table_schema = 'public'`,
      );
      expect(Number(r.rows[0].n)).toBe(0);
    } finally {
      await client.end();
    }
  });
});
