import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { SqliteDb } from '../../../electron/db/connection';
import { tempDb } from '../../helpers/db';

/**
 * electron/db/schema.ts is Kysely's view of the database ("keep in step with every migration"): this checks that it
 * is, against a fresh database migrated with the real migrations. Every table and column on one side is on the
 * other, with compatible types (INTEGER and REAL → number, TEXT → string, BLOB → Buffer) and the same nullability
 * (NOT NULL or a primary key → not null). A column typed Generated<…> (optional on insert) must have a default, be the
 * rowid or accept NULL. The TypeScript types are read with the compiler's own checker, so the file keeps its shape.
 */

type TsKind = 'string' | 'number' | 'Buffer';
interface DeclaredColumn {
  kinds: TsKind[];
  nullable: boolean;
  generated: boolean;
  /** A member the check does not know how to map (a typo'd type, `any`, a boolean…). */
  unknown: string[];
}
interface MigratedColumn {
  kind: TsKind;
  nullable: boolean;
  /** Omitted on insert is fine: a default, the rowid, or NULL. */
  optionalOnInsert: boolean;
  declaredType: string;
}

const SCHEMA_FILE = fileURLToPath(new URL('../../../electron/db/schema.ts', import.meta.url));

/** The DB interface of schema.ts, table by table and column by column, as the type checker sees it. */
function declaredSchema(): Map<string, Map<string, DeclaredColumn>> {
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

  const tables = new Map<string, Map<string, DeclaredColumn>>();
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
function kindOf(declaredType: string): TsKind {
  const t = declaredType.toUpperCase();
  if (t.includes('INT')) return 'number';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'string';
  if (t.includes('BLOB') || t === '') return 'Buffer';
  return 'number'; // REAL, FLOA, DOUB and NUMERIC
}

/** The migrated database's tables (FTS5's own shadow tables left out) and columns. */
function migratedSchema(db: SqliteDb): Map<string, Map<string, MigratedColumn>> {
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
  const tables = new Map<string, Map<string, MigratedColumn>>();
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
        kind: isVirtual ? 'string' : kindOf(c.type),
        nullable,
        optionalOnInsert: nullable || c.dflt_value !== null || c.name === rowidAlias,
        declaredType: isVirtual ? 'FTS5 text' : c.type,
      });
    }
    // A virtual table's rowid is how the app addresses its rows (contentless FTS5: rowid = the indexed row's id).
    if (isVirtual)
      columns.set('rowid', { kind: 'number', nullable: false, optionalOnInsert: false, declaredType: 'rowid' });
    tables.set(name, columns);
  }
  return tables;
}

describe('electron/db/schema.ts against the migrated database', () => {
  let db: SqliteDb;
  let cleanup: () => void;
  let declared: Map<string, Map<string, DeclaredColumn>>;
  let migrated: Map<string, Map<string, MigratedColumn>>;
  beforeAll(async () => {
    ({ db, cleanup } = await tempDb());
    migrated = migratedSchema(db);
    declared = declaredSchema();
  }, 60_000);
  afterAll(() => cleanup());

  it('reads both sides (the check would pass vacuously otherwise)', () => {
    expect(migrated.size).toBeGreaterThan(40);
    expect(declared.size).toBeGreaterThan(40);
    expect(declared.get('contacts')?.get('phone')).toEqual({
      kinds: ['string'],
      nullable: false,
      generated: false,
      unknown: [],
    });
    expect(declared.get('contacts')?.get('id')?.generated).toBe(true);
    expect(declared.get('click_salt')?.get('salt')?.kinds).toEqual(['Buffer']);
    expect(migrated.get('contacts')?.get('email')).toMatchObject({ kind: 'string', nullable: true });
  });

  it('has every migrated table, and no table the migrations do not create', () => {
    expect([...declared.keys()].sort()).toEqual([...migrated.keys()].sort());
  });

  it('has every column of every table, and no column the migrations do not create', () => {
    const missing: string[] = [];
    const extra: string[] = [];
    for (const [table, columns] of migrated) {
      const types = declared.get(table);
      if (!types) continue;
      for (const column of columns.keys()) if (!types.has(column)) missing.push(`${table}.${column}`);
      for (const column of types.keys()) if (!columns.has(column)) extra.push(`${table}.${column}`);
    }
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('types every column as its SQLite type and nullability say, and marks as Generated only what an insert may omit', () => {
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
    expect(mismatches).toEqual([]);
  });
});
