import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { postgresSpelling } from './postgres-compile';

/**
 * The few SQL fragments whose spelling depends on the database engine, each behind a function so the domains stay
 * dialect-neutral. Each is built in SQLite's spelling; its template is registered once with its PostgreSQL spelling,
 * built from the same parameters when a query is compiled for a PostgreSQL connection (postgres-compile.ts). The
 * SQLite path builds exactly what it built before. Keep the functions alphabetical.
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
 * A contacts row (aliased `c`) as the contact_search index holds it: id, full name, e-mail, phone digits. The same
 * SQL on both engines; the indexer (contacts/search-index.ts) and migrate-to-postgres build the index with it.
 */
export const CONTACT_SEARCH_ROW_SQL =
  "c.id, trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), coalesce(c.email, ''), replace(c.phone, '+', '')";

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

const fullTextOnPostgres = postgresSpelling(({ table, value }) => {
  const name = table(0);
  const document = SEARCH_DOCUMENTS[name];
  if (!document) throw new Error(`${name} is not a full-text table`);
  const folded = (columns: readonly string[]) =>
    sql`desk_search_text(${sql.join(columns.map((c) => sql.ref(`${name}.${c}`)))})`;
  const conditions = ftsPhrases(String(value(1))).flatMap(({ columns, phrase }) => {
    const pattern = sql`desk_search_text(${containsPattern(phrase)}::text)`;
    const whole = sql<SqlBool>`${folded(document)} LIKE ${pattern}`;
    return columns && columns.length < document.length
      ? [whole, sql<SqlBool>`${folded(columns)} LIKE ${pattern}`]
      : [whole];
  });
  return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` AND `)})` : sql<SqlBool>`false`;
});

/**
 * The row's text indexed by the full-text table `table` matches `query` (an FTS5 query of quoted phrases joined by
 * AND, as the search code writes them). SQLite: FTS5 MATCH. PostgreSQL (docs/design/postgres.md): each phrase is a
 * LIKE on the table's folded document, spelt exactly as its trigram index is, so the index answers it; a phrase limited
 * to some columns adds the same test on those columns alone.
 */
export function fullTextMatch(table: string, query: string): RawBuilder<SqlBool> {
  return fullTextOnPostgres(sql<SqlBool>`${sql.table(table)} MATCH ${query}`);
}

/** First and last name joined by a space, either possibly missing (so a one-name contact still reads). */
export function fullName(first: Expression<string | null>, last: Expression<string | null>): RawBuilder<string> {
  return sql<string>`(coalesce(${first}, '') || ' ' || coalesce(${last}, ''))`;
}

const equalsIgnoringCaseOnPostgres = postgresSpelling(({ nodes: [a, b] }) => sql`lower(${a}) = lower(${b}::text)`);

/** `text` equals `value` ignoring ASCII case (SQLite's NOCASE collation; PostgreSQL compares lower() of both). */
export function equalsIgnoringCase(text: Expression<string | null>, value: string): RawBuilder<SqlBool> {
  return equalsIgnoringCaseOnPostgres(sql<SqlBool>`${text} = ${value} COLLATE NOCASE`);
}

const greaterOnPostgres = postgresSpelling(({ nodes: [a, b] }) => sql`greatest(${a}, ${b})`);

/** The larger of two non-null values (SQLite's two-argument max(); PostgreSQL's greatest). */
export function greater<T>(a: Expression<T>, b: Expression<T>): RawBuilder<T> {
  return greaterOnPostgres(sql<T>`max(${a}, ${b})`);
}

const idListOnPostgres = postgresSpelling(
  ({ nodes: [json] }) => sql`(select jsonb_array_elements_text(${json}::jsonb)::bigint)`,
);

/** A list of ids bound as one value (any length, no limit on bound parameters): `where('id', 'in', idList(ids))`. */
export function idList(ids: readonly number[]): RawBuilder<number> {
  return idListJson(JSON.stringify(ids));
}

/**
 * The ids of a JSON array text (`[1,2,3]`) bound as one value: idList for a prepared query, which binds its values at
 * each run.
 */
export function idListJson(json: string): RawBuilder<number> {
  return idListOnPostgres(sql<number>`(select value from json_each(${json}))`);
}

const isE164OnPostgres = postgresSpelling(
  ({ nodes: [expr] }) => sql`(${expr} ~ '^[+][1-9][0-9]{6}' AND length(${expr}) BETWEEN 8 AND 16)`,
);

/** `expr` looks like a textable E.164 number: the same rule as e164CheckSql, for queries built with Kysely. */
export function isE164(expr: Expression<string>): RawBuilder<SqlBool> {
  return isE164OnPostgres(
    sql<SqlBool>`(+${expr} GLOB '+[1-9][0-9][0-9][0-9][0-9][0-9][0-9]*' AND length(${expr}) BETWEEN 8 AND 16)`,
  );
}

// PostgreSQL keeps no insertion order: its tables' own key breaks the tie instead (the only caller orders by time).
const insertionOrderOnPostgres = postgresSpelling(() => sql`id`);

/** The order rows were inserted in, for a table without an id column that says so (SQLite's rowid). */
export function insertionOrder(): RawBuilder<number> {
  return insertionOrderOnPostgres(sql<number>`rowid`);
}

const joinedTextOnPostgres = postgresSpelling(
  ({ nodes: [expr, separator] }) => sql`string_agg((${expr})::text, ${separator})`,
);

/** The values of an expression, in order, joined into one text with `separator` (null when there are none). */
export function joinedText(value: string | Expression<string>, separator: string): RawBuilder<string | null> {
  const expr = typeof value === 'string' ? sql.ref(value) : value;
  return joinedTextOnPostgres(sql<string | null>`group_concat(${expr}, ${separator})`);
}

/** A JSON path of SQLite's ('$.a.b') as its keys. */
const keysOf = (path: unknown) => String(path).slice(2).split('.');

const jsonNumberOnPostgres = postgresSpelling(
  ({ nodes: [column], value }) => sql`((${column})::jsonb ->> ${keysOf(value(1)).join('.')}::text)::numeric`,
);

/** A number stored at the top-level `key` of a JSON text column ('$.segmentId'), or null. */
export function jsonNumber(column: string, key: string): RawBuilder<number | null> {
  return jsonNumberOnPostgres(sql<number | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`);
}

const jsonTextOnPostgres = postgresSpelling(
  ({ nodes: [expr], value }) => sql`((${expr})::jsonb #>> ${`{${keysOf(value(1)).join(',')}}`}::text[])`,
);

/**
 * The text at a path inside a JSON document stored as text, or null (SQLite's json_extract; PostgreSQL's
 * `(expr)::jsonb #>> '{a,b}'`). `path` names the keys from the top: ['event', 'at'].
 */
export function jsonText(expr: Expression<string | null>, path: readonly string[]): RawBuilder<string | null> {
  return jsonTextOnPostgres(sql<string | null>`json_extract(${expr}, ${`$.${path.join('.')}`})`);
}

const likeInsensitiveOnPostgres = postgresSpelling(
  ({ nodes: [expr, pattern] }) => sql`${expr} ILIKE ${pattern} ESCAPE '\\'`,
);

/**
 * `expr` contains `pattern` (a LIKE pattern whose `\`, `%` and `_` are escaped with a backslash), ignoring ASCII
 * case as SQLite's LIKE does (PostgreSQL's ILIKE).
 */
export function likeInsensitive(expr: Expression<string | null>, pattern: string): RawBuilder<SqlBool> {
  return likeInsensitiveOnPostgres(sql<SqlBool>`${expr} LIKE ${pattern} ESCAPE '\\'`);
}

const noCaseOnPostgres = postgresSpelling(({ nodes: [expr] }) => sql`lower(${expr})`);

/** A column or expression compared and sorted without regard to case (ASCII letters, as SQLite's NOCASE). */
export function noCase<T>(value: string | Expression<T>): RawBuilder<T> {
  return noCaseOnPostgres(sql<T>`${typeof value === 'string' ? sql.ref(value) : value} collate nocase`);
}
