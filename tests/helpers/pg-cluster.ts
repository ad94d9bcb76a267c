import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests (issue 20): `initdb` into a temp folder, `postgres` on a free port of
 * 127.0.0.1 (and a Unix socket in that folder), trust authentication for the role `desk`, run as an unprivileged
 * user when the tests run as root (PostgreSQL refuses to run as root). Durability is switched off: a test cluster
 * is thrown away. Stopped and removed by `stop()`, and at the latest when the test process exits.
 *
 * The binaries come from Debian's `postgresql` package (`.ci/run` installs it when `initdb` is missing): PATH first,
 * then /usr/lib/postgresql/<newest>/bin.
 */
export interface PgCluster {
  /** postgres://desk@127.0.0.1:<port>/desk */
  url: string;
  port: number;
  /** The temp folder holding the cluster's files (removed by stop). */
  dir: string;
  /** A fresh empty database on this cluster; answers its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const ROLE = 'desk';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** The folder holding initdb and postgres, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) {
    const real = spawnSync('readlink', ['-f', onPath], { encoding: 'utf8' }).stdout.trim() || onPath;
    return join(real, '..');
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function postgresMissing(): string | null {
  return postgresBinDir()
    ? null
    : "PostgreSQL is not installed (no initdb on PATH or under /usr/lib/postgresql): install Debian's postgresql package";
}

/** The user the server runs as: ourselves, or (as root) the package's `postgres` user, else `nobody`. */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (r.status === 0) {
      const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
      return { name, uid: Number(r.stdout.trim()), gid };
    }
  }
  throw new Error('Running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function asUser(user: ReturnType<typeof serverUser>, command: string, args: string[]): [string, string[]] {
  return user ? ['runuser', ['-u', user.name, '--', command, ...args]] : [command, args];
}

async function waitUntilAnswering(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited at start (code ${server.exitCode}):\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not answer within ${START_TIMEOUT_MS} ms:\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Starts a throwaway cluster; throws with the server's own output when it cannot start. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresMissing() ?? 'PostgreSQL is not installed');
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-pg-'));
  chmodSync(dir, 0o700);
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');

  const [initCmd, initArgs] = asUser(user, join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    ROLE,
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8', cwd: dir });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
  }

  let output = '';
  let server: ChildProcess | null = null;
  let port = 0;
  for (let attempt = 0; attempt < 5 && !server; attempt++) {
    port = await freePort();
    const [cmd, args] = asUser(user, join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=60',
    ]);
    const child = spawn(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const url = `postgres://${ROLE}@127.0.0.1:${port}/postgres`;
    try {
      await waitUntilAnswering(url, child, () => output);
      server = child;
    } catch (e) {
      child.kill('SIGKILL');
      // Another process took the port between our probe and the server's bind: try another one.
      if (!/could not bind|Address already in use/i.test(output) || attempt === 4) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
  const running = server as ChildProcess;

  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: `postgres://${ROLE}@127.0.0.1:${port}/postgres` });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  await admin((c) => c.query(`create database ${ROLE}`));

  let stopped = false;
  const killNow = () => {
    if (!stopped) running.kill('SIGKILL');
  };
  process.once('exit', killNow);

  return {
    url: `postgres://${ROLE}@127.0.0.1:${port}/${ROLE}`,
    port,
    dir,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
      await admin((c) => c.query(`create database ${name}`));
      return `postgres://${ROLE}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', killNow);
      if (running.exitCode === null) {
        const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
        running.kill('SIGINT'); // fast shutdown: disconnects clients, no checkpoint wait worth having
        const timer = setTimeout(() => running.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    },
  };
}
