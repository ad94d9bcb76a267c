import type { SqliteDb } from './connection';

// hot path: a CLI bulk import's contacts indexes (npm run bench -- import-search). Raw SQL on the schema table: the
// import's writer thread loads no Kysely (tests/unit/foundation/workers.test.ts).

/**
 * Drops `table`'s own indexes (not the ones behind its UNIQUE and PRIMARY KEY constraints, which the load needs) in
 * the caller's open transaction, and answers the function that creates them again, to be called in the same
 * transaction before it commits. Filling a table and then sorting each index's keys once costs far less than keeping
 * every index up to date row by row (a million contacts: about 6 s of CPU instead of 13, Dec 2026). Only inside a
 * transaction: a crash or a rollback then leaves the indexes exactly as they were.
 */
export function withoutSecondaryIndexes(db: SqliteDb, table: string): () => void {
  if (!db.inTransaction) throw new Error(`withoutSecondaryIndexes(${table}) needs an open transaction`);
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
    .all(table) as Array<{ name: string; sql: string }>;
  for (const i of indexes) db.exec(`DROP INDEX "${i.name.replaceAll('"', '""')}"`);
  return () => {
    for (const i of indexes) db.exec(i.sql);
  };
}

/**
 * Runs `write` (a chunk of a bulk write that opens and commits its own transaction) with foreign-key checks off and
 * its commit not waiting for the disk (synchronous NORMAL), then puts both back as the connection opened them, also
 * when `write` throws. Only for a writer whose statements read every row they reference in the same transaction (so
 * the checks could only succeed) and whose lost chunk is written again on resume.
 */
export function withBulkChunkSettings<T>(db: SqliteDb, write: () => T): T {
  db.pragma('foreign_keys = OFF');
  try {
    return withCommitsNotWaitingForDisk(db, write);
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/**
 * Runs `write` (a recomputation that commits a transaction per step) with its commits not waiting for the disk
 * (synchronous NORMAL), then puts FULL back as the connection opened it, also when `write` throws. A step lost to a
 * power cut is one the recomputation writes again; the caller's next FULL commit makes the steps durable too, the log
 * being written in order. Synchronous only: no other code may commit on the connection meanwhile.
 */
export function withCommitsNotWaitingForDisk<T>(db: SqliteDb, write: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
