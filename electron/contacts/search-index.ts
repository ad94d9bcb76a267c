import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { SqliteDb } from '../db/connection';
import { CONTACT_STARTS_SQL } from '../../migrations/0009_contact_starts';
import { CONTACT_SEARCH_ROW_SQL } from '../db/sql-fns';
import {
  contactIdsAbove,
  dropEditedEntries,
  editedContactIds,
  indexedThrough,
  lastContactId,
  markIndexedThrough,
  nthContactIdAbove,
} from './queries-search';
import { transaction } from '../db/transaction';

export { indexedThrough, queuedForSearch } from './queries-search';

// hot path: building the FTS5 search indexes (a million contacts in seconds; npm run bench -- import-search)
/**
 * Keeps the contact search indexes (migrations 0006 and 0009) in step with the contacts table. Contacts with an id above
 * `indexed_through` are new; edited ones are queued by a trigger. Both are indexed here in bulk, which FTS5 does
 * several times faster than row by row, so imports stay fast.
 */

/** Contacts indexed per transaction: tens of milliseconds of work, short enough not to hold up other writers. */
const BATCH = 5_000;

/** Indexes up to `max` waiting contacts in one transaction; returns how many were indexed. */
export function indexQueuedContacts(db: SqliteDb, max = BATCH): number {
  return transaction(
    db,
    () => {
      const through = indexedThrough(db);
      const fresh = contactIdsAbove(db, through, max);
      const edited = editedContactIds(db, max - fresh.length);
      if (!fresh.length && !edited.length) return 0;
      const all = JSON.stringify([...fresh, ...edited]);
      // An edited contact still has its old entries; a new one has none.
      if (edited.length) dropEditedEntries(db, edited);
      db.prepare(
        `INSERT INTO contact_search (rowid, name, email, phone)
         SELECT ${CONTACT_SEARCH_ROW_SQL}
         FROM contacts c WHERE c.id IN (SELECT value FROM json_each(?))`,
      ).run(all);
      db.prepare(
        `INSERT INTO contact_starts (rowid, starts) SELECT c.id, ${CONTACT_STARTS_SQL} FROM contacts c WHERE c.id IN (SELECT value FROM json_each(?))`,
      ).run(all);
      if (fresh.length) markIndexedThrough(db, fresh[fresh.length - 1]);
      return fresh.length + edited.length;
    },
    { immediate: true },
  );
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
    const n = transaction(
      db,
      () => {
        const through = indexedThrough(db);
        const upTo = nthContactIdAbove(db, through, BULK_CHUNK) ?? lastContactId(db) ?? through;
        if (upTo <= through) return 0;
        ftsOptions(db, BULK_HASH_BYTES, 0);
        // Measured hot path (a million rows): one statement per index, the same expressions as indexQueuedContacts.
        const count = db
          .prepare(
            `INSERT INTO contact_search (rowid, name, email, phone)
             SELECT ${CONTACT_SEARCH_ROW_SQL}
             FROM contacts c WHERE c.id > ? AND c.id <= ?`,
          )
          .run(through, upTo).changes;
        db.prepare(
          `INSERT INTO contact_starts (rowid, starts) SELECT c.id, ${CONTACT_STARTS_SQL} FROM contacts c WHERE c.id > ? AND c.id <= ?`,
        ).run(through, upTo);
        markIndexedThrough(db, upTo);
        ftsOptions(db, DEFAULT_HASH_BYTES, DEFAULT_AUTOMERGE);
        return count;
      },
      { immediate: true },
    );
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
