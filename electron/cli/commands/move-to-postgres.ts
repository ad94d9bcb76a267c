import pg from 'pg';
import { AppError } from '../../../shared/errors';
import { moveToPostgres, openSourceDatabase } from '../../db/move-to-postgres';
import { resolvePaths } from '../../paths';
import { defineCommand, UsageError } from '../framework';

/** The URL as shown in messages: never its password. */
function shownUrl(url: URL): string {
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  return shown.href;
}

/**
 * `db migrate-to-postgres <url>` (issue 20): copies this desktop's SQLite database into an empty PostgreSQL database,
 * ids kept, checked table by table; the SQLite file is opened read-only and stays as it was. It does not open the app
 * (which would migrate the file): the file must already be at this app's schema version.
 */
export const migrateToPostgres = defineCommand({
  name: 'db migrate-to-postgres',
  usage: 'db migrate-to-postgres <postgres-url> [--json]',
  summary: 'Copy this database into an empty PostgreSQL database (team mode), ids kept, every table checked.',
  args: { min: 1, max: 1 },
  async run(ctx, { positionals: [text] }) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new UsageError(`"${text}" is not a URL; give postgres://user:password@host:5432/database`);
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
      throw new UsageError(`"${shownUrl(url)}" is not a postgres:// URL`);
    const where = shownUrl(url);
    const file = resolvePaths({ db: ctx.dbPath }).dbPath;
    const db = openSourceDatabase(file);
    const client = new pg.Client({ connectionString: url.href });
    try {
      await client.connect().catch((err: unknown) => {
        throw new AppError(
          'database_error',
          `Cannot connect to ${where}: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
      const result = await moveToPostgres(db, client, where, {
        onTable: (t, i, of) => {
          if (!ctx.json) ctx.io.stderr(`[${i}/${of}] ${t.table}: ${t.rows} rows ${t.how}`);
        },
      });
      const width = Math.max(...result.tables.map((t) => t.table.length));
      return {
        json: { file, target: where, ...result },
        text: [
          `Copied ${file} (schema version ${result.schemaVersion}) to ${where}: ${result.totalRows} rows in ` +
            `${result.tables.length} tables, every count and checksum the same on both sides. The SQLite file is unchanged.`,
          ...result.tables.map(
            (t) =>
              `  ${t.table.padEnd(width)}  ${String(t.rows).padStart(9)}  ${t.checksum.slice(0, 16)}${t.how === 'rebuilt' ? '  (search index rebuilt)' : ''}`,
          ),
        ].join('\n'),
      };
    } finally {
      await client.end().catch(() => undefined);
      db.close();
    }
  },
});
