import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseDatabaseLocation, teamModeNotReady } from './db/database-url';

export const PRODUCT_NAME = 'SMS Campaign Desk';
export const DB_FILE = 'desk.sqlite';

/**
 * The app's data folder, computed the way Electron's app.getPath('userData') does for our productName,
 * so the CLI and the harness find the same database and secrets as the desktop app.
 * SMS_DESK_DATA_DIR overrides it.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.SMS_DESK_DATA_DIR) return resolve(env.SMS_DESK_DATA_DIR);
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), PRODUCT_NAME);
}

export interface DataPaths {
  dataDir: string;
  dbPath: string;
  secretsFile: string;
  safeSecretsFile: string;
  /** False when the folder is merely where a `--db` file lives (any folder of the user's); see secureDataAtRest. */
  ownsDataDir: boolean;
}

/**
 * `--db` / SMS_DESK_DB point at a database file; its folder then holds the secrets too. A PostgreSQL URL is checked
 * and refused (team mode is not finished): it must never become a file named after the URL.
 */
export function resolvePaths(opts: { db?: string; env?: NodeJS.ProcessEnv } = {}): DataPaths {
  const env = opts.env ?? process.env;
  const explicitDb = opts.db ?? env.SMS_DESK_DB;
  if (explicitDb) {
    const location = parseDatabaseLocation(explicitDb);
    if (location.kind === 'postgres') throw teamModeNotReady(location.server);
  }
  const dbPath = explicitDb ? resolve(explicitDb) : join(defaultDataDir(env), DB_FILE);
  const dataDir = explicitDb ? dirname(dbPath) : defaultDataDir(env);
  return {
    dataDir,
    dbPath,
    secretsFile: join(dataDir, 'secrets.json'),
    safeSecretsFile: join(dataDir, 'secrets.keychain.json'),
    ownsDataDir: !explicitDb,
  };
}
