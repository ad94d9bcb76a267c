import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The measures of "one way to reach the database" (issue 17): raw statements, hand-written casts of query results,
 * wall-clock reads and SQLite-only SQL in the Node code. A raw statement or a SQLite-only fragment is allowed only in
 * electron/db/ and in a file whose raw SQL states why with a one-line `// hot path: …` comment (the allow-list is
 * computed from those comments). Run `npx tsx tests/helpers/craft-counts.ts [root]` for the figures.
 */

export interface Finding {
  file: string;
  line: number;
  text: string;
}

export interface CraftCounts {
  /** `.prepare(` and `.exec(` with SQL outside electron/db/ (migrations/ is outside electron/ and not scanned). */
  rawStatements: Finding[];
  /** `as …` right after `.get()`/`.all()`/`.iterate()`/`.execute…()`: a row type the compiler cannot check. */
  resultCasts: Finding[];
  /** `Date.now()` and `new Date()` in electron/: each must say why a wall clock is meant. */
  wallClocks: Finding[];
  /** SQL only SQLite understands, outside electron/db/. */
  sqliteOnly: Finding[];
  /** Files outside electron/db/ that carry a `// hot path: …` reason. */
  hotPathFiles: string[];
}

/** SQLite's own spellings: functions, conflict clauses, FTS, planner hints, pragmas, the system table, collations. */
const SQLITE_ONLY: ReadonlyArray<[string, RegExp]> = [
  ['json_extract', /\bjson_extract\s*\(/gi],
  ['json_each', /\bjson_each\s*\(/gi],
  ['json_group_array', /\bjson_group_(array|object)\s*\(/gi],
  ['json_object', /\bjson_(object|array)\s*\(/gi],
  ['json path ->>', /->>\s*'\$/g],
  ['group_concat', /\bgroup_concat\s*\(/gi],
  ['strftime', /\bstrftime\s*\(/gi],
  ['julianday', /\bjulianday\s*\(/gi],
  // zod's `.datetime()` is not SQL.
  ['datetime(', /(?<![.\w])datetime\s*\(/gi],
  ['unixepoch', /\bunixepoch\s*\(/gi],
  ['INSERT OR IGNORE/REPLACE', /\bINSERT\s+OR\s+(IGNORE|REPLACE|ROLLBACK|ABORT|FAIL)\b/gi],
  ['REPLACE INTO', /\bREPLACE\s+INTO\b/gi],
  ['ON CONFLICT <resolution>', /\bON\s+CONFLICT\s+(REPLACE|IGNORE|ROLLBACK|ABORT|FAIL)\b/gi],
  // A full-text table's `rowid` named as a Kysely column ('rowid', or a key of inserted values) is a column the typed
  // schema declares (its document id), which a second dialect's table would declare too; in SQL text it is SQLite's.
  ['rowid', /(?<!['"])\b(rowid|ROWID)\b(?!['"]|\s*:)/g],
  ['FTS MATCH', /\bMATCH\b/g],
  ['pragma', /(\.pragma\s*\(|\bPRAGMA\s+\w+\s*($|[(=;`'"]))/gm],
  ['INDEXED BY', /\bINDEXED\s+BY\b/gi],
  ['GLOB', /\bGLOB\b/g],
  ['NOCASE', /\bcollate\s+nocase\b/gi],
  ['sqlite_master', /\bsqlite_(master|schema|sequence)\b/gi],
];

const RAW_STATEMENT = [
  /\.prepare\s*[<(]/g,
  // `.exec(` of SQL: on a connection (`db`, `conn`…) or with a string argument; a RegExp's exec takes neither.
  /(\b\w*(db|Db|conn|connection)\s*\.exec|\.exec\s*\(\s*[`'"])/g,
];

const RESULT_CAST =
  /\.(get|all|iterate|execute|executeTakeFirst|executeTakeFirstOrThrow)\((?:[^()]|\([^()]*\))*\)\s*!?\s*\)?\s*as\s+(?!const\b|unknown\b)/g;

const WALL_CLOCK = /\bDate\.now\(\)|\bnew Date\(\)/g;

const HOT_PATH = /\/\/\s*hot path:\s*\S/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|mts|tsx)$/.test(name) ? [p] : [];
  });
}

/** The code without its comments (line lengths kept, so positions still give line numbers). */
function withoutComments(src: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return src
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/(^|[\s;,({])\/\/.*$/gm, (m, lead: string) => lead + blank(m.slice(lead.length)));
}

function findAll(file: string, code: string, patterns: readonly RegExp[]): Finding[] {
  const lines = code.split('\n');
  const found: Finding[] = [];
  for (const re of patterns)
    for (const m of code.matchAll(re)) {
      const line = code.slice(0, m.index).split('\n').length;
      found.push({ file, line, text: lines[line - 1].trim() });
    }
  return found.sort((a, b) => a.line - b.line);
}

/** The figures for the tree at `root` (a checkout of the repository). */
export function craftCounts(root = '.'): CraftCounts {
  const files = ['electron', 'shared']
    .flatMap((d) => sourceFiles(join(root, d)))
    .map((f) => relative(root, f).split('\\').join('/'));
  const counts: CraftCounts = { rawStatements: [], resultCasts: [], wallClocks: [], sqliteOnly: [], hotPathFiles: [] };
  for (const file of files) {
    const src = readFileSync(join(root, file), 'utf8');
    const code = withoutComments(src);
    if (file.startsWith('electron/')) counts.wallClocks.push(...findAll(file, code, [WALL_CLOCK]));
    if (file.startsWith('electron/db/')) continue;
    if (HOT_PATH.test(src)) counts.hotPathFiles.push(file);
    counts.rawStatements.push(...findAll(file, code, RAW_STATEMENT));
    counts.resultCasts.push(...findAll(file, code, [RESULT_CAST]));
    for (const [name, re] of SQLITE_ONLY)
      counts.sqliteOnly.push(...findAll(file, code, [re]).map((f) => ({ ...f, text: `${name}: ${f.text}` })));
  }
  return counts;
}

/** Whether a wall-clock read says why, in a comment on its line or in the five lines above it. */
export function saysWhyWallClock(root: string, f: Finding): boolean {
  const lines = readFileSync(join(root, f.file), 'utf8').split('\n');
  return lines.slice(Math.max(0, f.line - 6), f.line).some((l) => /wall[ -]clock/i.test(l));
}

const fileCount = (fs: Finding[]) => new Set(fs.map((f) => f.file)).size;

/**
 * One line of figures: each measure's total and in how many files; for the SQL measures how many sit outside the hot
 * paths, for the wall clocks how many say not why (`root` is where the files are read).
 */
export function summary(c: CraftCounts, root = '.') {
  const hot = new Set(c.hotPathFiles);
  const of = (fs: Finding[]) => ({
    total: fs.length,
    files: fileCount(fs),
    outsideHotPaths: fs.filter((f) => !hot.has(f.file)).length,
  });
  return {
    hotPathFiles: c.hotPathFiles.length,
    rawStatements: of(c.rawStatements),
    resultCasts: of(c.resultCasts),
    sqliteOnly: of(c.sqliteOnly),
    wallClocks: {
      total: c.wallClocks.length,
      files: fileCount(c.wallClocks),
      withoutReason: c.wallClocks.filter((f) => !saysWhyWallClock(root, f)).length,
    },
  };
}

if (process.argv[1]?.endsWith('craft-counts.ts')) {
  const root = process.argv[2] ?? '.';
  const c = craftCounts(root);
  const hot = new Set(c.hotPathFiles);
  console.log(JSON.stringify({ root, ...summary(c, root) }));
  if (process.argv.includes('--list'))
    for (const [k, fs] of Object.entries(c))
      if (k !== 'hotPathFiles')
        for (const f of fs as Finding[])
          console.log(`${k}\t${hot.has(f.file) ? 'hot' : 'OUT'}\t${f.file}:${f.line}\t${f.text.slice(0, 110)}`);
}
