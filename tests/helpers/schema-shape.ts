import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { ClientBase } from 'pg';
import type { SqliteDb } from '../../electron/db/connection';

/**
 * The shape of the schema on each side, for the checks that electron/db/schema.ts is Kysely's true view of the
 * migrated database (tests/integration/foundation/schema-types.test.ts on SQLite, tests/integration/db/pg-schema.test.ts
 * on PostgreSQL): every table and column, with its kind (number, string, Buffer), nullability, and whether an insert
 * may omit it. The TypeScript side is read with the compiler's own checker, so schema.ts keeps its shape.
 */

export type TsKind = 'string' | 'number' | 'Buffer';
export interface DeclaredColumn {
  kinds: TsKind[];
  nullable: boolean;
  generated: boolean;
  /** A member the check does not know how to map (a typo'd type, `any`, a boolean…). */
  unknown: string[];
}
export interface MigratedColumn {
  /** 'unmapped': a PostgreSQL type the app does not read as any of these (jsonb, boolean…), always a mismatch. */
  kind: TsKind | 'unmapped';
  nullable: boolean;
  /** Omitted on insert is fine: a default, the rowid (an identity on PostgreSQL), or NULL. */
  optionalOnInsert: boolean;
  /** The column's DEFAULT as written (PostgreSQL's `::type` cast left out), or null. */
  defaultValue: string | null;
  declaredType: string;
}
export type Shape<C> = Map<string, Map<string, C>>;

const SCHEMA_FILE = fileURLToPath(new URL('../../electron/db/schema.ts', import.meta.url));

/** The DB interface of schema.ts, table by table and column by column, as the type checker sees it. */
export function declaredSchema(): Shape<DeclaredColumn> {
  const program = ts.createProgram([SCHEMA_FILE], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SCHEMA_FILE);
  if (!source) throw new Error(`${SCHEMA_FILE} was not loaded`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const dbSymbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'DB');
  if (!dbSymbol) throw new Error('schema.ts exports no DB');
  const dbType = checker.getDeclaredTypeOfSymbol(dbSymbol);

  const describeColumn = (type: ts.Type): DeclaredColumn => {
    // Generated<T> is ColumnType<T, T | undefined, T>: what a select answers is its __select__ member.
    const select = type.getProperty('__select__');
    const generated = select !== undefined;
    const selected = select ? checker.getTypeOfSymbolAtLocation(select, source) : type;
    const column: DeclaredColumn = { kinds: [], nullable: false, generated, unknown: [] };
    for (const member of selected.isUnion() ? selected.types : [selected]) {
      const add = (kind: TsKind) => column.kinds.includes(kind) || column.kinds.push(kind);
      if (member.flags & ts.TypeFlags.Null) column.nullable = true;
      else if (member.flags & ts.TypeFlags.StringLike) add('string');
      else if (member.flags & ts.TypeFlags.NumberLike) add('number');
      else if (member.getSymbol()?.name === 'Buffer') add('Buffer');
      else column.unknown.push(checker.typeToString(member));
    }
    return column;
  };

  const tables: Shape<DeclaredColumn> = new Map();
  for (const table of dbType.getProperties()) {
    const columns = new Map<string, DeclaredColumn>();
    for (const column of checker.getTypeOfSymbolAtLocation(table, source).getProperties()) {
      columns.set(column.name, describeColumn(checker.getTypeOfSymbolAtLocation(column, source)));
    }
    tables.set(table.name, columns);
  }
  return tables;
}

/** SQLite's type affinity rules (https://sqlite.org/datatype3.html §3.1), mapped to what better-sqlite3 answers. */
function sqliteKind(declaredType: string): TsKind {
  const t = declaredType.toUpperCase();
  if (t.includes('INT')) return 'number';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'string';
  if (t.includes('BLOB') || t === '') return 'Buffer';
  return 'number'; // REAL, FLOA, DOUB and NUMERIC
}

/** The migrated SQLite database's tables (FTS5's own shadow tables left out) and columns. */
export function sqliteSchema(db: SqliteDb): Shape<MigratedColumn> {
  const objects = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .all();
  const virtual = objects.filter((o) => /^CREATE VIRTUAL TABLE/i.test(o.sql)).map((o) => o.name);
  const isShadow = (name: string) =>
    virtual.some(
      (v) =>
        name.startsWith(`${v}_`) && ['config', 'content', 'data', 'docsize', 'idx'].includes(name.slice(v.length + 1)),
    );
  const tables: Shape<MigratedColumn> = new Map();
  for (const { name } of objects.filter((o) => !isShadow(o.name))) {
    const isVirtual = virtual.includes(name);
    const columns = new Map<string, MigratedColumn>();
    const info = db
      .prepare<
        [string],
        { name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number }
      >('SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?)')
      .all(name);
    const pkColumns = info.filter((c) => c.pk > 0);
    const rowidAlias =
      pkColumns.length === 1 && pkColumns[0].type.toUpperCase() === 'INTEGER' ? pkColumns[0].name : null;
    for (const c of info) {
      if (c.hidden) continue; // FTS5's own hidden columns (the table's name, rank)
      const nullable = !isVirtual && c.notnull === 0 && c.pk === 0;
      columns.set(c.name, {
        // An FTS5 column has no declared type and holds text.
        kind: isVirtual ? 'string' : sqliteKind(c.type),
        nullable,
        optionalOnInsert: nullable || c.dflt_value !== null || c.name === rowidAlias,
        defaultValue: c.dflt_value,
        declaredType: isVirtual ? 'FTS5 text' : c.type,
      });
    }
    // A virtual table's rowid is how the app addresses its rows (contentless FTS5: rowid = the indexed row's id).
    if (isVirtual)
      columns.set('rowid', {
        kind: 'number',
        nullable: false,
        optionalOnInsert: false,
        defaultValue: null,
        declaredType: 'rowid',
      });
    tables.set(name, columns);
  }
  return tables;
}

/** PostgreSQL's types, mapped to what the app reads (int8 parsed as a number by the PostgreSQL data layer). */
function postgresKind(dataType: string, udtName: string): TsKind | null {
  if (['bigint', 'integer', 'smallint', 'double precision', 'real', 'numeric'].includes(dataType)) return 'number';
  if (dataType === 'text' || dataType === 'character varying' || udtName === 'citext') return 'string';
  if (dataType === 'bytea') return 'Buffer';
  return null;
}

/** The tables the PostgreSQL migrator keeps for itself (SQLite keeps the version in a pragma instead). */
export const POSTGRES_MIGRATOR_TABLES = ['schema_version'];

/** The migrated PostgreSQL database's tables (in the current schema) and columns. */
export async function postgresSchema(client: ClientBase): Promise<Shape<MigratedColumn>> {
  const { rows } = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: 'YES' | 'NO';
    column_default: string | null;
    is_identity: 'YES' | 'NO';
  }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default, c.is_identity
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND NOT (c.table_name = ANY($1))
     ORDER BY c.table_name, c.ordinal_position`,
    [POSTGRES_MIGRATOR_TABLES],
  );
  const tables: Shape<MigratedColumn> = new Map();
  for (const r of rows) {
    let columns = tables.get(r.table_name);
    if (!columns) tables.set(r.table_name, (columns = new Map()));
    const nullable = r.is_nullable === 'YES';
    columns.set(r.column_name, {
      kind: postgresKind(r.data_type, r.udt_name) ?? 'unmapped',
      nullable,
      optionalOnInsert: nullable || r.column_default !== null || r.is_identity === 'YES',
      defaultValue: r.column_default?.replace(/::[a-z ]+$/, '') ?? null,
      declaredType: r.data_type === 'USER-DEFINED' ? r.udt_name : r.data_type,
    });
  }
  return tables;
}

/** Tables and columns on one side only: `missing` are migrated but not declared, `extra` declared but not migrated. */
export function columnDifferences(declared: Shape<DeclaredColumn>, migrated: Shape<MigratedColumn>) {
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [table, columns] of migrated) {
    const types = declared.get(table);
    if (!types) continue;
    for (const column of columns.keys()) if (!types.has(column)) missing.push(`${table}.${column}`);
    for (const column of types.keys()) if (!columns.has(column)) extra.push(`${table}.${column}`);
  }
  return { missing, extra };
}

/**
 * Columns whose declared type disagrees with the migrated one: kind, nullability, or Generated<…> (optional on insert)
 * where an insert without the column is refused.
 */
export function typeMismatches(declared: Shape<DeclaredColumn>, migrated: Shape<MigratedColumn>): string[] {
  const mismatches: string[] = [];
  for (const [table, columns] of migrated) {
    for (const [name, column] of columns) {
      const type = declared.get(table)?.get(name);
      if (!type) continue;
      const where = `${table}.${name} (${column.declaredType}${column.nullable ? '' : ' NOT NULL'})`;
      if (type.unknown.length)
        mismatches.push(`${where}: declared with ${type.unknown.join(' | ')}, which is no column type`);
      if (type.kinds.length !== 1 || type.kinds[0] !== column.kind)
        mismatches.push(`${where}: declared ${type.kinds.join(' | ') || 'nothing'}, stored as ${column.kind}`);
      if (type.nullable !== column.nullable)
        mismatches.push(`${where}: declared ${type.nullable ? 'nullable' : 'not null'}`);
      if (type.generated && !column.optionalOnInsert)
        mismatches.push(`${where}: Generated, but an insert without it is refused (no default)`);
    }
  }
  return mismatches;
}
