import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The few SQL fragments whose spelling depends on the database engine, each behind a function so the domains stay
 * dialect-neutral (SQLite today; a PostgreSQL dialect would change only this file). Keep the functions alphabetical.
 */

/** The larger of two non-null values (SQLite's two-argument max(); PostgreSQL would say greatest). */
export function greater<T>(a: Expression<T>, b: Expression<T>): RawBuilder<T> {
  return sql<T>`max(${a}, ${b})`;
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
