import { existsSync } from 'node:fs';
import type { ClientBase } from 'pg';
import { AppError } from '../../shared/errors';
import { CONTACT_STARTS_SQL } from '../../migrations/0009_contact_starts';
import { latestSchemaVersion, migrations } from '../../migrations';
import { openDatabase, type SqliteDb } from './connection';
import { databaseTooNew, schemaVersion } from './migrator';
import { migratePostgres, schemaVersionPostgres } from './migrator-postgres';
import { columnKind, rowLabel, TableChecksum, toPgRow, type PgValue, type TableShape } from './move-to-postgres-rows';
import { CONTACT_SEARCH_ROW_SQL } from './sql-fns';

/**
 * `db migrate-to-postgres <url>` (issue 20): copies a desktop's SQLite database into an empty PostgreSQL database,
 * every table with its ids, in ONE PostgreSQL transaction, then checks each table's row count and checksum on both
 * sides before committing. The SQLite file is opened read-only and never changed. See docs/design/postgres.md.
 */

/** Rows the migrations themselves write, so a database holding only these "only has the schema". */
const SEEDED_BY_MIGRATIONS = new Set(['analytics_cursors', 'click_salt', 'contact_search_state', 'schema_version']);

/**
 * The search tables are contentless FTS5 indexes on SQLite: they hold ids, not text. Their rows are rebuilt on
 * PostgreSQL from the copied data with the app's own expressions (electron/contacts/search-index.ts, migration 0019),
 * for exactly the ids the SQLite index holds; the checksum then compares those ids.
 */
const SEARCH_TABLES: Record<string, string> = {
  contact_search: `INSERT INTO contact_search (rowid, name, email, phone)
    SELECT ${CONTACT_SEARCH_ROW_SQL}
    FROM contacts c WHERE c.id = ANY($1::bigint[])`,
  contact_starts: `INSERT INTO contact_starts (rowid, starts) SELECT c.id, ${CONTACT_STARTS_SQL} FROM contacts c
    WHERE c.id = ANY($1::bigint[])`,
  inbox_search: `INSERT INTO inbox_search (rowid, body) SELECT s.rowid, s.body FROM (
      SELECT id * 2 AS rowid, body FROM inbound_messages
      UNION ALL SELECT id * 2 + 1, body FROM outbox_messages WHERE kind = 'reply') s
    WHERE s.rowid = ANY($1::bigint[])`,
};

/** PostgreSQL takes at most 65535 parameters in one statement. */
const MAX_PARAMS = 60_000;
const MAX_BATCH_ROWS = 1_000;
const READ_BATCH = 5_000;

export interface TableFigures {
  table: string;
  rows: number;
  checksum: string;
  /** "copied", or "rebuilt" for a search index (its ids compared). */
  how: 'copied' | 'rebuilt';
}

export interface MoveResult {
  schemaVersion: number;
  tables: TableFigures[];
  totalRows: number;
}

export interface MoveOptions {
  /** Called as each table is done (progress for a big database). */
  onTable?: (t: TableFigures, index: number, of: number) => void;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The app's tables on the target with their columns and primary keys (schema_version aside). */
async function targetShapes(client: ClientBase): Promise<TableShape[]> {
  const cols = await client.query<{ table_name: string; column_name: string; udt_name: string }>(
    `SELECT c.table_name, c.column_name, c.udt_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_version'
     ORDER BY c.table_name, c.ordinal_position`,
  );
  const keys = await client.query<{ table_name: string; column_name: string }>(
    `SELECT cl.relname AS table_name, a.attname AS column_name
       FROM pg_constraint k JOIN pg_class cl ON cl.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = current_schema()
       CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, pos)
       JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum = u.attnum
     WHERE k.contype = 'p' ORDER BY cl.relname, u.pos`,
  );
  const shapes = new Map<string, TableShape>();
  for (const c of cols.rows) {
    const shape = shapes.get(c.table_name) ?? { table: c.table_name, columns: [], key: [] };
    shape.columns.push({ name: c.column_name, kind: columnKind(c.udt_name) });
    shapes.set(c.table_name, shape);
  }
  for (const k of keys.rows) shapes.get(k.table_name)?.key.push(k.column_name);
  for (const s of shapes.values()) if (!s.key.length) s.key = s.columns.map((c) => c.name);
  return [...shapes.values()];
}

/** Refuses a target holding anything but this app's schema and the rows its migrations write. */
async function refuseTargetWithData(client: ClientBase, where: string): Promise<void> {
  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  if (!tables.rows.length) return;
  if ((await schemaVersionPostgres(client)) === 0) {
    throw new AppError(
      'conflict',
      `${where} already holds tables that are not SMS Campaign Desk's (${tables.rows.map((t) => t.name).join(', ')}). ` +
        `Move into an empty database (CREATE DATABASE desk TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'). Nothing was changed.`,
    );
  }
  const holding: string[] = [];
  for (const t of tables.rows) {
    if (SEEDED_BY_MIGRATIONS.has(t.name)) continue;
    const r = await client.query(`SELECT 1 FROM ${quote(t.name)} LIMIT 1`);
    if (r.rowCount) holding.push(t.name);
  }
  if (holding.length) {
    throw new AppError(
      'conflict',
      `${where} already holds data (${holding.join(', ')}): the move only fills an empty database, so nothing is ` +
        `overwritten or mixed. Use an empty database. Nothing was changed.`,
    );
  }
}

/** The SQLite tables to copy: every table and virtual table, without SQLite's bookkeeping and FTS5's shadow tables. */
function sourceTables(db: SqliteDb): Set<string> {
  const rows = db.prepare(`SELECT name, type FROM pragma_table_list WHERE schema = 'main'`).all() as {
    name: string;
    type: string;
  }[];
  return new Set(rows.filter((r) => r.type !== 'shadow' && !r.name.startsWith('sqlite_')).map((r) => r.name));
}

/** Highest id SQLite has handed out per AUTOINCREMENT table (it may be above max(id) after deletes). */
function sqliteSequences(db: SqliteDb): Map<string, bigint> {
  const has = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get();
  if (!has) return new Map();
  const rows = db.prepare('SELECT name, seq FROM sqlite_sequence').safeIntegers(true).all() as {
    name: string;
    seq: bigint;
  }[];
  return new Map(rows.map((r) => [r.name, r.seq]));
}

async function insertBatch(client: ClientBase, shape: TableShape, batch: PgValue[][], first: string): Promise<void> {
  if (!batch.length) return;
  const n = shape.columns.length;
  const values = batch.map((_, r) => `(${shape.columns.map((_c, i) => `$${r * n + i + 1}`).join(', ')})`).join(', ');
  const sql = `INSERT INTO ${quote(shape.table)} (${shape.columns.map((c) => quote(c.name)).join(', ')}) VALUES ${values}`;
  try {
    await client.query(sql, batch.flat());
  } catch (err) {
    const e = err as { message?: string; detail?: string };
    throw new AppError(
      'database_error',
      `Cannot copy ${shape.table} (rows from ${first}): ${e.message ?? String(err)}${e.detail ? ` (${e.detail})` : ''}. ` +
        `Nothing was copied.`,
    );
  }
}

/** Copies one table's rows from SQLite in primary-key order; answers the checksum of what was sent. */
async function copyTable(db: SqliteDb, client: ClientBase, shape: TableShape): Promise<TableChecksum> {
  const sum = new TableChecksum(shape);
  const select = db
    .prepare(
      `SELECT ${shape.columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(shape.table)} ORDER BY ${shape.key.map(quote).join(', ')}`,
    )
    .safeIntegers(true);
  const perBatch = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / shape.columns.length)));
  let batch: PgValue[][] = [];
  let first = '';
  for (const row of select.iterate() as IterableIterator<Record<string, unknown>>) {
    const values = toPgRow(shape, row);
    sum.add(values);
    if (!batch.length) first = rowLabel(shape, row);
    batch.push(values);
    if (batch.length >= perBatch) {
      await insertBatch(client, shape, batch, first);
      batch = [];
    }
  }
  await insertBatch(client, shape, batch, first);
  return sum;
}

/** Rebuilds a search table for the ids its SQLite index holds; answers the checksum of those ids. */
async function rebuildSearchTable(db: SqliteDb, client: ClientBase, table: string): Promise<TableChecksum> {
  const shape: TableShape = { table, columns: [{ name: 'rowid', kind: 'integer' }], key: ['rowid'] };
  const sum = new TableChecksum(shape);
  let ids: string[] = [];
  const flush = async () => {
    if (ids.length) await client.query(SEARCH_TABLES[table], [ids]);
    ids = [];
  };
  for (const row of db
    .prepare(`SELECT rowid FROM ${quote(table)} ORDER BY rowid`)
    .safeIntegers(true)
    .iterate()) {
    const id = (row as { rowid: bigint }).rowid.toString();
    sum.add([id]);
    ids.push(id);
    if (ids.length >= 50_000) await flush();
  }
  await flush();
  return sum;
}

/** The same checksum computed from what PostgreSQL now holds (read through a cursor, in primary-key order). */
async function targetChecksum(client: ClientBase, shape: TableShape, columns: string[]): Promise<TableChecksum> {
  const sum = new TableChecksum(shape);
  await client.query(
    `DECLARE move_check NO SCROLL CURSOR FOR SELECT ${columns.map(quote).join(', ')} FROM ${quote(shape.table)} ORDER BY ${shape.key.map(quote).join(', ')}`,
  );
  for (;;) {
    const r = await client.query<unknown[]>({ text: `FETCH ${READ_BATCH} FROM move_check`, rowMode: 'array' });
    for (const row of r.rows) sum.add(row);
    if (r.rows.length < READ_BATCH) break;
  }
  await client.query('CLOSE move_check');
  return sum;
}

/** Moves every identity sequence past the highest id copied (or handed out by SQLite), so new rows never collide. */
async function moveSequences(client: ClientBase, handedOut: Map<string, bigint>): Promise<void> {
  const ids = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  for (const { table_name: t, column_name: c } of ids.rows) {
    const floor = (handedOut.get(t) ?? 0n).toString();
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), greatest(max(${quote(c)}), $3::bigint), true)
       FROM ${quote(t)} HAVING greatest(max(${quote(c)}), $3::bigint) > 0`,
      [quote(t), c, floor],
    );
  }
}

/** Opens the SQLite file read-only, refusing one that is missing or not at this app's latest schema. */
export function openSourceDatabase(path: string): SqliteDb {
  if (!existsSync(path)) throw new AppError('not_found', `No database file at ${path}.`);
  const db = openDatabase(path, { readonly: true });
  const version = schemaVersion(db);
  if (version > latestSchemaVersion) {
    db.close();
    throw databaseTooNew(version, latestSchemaVersion);
  }
  if (version < latestSchemaVersion) {
    db.close();
    throw new AppError(
      'conflict',
      `${path} has schema version ${version}, older than this app's ${latestSchemaVersion}: open it with this app ` +
        `first so it is migrated, then move it. Nothing was changed.`,
    );
  }
  return db;
}

/**
 * Copies the SQLite database `db` (opened by `openSourceDatabase`) into the PostgreSQL database on `client`.
 * `where` names the target in messages (the URL without its password).
 */
export async function moveToPostgres(
  db: SqliteDb,
  client: ClientBase,
  where: string,
  options: MoveOptions = {},
): Promise<MoveResult> {
  await refuseTargetWithData(client, where);
  const version = schemaVersion(db);
  await migratePostgres(client, migrations, { target: version });
  // The search tables are rebuilt from the copied rows, so they come last.
  const shapes = (await targetShapes(client)).sort(
    (a, b) => Number(a.table in SEARCH_TABLES) - Number(b.table in SEARCH_TABLES),
  );
  const source = sourceTables(db);
  const missing = shapes.filter((s) => !source.has(s.table)).map((s) => s.table);
  const extra = [...source].filter((t) => !shapes.some((s) => s.table === t));
  if (missing.length || extra.length) {
    throw new AppError(
      'database_error',
      `The SQLite file's tables do not match schema version ${version}` +
        `${missing.length ? `: missing ${missing.join(', ')}` : ''}${extra.length ? `; unknown ${extra.join(', ')}` : ''}. Nothing was copied.`,
    );
  }
  const tables: TableFigures[] = [];
  await client.query('BEGIN');
  try {
    // Triggers and foreign keys off for this transaction only: counters and roll-ups are copied as data, and the
    // tables can go in any order (the SQLite file kept its foreign keys).
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(`TRUNCATE ${shapes.map((s) => quote(s.table)).join(', ')}`);
    for (const shape of shapes) {
      const rebuilt = shape.table in SEARCH_TABLES;
      const sent = rebuilt ? await rebuildSearchTable(db, client, shape.table) : await copyTable(db, client, shape);
      const checkShape = rebuilt
        ? { ...shape, columns: [{ name: 'rowid', kind: 'integer' as const }], key: ['rowid'] }
        : shape;
      const landed = await targetChecksum(
        client,
        checkShape,
        checkShape.columns.map((c) => c.name),
      );
      const [a, b] = [sent.digest(), landed.digest()];
      if (sent.rows !== landed.rows || a !== b) {
        throw new AppError(
          'database_error',
          `${shape.table} did not arrive intact: ${sent.rows} rows (checksum ${a.slice(0, 12)}) sent, ` +
            `${landed.rows} rows (checksum ${b.slice(0, 12)}) on PostgreSQL. Nothing was copied.`,
        );
      }
      const figures: TableFigures = {
        table: shape.table,
        rows: sent.rows,
        checksum: a,
        how: rebuilt ? 'rebuilt' : 'copied',
      };
      tables.push(figures);
      options.onTable?.(figures, tables.length, shapes.length);
    }
    await moveSequences(client, sqliteSequences(db));
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return { schemaVersion: version, tables, totalRows: tables.reduce((n, t) => n + t.rows, 0) };
}
