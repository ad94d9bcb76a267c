import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The few SQL fragments whose spelling depends on the database engine, each behind a function so the domains stay
 * dialect-neutral (SQLite today; a PostgreSQL dialect would need a second spelling here and nowhere else). Keep the
 * functions alphabetical.
 */

/** A LIKE pattern that matches `text` anywhere, with the owner's `\`, `%` and `_` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/**
 * What a textable E.164 number looks like, as SQL over `column` for raw hot-path queries: a + and a non-zero digit,
 * then six or more digits, 8 to 16 characters in all. Short codes and junk from inbound messages fail it.
 */
export function e164CheckSql(column: string): string {
  return `+${column} GLOB '+[1-9][0-9][0-9][0-9][0-9][0-9][0-9]*' AND length(${column}) BETWEEN 8 AND 16`;
}

/**
 * The row's text indexed by the full-text table `table` matches `query` (SQLite's FTS5 MATCH, query in FTS5 syntax;
 * PostgreSQL would compare a tsvector with a tsquery, or use pg_trgm).
 */
export function fullTextMatch(table: string, query: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.table(table)} MATCH ${query}`;
}

/** First and last name joined by a space, either possibly missing (so a one-name contact still reads). */
export function fullName(first: Expression<string | null>, last: Expression<string | null>): RawBuilder<string> {
  return sql<string>`(coalesce(${first}, '') || ' ' || coalesce(${last}, ''))`;
}

/** `text` equals `value` ignoring ASCII case (SQLite's NOCASE collation; PostgreSQL would compare lower() of both). */
export function equalsIgnoringCase(text: Expression<string | null>, value: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${text} = ${value} COLLATE NOCASE`;
}

/** The larger of two non-null values (SQLite's two-argument max(); PostgreSQL would say greatest). */
export function greater<T>(a: Expression<T>, b: Expression<T>): RawBuilder<T> {
  return sql<T>`max(${a}, ${b})`;
}

/** A list of ids bound as one value (any length, no limit on bound parameters): `where('id', 'in', idList(ids))`. */
export function idList(ids: readonly number[]): RawBuilder<number> {
  return idListJson(JSON.stringify(ids));
}

/**
 * The ids of a JSON array text (`[1,2,3]`) bound as one value: idList for a prepared query, which binds its values at
 * each run (PostgreSQL would say `select jsonb_array_elements_text(…)::bigint`).
 */
export function idListJson(json: string): RawBuilder<number> {
  return sql<number>`(select value from json_each(${json}))`;
}

/** `expr` looks like a textable E.164 number: the same rule as e164CheckSql, for queries built with Kysely. */
export function isE164(expr: Expression<string>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(+${expr} GLOB '+[1-9][0-9][0-9][0-9][0-9][0-9][0-9]*' AND length(${expr}) BETWEEN 8 AND 16)`;
}

/** The order rows were inserted in, for a table without an id column that says so (SQLite's rowid). */
export function insertionOrder(): RawBuilder<number> {
  return sql<number>`rowid`;
}

/** The values of an expression, in order, joined into one text with `separator` (null when there are none). */
export function joinedText(value: string | Expression<string>, separator: string): RawBuilder<string | null> {
  return sql<string | null>`group_concat(${typeof value === 'string' ? sql.ref(value) : value}, ${separator})`;
}

/** A number stored at the top-level `key` of a JSON text column ('$.segmentId'), or null. */
export function jsonNumber(column: string, key: string): RawBuilder<number | null> {
  return sql<number | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}

/**
 * The text at a path inside a JSON document stored as text, or null (SQLite's json_extract; PostgreSQL would say
 * `(expr)::jsonb #>> '{a,b}'`). `path` names the keys from the top: ['event', 'at'].
 */
export function jsonText(expr: Expression<string | null>, path: readonly string[]): RawBuilder<string | null> {
  return sql<string | null>`json_extract(${expr}, ${`$.${path.join('.')}`})`;
}

/**
 * `expr` contains `pattern` (a LIKE pattern whose `\`, `%` and `_` are escaped with a backslash), ignoring ASCII
 * case as SQLite's LIKE does (PostgreSQL would say ILIKE).
 */
export function likeInsensitive(expr: Expression<string | null>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${expr} LIKE ${pattern} ESCAPE '\\'`;
}

/** A column or expression compared and sorted without regard to case (ASCII letters, as SQLite's NOCASE). */
export function noCase<T>(value: string | Expression<T>): RawBuilder<T> {
  return sql<T>`${typeof value === 'string' ? sql.ref(value) : value} collate nocase`;
}
