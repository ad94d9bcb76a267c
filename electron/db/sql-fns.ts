import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * The few SQL fragments whose spelling depends on the database engine, each behind a function so the domains stay
 * dialect-neutral (SQLite today; a PostgreSQL dialect would change only this file). Keep the functions alphabetical.
 */

/**
 * `expr` contains `pattern` (a LIKE pattern whose `\`, `%` and `_` are escaped with a backslash), ignoring ASCII
 * case as SQLite's LIKE does (PostgreSQL would say ILIKE).
 */
export function likeInsensitive(expr: Expression<string | null>, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`${expr} LIKE ${pattern} ESCAPE '\\'`;
}
