import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import type { SqliteDb } from '../../../electron/db/connection';
import { tempDb } from '../../helpers/db';
import { runImport, type ImportOptions } from '../../../electron/contacts/import';
import { at, contactsByPhone, customValues, snapshot } from './import-helpers';

/**
 * The command line's bulk load (ImportControl.bulk): a big file in one transaction, the contacts' indexes built at
 * its end. It must write exactly what an ordinary import writes, and a cancel or failure must leave the database —
 * indexes included — as it was.
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

/** n rows: distinct numbers, every 20th a duplicate of the row before, every 50th invalid, tags and a custom field. */
function file(dir: string, n: number): string {
  const lines = ['First Name,Last Name,Phone,Email,Tags,Tier'];
  for (let i = 0; i < n; i++) {
    const phone =
      i % 50 === 49
        ? '555-12'
        : i % 20 === 19
          ? `212${String(2000000 + i - 1).padStart(7, '0')}`
          : `212${String(2000000 + i).padStart(7, '0')}`;
    lines.push(`Zoë ${i % 97},Núñez ${i % 13},${phone},z${i}@example.com,${i % 3 ? 'VIP' : ''},${i % 2 ? 'gold' : ''}`);
  }
  const path = join(dir, 'big.csv');
  writeFileSync(path, lines.join('\n'));
  return path;
}

async function seed(path: string) {
  const csv = 'First Name,Phone,Tier\nAnna,2122000000,bronze\nBob,2122000001,\n';
  await runImport(
    path,
    new Uint8Array(Buffer.from(csv)),
    { ...options, fileName: 'seed.csv', tags: [] },
    { now, importId: 'imp_seed' },
  );
}

const indexes = (db: SqliteDb) =>
  db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts' ORDER BY name`).all();
const committedContacts = (db: SqliteDb) => db.prepare('SELECT count(*) FROM contacts').pluck().get() as number;

describe('a command-line bulk load', () => {
  // Two imports of 8,000 rows: seconds on a quiet machine, a minute on a loaded one.
  it('writes what an ordinary import writes, in one transaction, and builds the same contacts indexes again', async () => {
    await seed(bulk.path);
    await seed(plain.path);
    const indexesBefore = indexes(bulk.db);
    expect(indexesBefore.length).toBeGreaterThan(3);
    const seen: number[] = [];
    const a = await runImport(bulk.path, file(bulk.dir, 8_000), options, {
      now,
      bulk: true,
      importId: 'imp_same',
      onProgress: () => seen.push(committedContacts(bulk.db)),
    });
    const b = await runImport(plain.path, file(plain.dir, 8_000), options, { now, importId: 'imp_same' });
    // Nothing was committed until the end: the other connection saw only the two seeded contacts meanwhile.
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen)).toEqual(new Set([2]));
    expect(a.counts).toEqual(b.counts);
    expect(a.counts.imported).toBeGreaterThan(7_000);
    expect(contactsByPhone(bulk.db)).toEqual(contactsByPhone(plain.db));
    expect(customValues(bulk.db, '+12122000003')).toEqual(customValues(plain.db, '+12122000003'));
    // Every table alike but the per-database random salt of link clicks.
    const tables = (db: SqliteDb) => ({ ...snapshot(db), click_salt: [] });
    expect(tables(bulk.db)).toEqual(tables(plain.db));
    expect(indexes(bulk.db)).toEqual(indexesBefore);
    expect(bulk.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 180_000);

  it('cancelled, leaves the database and its indexes as they were', async () => {
    await seed(bulk.path);
    const before = snapshot(bulk.db);
    const indexesBefore = indexes(bulk.db);
    const controller = new AbortController();
    let error: unknown;
    try {
      // Large enough that the cancel (a message to the writer thread) lands while rows are still being written.
      await runImport(bulk.path, file(bulk.dir, 60_000), options, {
        now,
        bulk: true,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code, String(error)).toBe('cancelled');
    expect(snapshot(bulk.db)).toEqual(before);
    expect(indexes(bulk.db)).toEqual(indexesBefore);
    expect(bulk.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
