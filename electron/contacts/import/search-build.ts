import type { MessagePort } from 'node:worker_threads';
import type { SqliteDb } from '../../db/connection';
import { SEARCH_TABLES } from '../search-text';
import type { FromSearchBuild, SearchRow, ToSearchBuild } from './search-build-worker';

// hot path: a CLI bulk import's search index (npm run bench -- import-search); raw SQL on the import's connection,
// whose thread loads no Kysely (tests/unit/foundation/workers.test.ts)

/** FTS5 options that only steer when merging work is done, not what the index holds or how it is laid out. */
const TUNING_OPTIONS = new Set(['hashsize', 'automerge', 'crisismerge', 'usermerge', 'deletemerge']);
const SIDE = 'search_build';

/**
 * The search indexes of a command-line bulk import into a database without contacts, built in a side database by a
 * thread of their own (search-build-worker.ts) while the writer writes the contacts, then copied in whole: on two
 * cores the index no longer waits for the import to end (issue 16 point 18). The writer tells it each new contact
 * (`add`), and each contact whose name or email a later row of the file changed (`changed`: indexed again the usual
 * way, from the edit queue). When anything does not hold — the database changed meanwhile, the indexes' definitions
 * differ, the thread failed — nothing is copied and the contacts wait for the usual indexing (`indexed_through`),
 * which is always correct.
 */
export class SearchBuild {
  private rows: SearchRow[] = [];
  private fed = 0;
  private lastId = 0;
  private readonly changedIds = new Set<number>();
  private readonly answer: Promise<FromSearchBuild>;

  private constructor(
    private readonly port: MessagePort,
    tables: string[],
  ) {
    this.answer = new Promise((resolve) => {
      port.on('message', resolve);
      port.on('close', () => resolve({ type: 'failed', message: 'the search index thread stopped' }));
    });
    this.send({ type: 'start', tables });
  }

  /**
   * Starts the side build when the main database holds no contacts and its search indexes nothing (inside the bulk
   * load's transaction, so nothing else writes meanwhile); otherwise closes the port (the thread then ends) and
   * answers null.
   */
  static startIfEmpty(db: SqliteDb, port: MessagePort): SearchBuild | null {
    const empty = db
      .prepare(
        `SELECT NOT EXISTS (SELECT 1 FROM contacts) AND NOT EXISTS (SELECT 1 FROM contact_search_queue)
                AND (SELECT indexed_through FROM contact_search_state) = 0`,
      )
      .pluck()
      .get();
    if (empty !== 1) {
      port.close();
      return null;
    }
    return new SearchBuild(port, virtualTables(db));
  }

  add(id: number, firstName: string | null, lastName: string | null, email: string | null, phone: string): void {
    this.rows.push([id, firstName, lastName, email, phone]);
    this.fed++;
    this.lastId = id;
  }

  /** A contact this import created whose name, email or phone a later row changed. */
  changed(id: number): void {
    this.changedIds.add(id);
  }

  /** Sends the rows added since the last flush (once per transaction). */
  flush(): void {
    if (!this.rows.length) return;
    this.send({ type: 'rows', json: JSON.stringify(this.rows) });
    this.rows = [];
  }

  /** No more rows: the thread finishes building while the writer builds the contacts' own indexes. */
  end(): void {
    this.flush();
    this.send({ type: 'end' });
  }

  close(): void {
    this.port.close();
  }

  /** Waits for the thread to finish building (or to fail). */
  async built(): Promise<FromSearchBuild> {
    const answer = await this.answer;
    this.close();
    return answer;
  }

  /**
   * Copies the side build into the main database's (empty) search indexes in one transaction, when `dataVersion`
   * (PRAGMA data_version read in the bulk load's transaction) shows that no other connection has written since.
   * Answers null when copied, or why not.
   */
  copyInto(db: SqliteDb, answer: FromSearchBuild, dataVersion: number): string | null {
    if (answer.type === 'failed') return answer.message;
    if (this.fed === 0) return 'the import created no contacts';
    if (answer.rows !== this.fed) return `the search index thread indexed ${answer.rows} of ${this.fed} contacts`;
    db.prepare(`ATTACH DATABASE ? AS ${SIDE}`).run(answer.path);
    try {
      // FTS5's own tables are read-only to SQL in defensive mode (better-sqlite3's default).
      db.unsafeMode(true);
      return db.transaction(() => this.copy(db, dataVersion)).immediate();
    } finally {
      db.unsafeMode(false);
      db.exec(`DETACH DATABASE ${SIDE}`);
    }
  }

  private copy(db: SqliteDb, dataVersion: number): string | null {
    if (db.pragma('data_version', { simple: true }) !== dataVersion) return 'the database changed after the import';
    const state = db
      .prepare(
        `SELECT (SELECT indexed_through FROM contact_search_state) AS through,
                (SELECT count(*) FROM contact_search_queue) AS queued, (SELECT max(id) FROM contacts) AS last`,
      )
      .get() as { through: number; queued: number; last: number | null };
    if (state.through !== 0 || state.queued !== 0 || state.last !== this.lastId)
      return 'the contacts or their search index changed after the import';
    const main = shadowTables(db, 'main');
    if (JSON.stringify(main) !== JSON.stringify(shadowTables(db, SIDE)))
      return 'the search indexes are defined differently';
    for (const t of SEARCH_TABLES)
      if (options(db, 'main', t) !== options(db, SIDE, t)) return `the options of ${t} differ`;
    // Each index's content; its _config keeps the main database's options. `INSERT INTO … SELECT *` between tables of
    // the same shape, into an empty one, copies the records as they are (SQLite's transfer optimisation).
    for (const { name } of main) {
      if (SEARCH_TABLES.some((t) => t === name) || name.endsWith('_config')) continue;
      db.exec(`DELETE FROM main."${name}"`);
      db.exec(`INSERT INTO main."${name}" SELECT * FROM ${SIDE}."${name}"`);
    }
    db.prepare('UPDATE contact_search_state SET indexed_through = ?').run(this.lastId);
    if (this.changedIds.size)
      db.prepare('INSERT OR IGNORE INTO contact_search_queue (contact_id) SELECT value FROM json_each(?)').run(
        JSON.stringify([...this.changedIds]),
      );
    return null;
  }

  private send(msg: ToSearchBuild): void {
    this.port.postMessage(msg);
  }
}

/** The search indexes' definitions, as the main database holds them. */
function virtualTables(db: SqliteDb): string[] {
  return SEARCH_TABLES.map(
    (t) => db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(t) as string,
  );
}

/** FTS5's own tables of an index (its shadow tables), by the suffix of their names. */
const SHADOWS = ['data', 'idx', 'content', 'docsize', 'config'];

/** Both indexes and their shadow tables (`contact_search_data`…) that exist, with their definitions. */
function shadowTables(db: SqliteDb, schema: string): { name: string; sql: string }[] {
  const names = SEARCH_TABLES.flatMap((t) => [t, ...SHADOWS.map((s) => `${t}_${s}`)]);
  return db
    .prepare(
      `SELECT name, sql FROM ${schema}.sqlite_master WHERE type = 'table' AND name IN (${names.map(() => '?').join(', ')}) ORDER BY name`,
    )
    .all(...names) as { name: string; sql: string }[];
}

/** An index's stored options that decide what it holds and how (not the tuning ones), as one comparable text. */
function options(db: SqliteDb, schema: string, table: string): string {
  const rows = db.prepare(`SELECT k, v FROM ${schema}."${table}_config" ORDER BY k`).raw().all() as [string, unknown][];
  return JSON.stringify(rows.filter(([k]) => !TUNING_OPTIONS.has(k)));
}
