import { AppError } from '../../shared/errors';
import type { PgConnectOptions } from './pg-sync-protocol';

/**
 * Where the data lives, as the owner wrote it (`--db`, env SMS_DESK_DB, Settings → Team): a file path means the
 * embedded SQLite database; a `postgres://` (or `postgresql://`) URL means a shared PostgreSQL database (team mode).
 */
export type DatabaseLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; server: PostgresServer };

/**
 * How TLS is used: `disable` none; `require`, `verify-ca` and `verify-full` encrypt and check the server's
 * certificate against the system's authorities and its name (as the pg driver reads them, stricter than libpq's
 * `require`); `no-verify` encrypts without checking (a server with a self-signed certificate).
 */
export const SSL_MODES = ['disable', 'no-verify', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export interface PostgresServer {
  /** A host name or address, or the folder of a Unix socket. */
  host: string;
  port: number;
  database: string;
  user: string;
  /** Only when the URL carried one; Settings → Team keeps it in the secret store instead. */
  password?: string;
  sslmode: SslMode;
  /** The URL without its password: what messages and logs may show. */
  display: string;
}

const DEFAULT_PORT = 5432;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);
const KNOWN_OPTIONS = ['sslmode', 'host'];

/** Whether `text` is written as a URL (a scheme and `//`), as opposed to a file path (`C:\…` is a path). */
function looksLikeUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(text);
}

function invalid(text: string, problem: string): AppError {
  return new AppError('invalid_input', `The database URL ${redacted(text)} ${problem}.`);
}

/** `text` with any password replaced by `***`, for an error message about a URL that may not even parse. */
function redacted(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** Whether a server is this computer (by name, loopback address or Unix socket): no TLS needed by default. */
export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host) || host.startsWith('/');
}

/** Reads a `--db` value: a file path, or a PostgreSQL URL checked part by part (each problem named). */
export function parseDatabaseLocation(text: string): DatabaseLocation {
  const value = text.trim();
  if (!value) throw new AppError('invalid_input', 'The database location is empty: give a file path or a URL.');
  if (!looksLikeUrl(value)) return { kind: 'sqlite', path: value };
  const scheme = value.slice(0, value.indexOf(':')).toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw invalid(
      value,
      `is a ${scheme}:// URL: only postgres:// (PostgreSQL) URLs or a database file path are understood`,
    );
  }
  // Checked before the URL parser, which would only say "invalid URL" about it.
  const portText = /^[^:]+:\/\/(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/?]*)(?::([^/?]*))?/.exec(value)?.[1];
  if (portText !== undefined && portText !== '') {
    if (!/^\d+$/.test(portText)) throw invalid(value, `has the port "${portText}", which is not a number`);
    const n = Number(portText);
    if (n < 1 || n > 65535) throw invalid(value, `has the port ${portText}, which is not between 1 and 65535`);
  }
  let url: URL;
  try {
    // `user@/database?host=/socket` (no host before the path) is libpq's spelling for a Unix socket; the URL parser
    // wants a host after a user, so it reads a stand-in that the host option replaces below.
    url = new URL(value.replace(/^([^:]+:\/\/[^@/]*@)\//, '$1localhost/'));
  } catch {
    throw invalid(value, 'cannot be read as a URL: write it as postgres://user@host:5432/database');
  }
  for (const key of url.searchParams.keys()) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw invalid(value, `has the option "${key}", which is not understood (known: ${KNOWN_OPTIONS.join(', ')})`);
    }
  }
  const socketFolder = url.searchParams.get('host');
  const urlHost = decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1');
  const host = socketFolder ?? urlHost;
  if (!host) throw invalid(value, 'names no server: write postgres://user@HOST:5432/database');
  if (socketFolder !== null && !socketFolder.startsWith('/')) {
    throw invalid(value, `has host=${socketFolder}: that option is for a Unix socket folder (starting with /)`);
  }
  const port = url.port === '' ? DEFAULT_PORT : Number(url.port);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw invalid(value, 'names no database: write postgres://user@host:5432/DATABASE');
  if (database.includes('/')) throw invalid(value, `names the database "${database}", which cannot contain a /`);
  const user = decodeURIComponent(url.username);
  if (!user) throw invalid(value, 'names no user: write postgres://USER@host:5432/database');
  const given = url.searchParams.get('sslmode');
  if (given !== null && !(SSL_MODES as readonly string[]).includes(given)) {
    const hint =
      given === 'prefer' || given === 'allow'
        ? ' (a connection that may silently go unencrypted is not offered: say require, or disable on a trusted network)'
        : '';
    throw invalid(value, `has sslmode=${given}; it must be one of ${SSL_MODES.join(', ')}${hint}`);
  }
  // Encrypted unless the server is this computer: a customer list must not cross a network in clear text.
  const sslmode = (given as SslMode | null) ?? (isLocalHost(host) ? 'disable' : 'require');
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  const shownHost = socketFolder ? `?host=${socketFolder}` : host.includes(':') ? `[${host}]` : host;
  const display = socketFolder
    ? `postgres://${user}@/${database}${shownHost}&sslmode=${sslmode}`
    : `postgres://${user}@${shownHost}:${port}/${database}?sslmode=${sslmode}`;
  return { kind: 'postgres', server: { host, port, database, user, password, sslmode, display } };
}

/** What the synchronous connection's thread needs to connect to `server`. */
export function connectOptions(
  server: PostgresServer,
  options: { password?: string; statementTimeoutMs?: number; connectTimeoutMs?: number } = {},
): PgConnectOptions {
  return {
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.user,
    password: options.password ?? server.password,
    ssl: server.sslmode === 'disable' ? false : { rejectUnauthorized: server.sslmode !== 'no-verify' },
    statementTimeoutMs: options.statementTimeoutMs ?? 30_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    applicationName: 'SMS Campaign Desk',
  };
}

/**
 * Team mode is being built (issue 20): the data layer and its tests run on PostgreSQL, the app does not yet. Until
 * every part of it does, a PostgreSQL URL is refused with this, rather than half the app writing to a server.
 */
export function teamModeNotReady(server: PostgresServer): AppError {
  return new AppError(
    'team_mode_unavailable',
    `Team mode (a shared PostgreSQL database) is not available in this version yet, so ${server.display} was not ` +
      'opened and nothing was written to it. Use a database file: give --db (or SMS_DESK_DB) a file path, or leave ' +
      "it out to use the app's own database.",
  );
}
