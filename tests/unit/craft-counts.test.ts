import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { craftCounts, saysWhyWallClock, summary, type Finding } from '../helpers/craft-counts';

/**
 * Holds the line of issue 17 point 1: Kysely is the data layer. Raw SQL and SQLite's own spellings live in
 * electron/db/ and in the files that name their measured hot path with a `// hot path: …` comment; anything else is
 * a new raw statement, a dialect leak or an unchecked row type, and fails here with its file and line.
 */
const where = (fs: Finding[]) => fs.map((f) => `${f.file}:${f.line} ${f.text}`);

describe('one way to reach the database', () => {
  const counts = craftCounts('.');
  const hot = new Set(counts.hotPathFiles);
  const outsideHotPaths = (fs: Finding[]) => where(fs.filter((f) => !hot.has(f.file)));

  it('has no raw statement outside electron/db/, migrations/ and the hot paths', () => {
    console.info(`craft counts: ${JSON.stringify(summary(counts))}`);
    expect(outsideHotPaths(counts.rawStatements)).toEqual([]);
  });

  it('has no SQLite-only SQL outside electron/db/ and the hot paths', () => {
    expect(outsideHotPaths(counts.sqliteOnly)).toEqual([]);
  });

  it('types query results through Kysely and the schema, not by casts, outside the hot paths', () => {
    expect(outsideHotPaths(counts.resultCasts)).toEqual([]);
  });

  it('reads the wall clock in electron/ only where a comment says why', () => {
    expect(where(counts.wallClocks.filter((f) => !saysWhyWallClock('.', f)))).toEqual([]);
  });
});

describe('the craft counter', () => {
  it('finds each kind of finding, and takes a hot-path reason as leave for raw SQL', () => {
    const root = mkdtempSync(join(tmpdir(), 'craft-counts-'));
    try {
      mkdirSync(join(root, 'electron', 'db'), { recursive: true });
      mkdirSync(join(root, 'shared'));
      const file = (name: string, text: string) => writeFileSync(join(root, 'electron', name), text);
      file(
        'plain.ts',
        [
          `const n = db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number };`,
          'db.exec(`DELETE FROM tags`);',
          `const m = /^(\\d+)$/.exec(text);`,
          `const at = sql\`json_extract(\${column}, '$.at')\`;`,
          `runQuery(db, qb.insertInto('inbox_search').values({ rowid: 3, body }));`,
          'const t = Date.now();',
          '// json_extract in a comment is no SQL',
          `z.string().datetime();`,
        ].join('\n'),
      );
      file('hot.ts', `// hot path: once per webhook\nconst s = db.prepare('INSERT OR IGNORE INTO t VALUES (?)');\n`);
      file('db/raw.ts', `db.prepare('PRAGMA foreign_keys = ON').run();\n`);
      const c = craftCounts(root);
      expect(where(c.rawStatements)).toEqual([
        `electron/hot.ts:2 const s = db.prepare('INSERT OR IGNORE INTO t VALUES (?)');`,
        `electron/plain.ts:1 const n = db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number };`,
        'electron/plain.ts:2 db.exec(`DELETE FROM tags`);',
      ]);
      expect(c.resultCasts.map((f) => `${f.file}:${f.line}`)).toEqual(['electron/plain.ts:1']);
      expect(c.sqliteOnly.map((f) => `${f.file}:${f.line} ${f.text.split(':')[0]}`)).toEqual([
        'electron/hot.ts:2 INSERT OR IGNORE/REPLACE',
        'electron/plain.ts:4 json_extract',
      ]);
      expect(c.hotPathFiles).toEqual(['electron/hot.ts']);
      expect(c.wallClocks.map((f) => saysWhyWallClock(root, f))).toEqual([false]);
      expect(summary(c, root).rawStatements).toEqual({ total: 3, files: 2, outsideHotPaths: 2 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
