import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/**
 * SQL fragments that differ between database dialects, each behind a small function so the domains never write
 * SQLite-only SQL themselves. Today they produce SQLite's; a second dialect changes them here. Add, don't edit.
 */

/** `text` contains `pattern` (a LIKE pattern whose `\`, `%` and `_` are escaped with `\`), ignoring ASCII case:
 *  SQLite's LIKE already does; PostgreSQL would say ILIKE. */
export function likeIgnoringCase(text: Expression<string | null>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${text} LIKE ${pattern} ESCAPE '\\'`;
}

/** A LIKE pattern that matches `text` anywhere, with the owner's `\`, `%` and `_` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** `text` equals `value` ignoring ASCII case (SQLite's NOCASE collation; PostgreSQL would compare lower() of both). */
export function equalsIgnoringCase(text: Expression<string | null>, value: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${text} = ${value} COLLATE NOCASE`;
}
