import { createHash, type Hash } from 'node:crypto';
import { AppError } from '../../shared/errors';

/**
 * Values of one row on their way from SQLite to PostgreSQL (`db migrate-to-postgres`, issue 20): each is converted to
 * the PostgreSQL column's kind, strictly (text in an integer column is an error naming the table, the row and the
 * column, never a crash or a silent change), and the same normalised form feeds the per-table checksum on both sides.
 */

/** What a PostgreSQL column holds, as far as the copy and the checksum care. */
export type ColumnKind = 'integer' | 'real' | 'text' | 'bytes';

export function columnKind(udtName: string): ColumnKind {
  if (udtName === 'int8' || udtName === 'int4' || udtName === 'int2') return 'integer';
  if (udtName === 'float8' || udtName === 'float4') return 'real';
  if (udtName === 'bytea') return 'bytes';
  return 'text';
}

/** A value as PostgreSQL takes it in a parameter: integers as decimal text (bigint-safe), bytes as a Buffer. */
export type PgValue = string | number | Buffer | null;

const describe = (v: unknown) =>
  typeof v === 'string' ? `text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}` : typeof v;

/**
 * One SQLite value (read with safe integers, so INTEGER comes as bigint) as the PostgreSQL column takes it; null
 * when the value does not fit, with `problem` saying why.
 */
function convert(value: unknown, kind: ColumnKind): { value: PgValue } | { problem: string } {
  if (value === null || value === undefined) return { value: null };
  switch (kind) {
    case 'integer':
      if (typeof value === 'bigint') return { value: value.toString() };
      if (typeof value === 'number' && Number.isInteger(value)) return { value: BigInt(value).toString() };
      return { problem: `${describe(value)} in an integer column` };
    case 'real':
      if (typeof value === 'number') return { value };
      if (typeof value === 'bigint') return { value: Number(value) };
      return { problem: `${describe(value)} in a number column` };
    case 'bytes':
      if (Buffer.isBuffer(value)) return { value };
      return { problem: `${describe(value)} in a bytes column` };
    case 'text':
      if (typeof value === 'string') return { value };
      if (typeof value === 'bigint' || typeof value === 'number') return { value: String(value) };
      return { problem: `bytes in a text column` };
  }
}

export interface TableShape {
  table: string;
  columns: { name: string; kind: ColumnKind }[];
  /** Primary key columns: the order of the copy and of the checksum, and how an error names a row. */
  key: string[];
}

/** "contacts row id=12", for errors. */
export function rowLabel(shape: TableShape, row: Record<string, unknown>): string {
  return `${shape.table} row ${shape.key.map((k) => `${k}=${String(row[k])}`).join(', ')}`;
}

/** A SQLite row as the parameters of its INSERT; throws naming the table, the row and the column when one does not fit. */
export function toPgRow(shape: TableShape, row: Record<string, unknown>): PgValue[] {
  return shape.columns.map((c) => {
    const r = convert(row[c.name], c.kind);
    if ('problem' in r) {
      throw new AppError(
        'invalid_input',
        `Cannot copy ${rowLabel(shape, row)}: column ${c.name} holds ${r.problem}. Nothing was copied; correct the row in the desktop app and try again.`,
      );
    }
    return r.value;
  });
}

/** A value's text as either driver gives it: text, a number (bigint too), or bytes in hex. */
function plain(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Buffer.isBuffer(v)) return v.toString('hex');
  return JSON.stringify(v);
}

/** One value in the checksum's form: a kind letter, then the value's text (integers exact, bytes in hex). */
function normalised(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return 'N';
  switch (kind) {
    case 'integer':
      return `I${BigInt(plain(value)).toString()}`;
    case 'real':
      return `R${String(Number(plain(value)))}`;
    case 'bytes':
      return `B${plain(value)}`;
    case 'text':
      return `T${plain(value)}`;
  }
}

/** A table's checksum: SHA-256 over every row in primary-key order, each value normalised and length-prefixed. */
export class TableChecksum {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;
  constructor(private readonly shape: TableShape) {}
  /** Adds a row already in PostgreSQL's form (`toPgRow` on the SQLite side, as read on the PostgreSQL side). */
  add(values: readonly unknown[]): void {
    this.rows++;
    values.forEach((v, i) => {
      const text = normalised(v, this.shape.columns[i].kind);
      this.hash.update(`${Buffer.byteLength(text)}:${text}`);
    });
    this.hash.update('\n');
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}
