import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * The few SQL fragments whose spelling depends on the database (SQLite today). Domain queries use these instead of
 * writing the fragment, so that another dialect (PostgreSQL) needs a second spelling here and nowhere else.
 */

/** A column or expression compared and sorted without regard to case (ASCII letters, as SQLite's NOCASE). */
export function noCase<T>(value: string | Expression<T>): RawBuilder<T> {
  return sql<T>`${typeof value === 'string' ? sql.ref(value) : value} collate nocase`;
}

/** A list of ids bound as one value (any length, no limit on bound parameters): `where('id', 'in', idList(ids))`. */
export function idList(ids: readonly number[]): RawBuilder<number> {
  return sql<number>`(select value from json_each(${JSON.stringify(ids)}))`;
}

/** A number stored at the top-level `key` of a JSON text column ('$.segmentId'), or null. */
export function jsonNumber(column: string, key: string): RawBuilder<number | null> {
  return sql<number | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}

/** The values of an expression, in order, joined into one text with `separator` (null when there are none). */
export function joinedText(value: string | Expression<string>, separator: string): RawBuilder<string | null> {
  return sql<string | null>`group_concat(${typeof value === 'string' ? sql.ref(value) : value}, ${separator})`;
}

/**
 * What a textable E.164 number looks like, as SQL over `column` for raw hot-path queries: a + and a non-zero digit,
 * then six or more digits, 8 to 16 characters in all. Short codes and junk from inbound messages fail it.
 */
export function e164CheckSql(column: string): string {
  return `+${column} GLOB '+[1-9][0-9][0-9][0-9][0-9][0-9][0-9]*' AND length(${column}) BETWEEN 8 AND 16`;
}

/** The order rows were inserted in, for a table without an id column that says so (SQLite's rowid). */
export function insertionOrder(): RawBuilder<number> {
  return sql<number>`rowid`;
}
