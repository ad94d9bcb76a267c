import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { withPostgresSpelling as both } from './postgres-compile';

/**
 * The few SQL fragments whose spelling depends on the database engine, each behind a function so the domains stay
 * dialect-neutral. Each is built in SQLite's spelling and carries its PostgreSQL spelling, which a query compiled for
 * a PostgreSQL connection uses instead (postgres-compile.ts); the SQLite path builds nothing more than before but a
 * closure. Keep the functions alphabetical.
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

/** The text columns of each full-text table, in the order PostgreSQL's trigram index folds them (migrations 0006, 0009, 0019). */
const SEARCH_DOCUMENTS: Readonly<Record<string, readonly string[]>> = {
  contact_search: ['name', 'email', 'phone'],
  contact_starts: ['starts'],
  inbox_search: ['body'],
};

/** An FTS5 query as the app writes them: quoted phrases joined by AND, each maybe limited to columns (`{a b} : "x"`). */
function ftsPhrases(query: string): Array<{ columns: string[] | null; phrase: string }> {
  return [...query.matchAll(/(?:(\{[^}]*\}|\w+)\s*:\s*)?"((?:[^"]|"")*)"/g)].map((m) => ({
    columns: m[1] ? m[1].replace(/[{}]/g, '').trim().split(/\s+/) : null,
    phrase: m[2].replace(/""/g, '"'),
  }));
}

/**
 * The row's text indexed by the full-text table `table` matches `query` (an FTS5 query of quoted phrases joined by
 * AND, as the search code writes them). SQLite: FTS5 MATCH. PostgreSQL (docs/design/postgres.md): each phrase is a
 * LIKE on the table's folded document, spelt exactly as its trigram index is, so the index answers it; a phrase limited
 * to some columns adds the same test on those columns alone.
 */
export function fullTextMatch(table: string, query: string): RawBuilder<SqlBool> {
  return both(sql<SqlBool>`${sql.table(table)} MATCH ${query}`, () => {
    const document = SEARCH_DOCUMENTS[table];
    if (!document) throw new Error(`${table} is not a full-text table`);
    const folded = (columns: readonly string[]) =>
      sql`desk_search_text(${sql.join(columns.map((c) => sql.ref(`${table}.${c}`)))})`;
    const conditions = ftsPhrases(query).flatMap(({ columns, phrase }) => {
      const pattern = sql`desk_search_text(${containsPattern(phrase)}::text)`;
      const whole = sql<SqlBool>`${folded(document)} LIKE ${pattern}`;
      return columns && columns.length < document.length
        ? [whole, sql<SqlBool>`${folded(columns)} LIKE ${pattern}`]
        : [whole];
    });
    return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` AND `)})` : sql<SqlBool>`false`;
  });
}

/** First and last name joined by a space, either possibly missing (so a one-name contact still reads). */
export function fullName(first: Expression<string | null>, last: Expression<string | null>): RawBuilder<string> {
  return sql<string>`(coalesce(${first}, '') || ' ' || coalesce(${last}, ''))`;
}

/** `text` equals `value` ignoring ASCII case (SQLite's NOCASE collation; PostgreSQL compares lower() of both). */
export function equalsIgnoringCase(text: Expression<string | null>, value: string): RawBuilder<SqlBool> {
  return both(
    sql<SqlBool>`${text} = ${value} COLLATE NOCASE`,
    () => sql<SqlBool>`lower(${text}) = lower(${value}::text)`,
  );
}

/** The larger of two non-null values (SQLite's two-argument max(); PostgreSQL's greatest). */
export function greater<T>(a: Expression<T>, b: Expression<T>): RawBuilder<T> {
  return both(sql<T>`max(${a}, ${b})`, () => sql<T>`greatest(${a}, ${b})`);
}

/** A list of ids bound as one value (any length, no limit on bound parameters): `where('id', 'in', idList(ids))`. */
export function idList(ids: readonly number[]): RawBuilder<number> {
  const json = JSON.stringify(ids);
  return both(sql<number>`(select value from json_each(${json}))`, () => {
    return sql<number>`(select jsonb_array_elements_text(${json}::jsonb)::bigint)`;
  });
}

/** `expr` looks like a textable E.164 number: the same rule as e164CheckSql, for queries built with Kysely. */
export function isE164(expr: Expression<string>): RawBuilder<SqlBool> {
  return both(
    sql<SqlBool>`(+${expr} GLOB '+[1-9][0-9][0-9][0-9][0-9][0-9][0-9]*' AND length(${expr}) BETWEEN 8 AND 16)`,
    () => sql<SqlBool>`(${expr} ~ '^[+][1-9][0-9]{6}' AND length(${expr}) BETWEEN 8 AND 16)`,
  );
}

/** The order rows were inserted in, for a table without an id column that says so (SQLite's rowid). */
export function insertionOrder(): RawBuilder<number> {
  // PostgreSQL keeps no insertion order: its tables' own key breaks the tie instead (the only caller orders by time).
  return both(sql<number>`rowid`, () => sql<number>`id`);
}

/** The values of an expression, in order, joined into one text with `separator` (null when there are none). */
export function joinedText(value: string | Expression<string>, separator: string): RawBuilder<string | null> {
  const expr = typeof value === 'string' ? sql.ref(value) : value;
  return both(sql<string | null>`group_concat(${expr}, ${separator})`, () => {
    return sql<string | null>`string_agg((${expr})::text, ${separator})`;
  });
}

/** A number stored at the top-level `key` of a JSON text column ('$.segmentId'), or null. */
export function jsonNumber(column: string, key: string): RawBuilder<number | null> {
  return both(sql<number | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`, () => {
    return sql<number | null>`((${sql.ref(column)})::jsonb ->> ${key}::text)::numeric`;
  });
}

/**
 * The text at a path inside a JSON document stored as text, or null (SQLite's json_extract; PostgreSQL's
 * `(expr)::jsonb #>> '{a,b}'`). `path` names the keys from the top: ['event', 'at'].
 */
export function jsonText(expr: Expression<string | null>, path: readonly string[]): RawBuilder<string | null> {
  return both(sql<string | null>`json_extract(${expr}, ${`$.${path.join('.')}`})`, () => {
    return sql<string | null>`((${expr})::jsonb #>> ${`{${path.join(',')}}`}::text[])`;
  });
}

/**
 * `expr` contains `pattern` (a LIKE pattern whose `\`, `%` and `_` are escaped with a backslash), ignoring ASCII
 * case as SQLite's LIKE does (PostgreSQL's ILIKE).
 */
export function likeInsensitive(expr: Expression<string | null>, pattern: string): RawBuilder<SqlBool> {
  return both(
    sql<SqlBool>`${expr} LIKE ${pattern} ESCAPE '\\'`,
    () => sql<SqlBool>`${expr} ILIKE ${pattern} ESCAPE '\\'`,
  );
}

/** A column or expression compared and sorted without regard to case (ASCII letters, as SQLite's NOCASE). */
export function noCase<T>(value: string | Expression<T>): RawBuilder<T> {
  const expr = typeof value === 'string' ? sql.ref(value) : value;
  return both(sql<T>`${expr} collate nocase`, () => sql<T>`lower(${expr})`);
}
