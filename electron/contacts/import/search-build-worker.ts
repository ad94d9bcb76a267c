import { workerData, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { NEW_DATABASE_PAGE_SIZE, type SqliteDb } from '../../db/connection';
import { runInBackground, threadCpuMs, WRITER_NICE } from '../../thread-priority';
import { BULK_HASH_BYTES, CONTACT_SEARCH_SQL, CONTACT_STARTS_SQL, ftsOptions } from '../search-text';

// hot path: a CLI bulk import's search index, built beside its writer (npm run bench -- import-search); raw SQL in a
// thread that loads only better-sqlite3

export interface SearchBuildWorkerData {
  /** to the import's writer: rows in, the built file's news out */
  port: MessagePort;
  /** the side database to create (in a folder of its own that run.ts removes) */
  path: string;
  nativeBinding?: string;
}

/** One new contact: id, first name, last name, email, phone (as stored). */
export type SearchRow = [number, string | null, string | null, string | null, string];

export type ToSearchBuild =
  /** the definitions of the search indexes (`CREATE VIRTUAL TABLE …` as the main database holds them) */
  | { type: 'start'; tables: string[] }
  /** new contacts in id order, as JSON (SearchRow[]) */
  | { type: 'rows'; json: string }
  /** no more rows: build, close the file, answer */
  | { type: 'end' };
export type FromSearchBuild =
  /** `cpuMs`: the thread's CPU time, for timings (null where the system does not say) */
  { type: 'built'; path: string; rows: number; cpuMs: number | null } | { type: 'failed'; message: string };

/**
 * Worker thread that builds the contact search indexes of a command-line bulk import into an empty database, in a
 * side database of its own, while the writer writes the contacts (the second core is otherwise half idle then). The
 * writer sends each transaction's new contacts; at the end the writer copies the built indexes' tables into the main
 * database (search-build.ts). The side database is scratch: no journal, no sync — if anything fails, the writer
 * indexes the usual way.
 */
// As the writer, not as the threads that serve it: the import ends only once this thread is done (measured at load
// 11–14 at nice 10, the writer then waited 13–17 s for it; the app's own threads still go first).
runInBackground(WRITER_NICE);
const { port, path, nativeBinding } = workerData as SearchBuildWorkerData;
let db: SqliteDb | null = null;
let insert: ((json: string) => number) | null = null;
let rows = 0;
let failed = false;

/** The rows of one message as a contacts row `c`, for the indexes' own expressions. */
const ROWS = `(SELECT value ->> 0 AS id, value ->> 1 AS first_name, value ->> 2 AS last_name, value ->> 3 AS email,
                      value ->> 4 AS phone FROM json_each(?)) c`;

function start(tables: string[]): void {
  const d = (db = new Database(path, { nativeBinding }));
  d.pragma(`page_size = ${NEW_DATABASE_PAGE_SIZE}`);
  d.pragma('journal_mode = OFF');
  d.pragma('synchronous = OFF');
  for (const sql of tables) d.exec(sql);
  // As indexAllQueuedContacts: FTS5 buffers 64 MB and does not merge segments meanwhile.
  ftsOptions(d, BULK_HASH_BYTES, 0);
  d.exec('BEGIN');
  const search = d.prepare(
    `INSERT INTO contact_search (rowid, name, email, phone) SELECT c.id, ${CONTACT_SEARCH_SQL} FROM ${ROWS}`,
  );
  const starts = d.prepare(
    `INSERT INTO contact_starts (rowid, starts) SELECT c.id, ${CONTACT_STARTS_SQL} FROM ${ROWS}`,
  );
  insert = (json) => {
    const n = search.run(json).changes;
    starts.run(json);
    return n;
  };
}

function stop(): void {
  if (db?.open) db.close();
  port.close();
}

port.on('message', (msg: ToSearchBuild) => {
  if (failed) return;
  try {
    if (msg.type === 'start') start(msg.tables);
    else if (msg.type === 'rows') {
      if (!insert) throw new Error('rows before the start');
      rows += insert(msg.json);
    } else {
      db!.exec('COMMIT');
      db!.close();
      port.postMessage({ type: 'built', path, rows, cpuMs: threadCpuMs() } satisfies FromSearchBuild);
      stop();
    }
  } catch (e) {
    failed = true;
    port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies FromSearchBuild);
    stop();
  }
});
// The writer closes its end when it does not build (a database that has contacts) or has stopped.
port.on('close', () => {
  if (db?.open) db.close();
});
