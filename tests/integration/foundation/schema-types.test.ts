import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../electron/db/connection';
import { tempDb } from '../../helpers/db';
import {
  columnDifferences,
  declaredSchema,
  sqliteSchema,
  typeMismatches,
  type DeclaredColumn,
  type MigratedColumn,
  type Shape,
} from '../../helpers/schema-shape';

/**
 * electron/db/schema.ts is Kysely's view of the database ("keep in step with every migration"): this checks that it
 * is, against a fresh database migrated with the real migrations. Every table and column on one side is on the
 * other, with compatible types (INTEGER and REAL → number, TEXT → string, BLOB → Buffer) and the same nullability
 * (NOT NULL or a primary key → not null). A column typed Generated<…> (optional on insert) must have a default, be the
 * rowid or accept NULL. The same check runs on PostgreSQL in tests/integration/db/pg-schema.test.ts.
 */
describe('electron/db/schema.ts against the migrated database', () => {
  let db: SqliteDb;
  let cleanup: () => void;
  let declared: Shape<DeclaredColumn>;
  let migrated: Shape<MigratedColumn>;
  beforeAll(async () => {
    ({ db, cleanup } = await tempDb());
    migrated = sqliteSchema(db);
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
    expect(columnDifferences(declared, migrated)).toEqual({ missing: [], extra: [] });
  });

  it('types every column as its SQLite type and nullability say, and marks as Generated only what an insert may omit', () => {
    expect(typeMismatches(declared, migrated)).toEqual([]);
  });
});
