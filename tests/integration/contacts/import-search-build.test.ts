import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import type { SqliteDb } from '../../../electron/db/connection';
import { runCli } from '../../../electron/cli/index';
import { listContacts } from '../../../electron/contacts/list';
import { runImport, undoImport, type ImportOptions } from '../../../electron/contacts/import';
import { indexAllQueuedContacts, indexedThrough, queuedForSearch } from '../../../electron/contacts/search-index';
import { tempDb, tempDir } from '../../helpers/db';
import { at, snapshot } from './import-helpers';

/**
 * A command-line bulk import into a database without contacts builds its search indexes alongside, in a thread and a
 * side database of its own, and copies them in whole (electron/contacts/import/search-build.ts). The indexes must
 * answer exactly what the usual indexing answers, and every other case must fall back to the usual indexing.
 */
let bulk: Awaited<ReturnType<typeof tempDb>>;
let plain: Awaited<ReturnType<typeof tempDb>>;
beforeEach(async () => {
  bulk = await tempDb();
  plain = await tempDb();
});
afterEach(() => {
  bulk.cleanup();
  plain.cleanup();
});

const now = at('2025-03-01T12:00:00.000Z');
const options: ImportOptions = { defaultCountry: 'US', onDuplicate: 'update', tags: ['spring'] };
const NAMES = ['Zoë', 'Chloé', 'Ana', 'Björn', "O'Brien", 'Núñez', '^Caret', 'Søren', ''];

/**
 * n rows (large enough for a bulk load): accented names, emails, every 50th row invalid, every 25th row without a
 * first name followed by a row with the same number that gives one (a later row changing a new contact's name; of
 * those, every second one is an invalid row instead).
 */
function file(dir: string, n: number, offset = 0, name = 'big.csv'): string {
  const lines = ['First Name,Last Name,Phone,Email,Tags'];
  for (let i = offset; i < offset + n; i++) {
    const phone = `212${String(2000000 + (i % 25 === 24 ? i - 1 : i)).padStart(7, '0')}`;
    const first = i % 25 === 23 ? '' : i % 25 === 24 ? `Quentin${i}` : NAMES[i % NAMES.length];
    lines.push(
      i % 50 === 49
        ? `Bad,Row,555-12,,`
        : `${first},Smith ${i % 13},${phone},${i % 7 ? `p${i}.smith@example-company.com` : ''},`,
    );
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

const SEARCHES = [
  'zoe',
  'chloe',
  'BJÖRN',
  "o'brien",
  'nunez',
  'smith 1',
  'p1234.smith@example',
  'quentin',
  'quentin424',
  'caret',
];
const PREFIXES = ['z', 'an', 'ch', 'p1', '^c', 'qu', 'é', 's'];
const PHONES = ['212200', '2122001234', '(212) 200-0010', '0000123'];

/** What a search finds: the contact list's answer (index and waiting contacts) and each index's own ids. */
function found(db: SqliteDb) {
  const list = (search: string) =>
    listContacts(
      db,
      { limit: 100_000, offset: 0, search },
      { defaultCountry: 'US', now: new Date(), indexQueued: false },
    ).rows.map((r) => r.phone);
  const ids = (table: string, match: string) =>
    db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).pluck().all(match);
  return {
    list: Object.fromEntries([...SEARCHES, ...PREFIXES, ...PHONES].map((q) => [q, list(q)])),
    search: ['"zoe"', '"smi"', 'email : "example.com"', 'phone : "2122"'].map((m) => ids('contact_search', m)),
    starts: ['"^^a"', '"^ch"', '"^^p"'].map((m) => ids('contact_starts', m)),
  };
}

const contactCount = (db: SqliteDb) => db.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
const lastId = (db: SqliteDb) => db.prepare('SELECT max(id) FROM contacts').pluck().get() as number;

/** FTS5's own check of both indexes' structure (throws when corrupt), and SQLite's of the whole file. */
function expectIntact(db: SqliteDb) {
  for (const t of ['contact_search', 'contact_starts']) db.exec(`INSERT INTO ${t} (${t}) VALUES ('integrity-check')`);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}

/** The side databases' folders of an import left in the temp folder (run.ts removes them when it ends). */
const sideFolders = (importId: string) =>
  readdirSync(tmpdir()).filter((f) => f.startsWith(`smsdesk-search-build-${importId}-`));

describe('a command-line bulk import into an empty database', () => {
  // Two imports of 8,000 rows: seconds on a quiet machine, a minute on a loaded one.
  it('copies search indexes built alongside that answer exactly as the usual indexing', async () => {
    const ftsOptions = (db: SqliteDb) =>
      db.prepare(`SELECT k, v FROM contact_search_config UNION ALL SELECT k, v FROM contact_starts_config`).all();
    const optionsBefore = ftsOptions(bulk.db);
    await runImport(bulk.path, file(bulk.dir, 8_000), options, { now, bulk: true, importId: 'imp_same' });
    // Copied as the import ended: every new contact is indexed but those a later row renamed, which wait in the queue.
    expect(indexedThrough(bulk.db)).toBe(lastId(bulk.db));
    expect(queuedForSearch(bulk.db, 10_000)).toBe(8_000 / 50);
    expectIntact(bulk.db);
    // As the CLI does next: the renamed contacts are indexed again.
    indexAllQueuedContacts(bulk.db);

    await runImport(plain.path, file(plain.dir, 8_000), options, { now, importId: 'imp_same' });
    expect(indexedThrough(plain.db)).toBe(0);
    indexAllQueuedContacts(plain.db);

    expect(contactCount(bulk.db)).toBeGreaterThan(7_000);
    expect(found(bulk.db)).toEqual(found(plain.db));
    expect(found(bulk.db).list.quentin424).toEqual(['+12122000423']);
    // Every table alike (the indexes by the ids they hold), but the per-database random salt of link clicks.
    const tables = (db: SqliteDb) => ({ ...snapshot(db), click_salt: [] });
    expect(tables(bulk.db)).toEqual(tables(plain.db));
    // The indexes keep their own options (the side build's bulk buffer is not copied).
    expect(ftsOptions(bulk.db)).toEqual(optionsBefore);
    expectIntact(bulk.db);
    expect(sideFolders('imp_same')).toEqual([]);

    // Edits, deletes and undo afterwards go through the copied indexes as through any other.
    bulk.db.prepare(`UPDATE contacts SET first_name = 'Yolanda' WHERE phone = '+12122000100'`).run();
    bulk.db.prepare(`DELETE FROM contacts WHERE phone = '+12122000101'`).run();
    indexAllQueuedContacts(bulk.db);
    const phonesOf = (search: string) =>
      listContacts(bulk.db, { limit: 10, offset: 0, search }, { defaultCountry: 'US', now: new Date() }).rows.map(
        (r) => r.phone,
      );
    expect(phonesOf('yolanda')).toEqual(['+12122000100']);
    expect(phonesOf('p101.smith@')).toEqual([]);
    undoImport(bulk.db, 'imp_same', () => new Date('2025-03-02T12:00:00.000Z'));
    // Every contact is a Smith: the index holds exactly the contacts left.
    const smiths = bulk.db.prepare(`SELECT count(*) FROM contact_search WHERE contact_search MATCH '"smi"'`).pluck();
    expect(contactCount(bulk.db)).toBeLessThan(10);
    expect(smiths.get()).toBe(contactCount(bulk.db));
    expectIntact(bulk.db);
  }, 180_000);

  it('then a second import into the database that has contacts is indexed the usual way', async () => {
    await runImport(bulk.path, file(bulk.dir, 8_000), options, { now, bulk: true, importId: 'imp_first' });
    const first = lastId(bulk.db);
    expect(indexedThrough(bulk.db)).toBe(first);
    indexAllQueuedContacts(bulk.db);
    // Larger than what is stored, so a bulk load again, but not into an empty database.
    await runImport(bulk.path, file(bulk.dir, 12_000, 7_000, 'more.csv'), options, { now, bulk: true });
    expect(lastId(bulk.db)).toBeGreaterThan(first);
    expect(indexedThrough(bulk.db)).toBe(first);
    indexAllQueuedContacts(bulk.db);

    await runImport(plain.path, file(plain.dir, 8_000), options, { now, importId: 'imp_first' });
    await runImport(plain.path, file(plain.dir, 12_000, 7_000, 'more.csv'), options, { now });
    indexAllQueuedContacts(plain.db);
    expect(found(bulk.db)).toEqual(found(plain.db));
    expect(found(bulk.db).list.quentin).toHaveLength(19_000 / 50);
    expectIntact(bulk.db);
  }, 180_000);

  it('cancelled, leaves the database and its empty search indexes as they were, and no side database', async () => {
    const before = snapshot(bulk.db);
    const controller = new AbortController();
    let error: unknown;
    try {
      await runImport(bulk.path, file(bulk.dir, 60_000), options, {
        now,
        bulk: true,
        importId: 'imp_cancelled',
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code, String(error)).toBe('cancelled');
    expect(snapshot(bulk.db)).toEqual(before);
    expectIntact(bulk.db);
    expect(sideFolders('imp_cancelled')).toEqual([]);
  }, 180_000);
});

describe('the command-line import of a big file into a new database', () => {
  it('answers contacts list --search right after, from the indexes built alongside', async () => {
    const dir = tempDir();
    try {
      const db = join(dir.dir, 'desk.sqlite');
      const csv = file(dir.dir, 8_000);
      const io = () => {
        const out: string[] = [];
        return { out, io: { stdout: (t: string) => out.push(t), stderr: () => undefined, readStdin: async () => '' } };
      };
      const imported = io();
      expect(await runCli(['--db', db, '--json', 'import', csv], imported.io)).toBe(0);
      const listed = io();
      expect(
        await runCli(['--db', db, '--json', 'contacts', 'list', '--search', 'quentin424', '--limit', '5'], listed.io),
      ).toBe(0);
      const rows = (JSON.parse(listed.out.join('\n')) as { rows: { phone: string }[] }).rows;
      expect(rows.map((r) => r.phone)).toEqual(['+12122000423']);
    } finally {
      dir.cleanup();
    }
  }, 180_000);
});
