import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { SqliteDb } from '../db/connection';
import { CONTACT_STARTS_SQL } from '../../migrations/0009_contact_starts';

// hot path: building the FTS5 search indexes (a million contacts in seconds; npm run bench -- import-search)
/**
 * Keeps the contact search indexes (migrations 0006 and 0009) in step with the contacts table. Contacts with an id above
 * `indexed_through` are new; edited ones are queued by a trigger. Both are indexed here in bulk, which FTS5 does
 * several times faster than row by row, so imports stay fast.
 */

/** Contacts indexed per transaction: tens of milliseconds of work, short enough not to hold up other writers. */
const BATCH = 5_000;

/** The highest contact id the index holds: every contact above it is waiting to be indexed. */
export function indexedThrough(db: SqliteDb): number {
  return db.prepare('SELECT indexed_through FROM contact_search_state').pluck().get() as number;
}

/** How many contacts wait to be indexed (new or edited), counting at most `cap` of them. */
export function queuedForSearch(db: SqliteDb, cap: number): number {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM contacts WHERE id > (SELECT indexed_through FROM contact_search_state) LIMIT @cap))
            + (SELECT count(*) FROM (SELECT 1 FROM contact_search_queue LIMIT @cap))`,
    )
    .pluck()
    .get({ cap }) as number;
}

/** Indexes up to `max` waiting contacts in one transaction; returns how many were indexed. */
export function indexQueuedContacts(db: SqliteDb, max = BATCH): number {
  return db
    .transaction(() => {
      const through = indexedThrough(db);
      const fresh = db
        .prepare('SELECT id FROM contacts WHERE id > ? ORDER BY id LIMIT ?')
        .pluck()
        .all(through, max) as number[];
      const edited = db
        .prepare('SELECT contact_id FROM contact_search_queue ORDER BY contact_id LIMIT ?')
        .pluck()
        .all(max - fresh.length) as number[];
      if (!fresh.length && !edited.length) return 0;
      const all = JSON.stringify([...fresh, ...edited]);
      const editedList = JSON.stringify(edited);
      // An edited contact still has its old entries; a new one has none.
      db.prepare('DELETE FROM contact_search WHERE rowid IN (SELECT value FROM json_each(?))').run(editedList);
      db.prepare('DELETE FROM contact_starts WHERE rowid IN (SELECT value FROM json_each(?))').run(editedList);
      db.prepare(
        `INSERT INTO contact_search (rowid, name, email, phone)
         SELECT c.id, trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), coalesce(c.email, ''), replace(c.phone, '+', '')
         FROM contacts c WHERE c.id IN (SELECT value FROM json_each(?))`,
      ).run(all);
      db.prepare(
        `INSERT INTO contact_starts (rowid, starts) SELECT c.id, ${CONTACT_STARTS_SQL} FROM contacts c WHERE c.id IN (SELECT value FROM json_each(?))`,
      ).run(all);
      db.prepare('DELETE FROM contact_search_queue WHERE contact_id IN (SELECT value FROM json_each(?))').run(
        editedList,
      );
      if (fresh.length) db.prepare('UPDATE contact_search_state SET indexed_through = ?').run(fresh[fresh.length - 1]);
      return fresh.length + edited.length;
    })
    .immediate();
}

/** New contacts indexed per transaction by indexAllQueuedContacts: a few seconds of work each. */
const BULK_CHUNK = 250_000;
/** FTS5's in-memory buffer during a bulk index (its default is 1 MB), and the settings it goes back to. */
const BULK_HASH_BYTES = 64 * 1024 * 1024;
const DEFAULT_HASH_BYTES = 1024 * 1024;
const DEFAULT_AUTOMERGE = 4;

/** FTS5 options of both search indexes (stored with them, so always set back in the same transaction). */
function ftsOptions(db: SqliteDb, hashBytes: number, automerge: number): void {
  for (const table of ['contact_search', 'contact_starts']) {
    // FTS5 reads these options as numbers written in the statement (a bound parameter is refused).
    db.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('hashsize', ${Math.trunc(hashBytes)})`);
    db.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('automerge', ${Math.trunc(automerge)})`);
  }
}

/**
 * Indexes every waiting contact; for the CLI right after an import and for tests. New contacts go in by a few large
 * INSERT … SELECT statements with FTS5 buffering 64 MB instead of 1 MB and not merging segments meanwhile: a
 * million contacts are indexed two to three times faster than in the background batches (npm run bench --
 * import-search). Edited contacts follow in the usual batches.
 *
 * Measured and not kept (a million contacts, CPU time, Dec 2026): one index with the starts as a fourth column
 * instead of two indexes costs 0–10% less here but would re-index every existing database at upgrade; detail=column
 * costs about a sixth less but cannot answer the phrase queries that words longer than three characters need; a
 * larger FTS5 buffer changes nothing. The bulk index is tokenising about forty trigrams per contact.
 */
export function indexAllQueuedContacts(db: SqliteDb): number {
  let total = 0;
  for (;;) {
    const n = db
      .transaction(() => {
        const through = indexedThrough(db);
        const last = db
          .prepare('SELECT id FROM contacts WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?')
          .pluck()
          .get(through, BULK_CHUNK - 1) as number | undefined;
        const upTo = last ?? (db.prepare('SELECT max(id) FROM contacts').pluck().get() as number | null) ?? through;
        if (upTo <= through) return 0;
        ftsOptions(db, BULK_HASH_BYTES, 0);
        // Measured hot path (a million rows): one statement per index, the same expressions as indexQueuedContacts.
        const count = db
          .prepare(
            `INSERT INTO contact_search (rowid, name, email, phone)
             SELECT c.id, trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), coalesce(c.email, ''), replace(c.phone, '+', '')
             FROM contacts c WHERE c.id > ? AND c.id <= ?`,
          )
          .run(through, upTo).changes;
        db.prepare(
          `INSERT INTO contact_starts (rowid, starts) SELECT c.id, ${CONTACT_STARTS_SQL} FROM contacts c WHERE c.id > ? AND c.id <= ?`,
        ).run(through, upTo);
        db.prepare('UPDATE contact_search_state SET indexed_through = ?').run(upTo);
        ftsOptions(db, DEFAULT_HASH_BYTES, DEFAULT_AUTOMERGE);
        return count;
      })
      .immediate();
    if (n === 0) break;
    total += n;
  }
  for (let n = indexQueuedContacts(db); n > 0; n = indexQueuedContacts(db)) total += n;
  return total;
}

export interface SearchIndexer {
  /** Starts indexing the queue in the background (batches with the event loop free in between), if not running. */
  catchUp(): void;
  /** Resolves when the current background run (if any) has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createSearchIndexer(db: SqliteDb, log: (msg: string, err?: unknown) => void): SearchIndexer {
  let running: Promise<void> | null = null;
  let closed = false;
  const run = async () => {
    try {
      while (!closed && db.open && indexQueuedContacts(db) > 0) await yieldToLoop();
    } catch (err) {
      log('indexing contacts for search failed', err);
    }
  };
  return {
    catchUp() {
      if (closed || running) return;
      running = run().finally(() => (running = null));
    },
    idle: async () => {
      await running;
    },
    async close() {
      closed = true;
      await running;
    },
  };
}
