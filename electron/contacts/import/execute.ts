import { autocheckpointPages, openDatabase, type SqliteDb } from '../../db/connection';
import { withoutSecondaryIndexes } from '../../db/bulk-load';
import { AppError, isAppError } from '../../../shared/errors';
import { mappingSummary } from './mapping';
import { ImportMerger } from './merge';
import type { ValidImportOptions } from './options';
import { SEP, type BatchResult } from './batch';
import { MAX_IN_FLIGHT, sourceError, type RowSource, type SourceItem } from './row-source';
import type { ImportProgress, ImportReject, ImportReport } from './types';
import { revertImport } from './undo';
import { ContactWriter } from './writer';

// hot path: the import runs in a worker thread that loads only better-sqlite3 (no Kysely: workers.test.ts)

export interface ImportJob {
  dbPath: string;
  /** better_sqlite3.node built for this runtime, as the app passes to openDatabase (Electron's ABI differs) */
  nativeBinding?: string;
  /** validated by the caller (runImport, on the main thread: the worker then need not load the validator) */
  options: ValidImportOptions;
  importId: string;
  dryRun: boolean;
  /**
   * A bulk load from the command line, where nothing else waits for the database: a file about as large as the
   * contacts already stored, or larger, is written in one transaction with the contacts' indexes built at its end.
   */
  bulk?: boolean;
}

export interface ImportHooks {
  /** the caller's clock, as an ISO-8601 UTC string */
  now(): Promise<string>;
  onProgress(p: ImportProgress): void;
  isCancelled(): boolean;
  /** whether the connection's automatic checkpoints should be on now (run.ts moves them to a worker); null: as opened */
  autocheckpoint?(): boolean | null;
  /** the file, read and normalised elsewhere (row-source.ts), in file order */
  openSource(): RowSource;
}

const FIRST_REJECTS = 100;
const OTHER_PHONES = { header: '', key: 'other_phones', label: 'Other phones' };
/**
 * Rows per write transaction. A commit writes every index page the transaction touched, and random phone, name
 * and email keys touch most of them, so a few large transactions are several times faster than many small ones;
 * beyond about 40,000 rows SQLite's page cache overflows mid-transaction and it slows down again. Between
 * transactions the app's own writes (an incoming STOP) get the database.
 */
const TX_ROWS = 40_000;
/**
 * The first transaction's size; each next one doubles, up to TX_ROWS. Writing starts as soon as the first rows
 * are ready instead of after a whole TX_ROWS of them, which is a fifth of a 100,000-row import.
 */
const FIRST_TX_ROWS = 5_000;
/** A transaction takes at most this many items of the source (see MAX_IN_FLIGHT), whatever their rows. */
const GROUP_ITEMS = MAX_IN_FLIGHT / 2;
/**
 * Rows the reader may have read beyond what the writer has taken: the transaction being gathered and the next
 * one, which the row workers normalise while SQLite writes this one.
 */
const readAhead = (txRows: number) => txRows + Math.min(TX_ROWS, 2 * txRows);
/**
 * SQLite page cache for the import connection, in KiB: the contacts indexes' hot pages. Beyond 32 MB a
 * million-row import is no faster (the operating system caches the file too), only larger.
 */
const CACHE_KIB = 32 * 1024;

/** A short contact row (name, number, email, a tag) takes about this many bytes: sizes the table of numbers seen. */
const BYTES_PER_ROW_GUESS = 80;
/** A bulk load builds the contacts' indexes at its end only for a file of at least this many rows (by its size). */
const BULK_MIN_ROWS = 5_000;

/**
 * The whole import: stream the file, map and normalise rows in the pool, and write them in file order, in
 * transactions of up to TX_ROWS rows. A cancelled or failed import is reverted from its change log, leaving the
 * database as it was. A dry run opens the database read-only and takes every decision without writing.
 */
export async function executeImport(job: ImportJob, hooks: ImportHooks): Promise<ImportReport> {
  const source = hooks.openSource();
  try {
    source.grant({ takenRows: 0, takenBatches: 0, aheadRows: readAhead(FIRST_TX_ROWS) });
    const first = await source.next();
    if (first.kind === 'error') throw sourceError(first);
    if (first.kind !== 'start')
      throw new AppError('internal', `The import stopped: the file reader sent "${first.kind}" first.`);
    return await importRows(job, hooks, job.options, first, source);
  } finally {
    source.close();
  }
}

async function importRows(
  job: ImportJob,
  hooks: ImportHooks,
  options: ValidImportOptions,
  start: Extract<SourceItem, { kind: 'start' }>,
  source: RowSource,
): Promise<ImportReport> {
  const { plan } = start;
  const file = { fileName: start.fileName, size: start.size };
  const detected = { ...start.detected };
  // The owner's answer covers a file that says nothing about consent; a file that does speaks for itself.
  const consentColumns = plan.columns.filter((c) => c.target === 'sms_consent').map((c) => c.header);
  if (options.consent !== undefined && consentColumns.length) {
    throw new AppError(
      'invalid_input',
      `consent: this file says who agreed to texts in its "${consentColumns[0]}" column; import it without an answer for the whole file.`,
    );
  }

  const db = openDatabase(job.dbPath, { readonly: job.dryRun, nativeBinding: job.nativeBinding });
  let writer: ContactWriter | null = null;
  let startedAt = '';
  try {
    if (!job.dryRun) db.pragma(`cache_size = -${CACHE_KIB}`);
    startedAt = await hooks.now();
    const optionsJson = JSON.stringify({
      defaultCountry: options.defaultCountry,
      onDuplicate: options.onDuplicate,
      tags: options.tags,
      consent: options.consent,
    });
    if (!job.dryRun) {
      db.prepare(
        `INSERT INTO imports (id, file_name, file_size, status, mapping_json, options_json, started_at) VALUES (?, ?, ?, 'running', ?, ?, ?)`,
      ).run(job.importId, file.fileName, file.size, JSON.stringify(mappingSummary(plan)), optionsJson, startedAt);
    }
    const writerFields = [...plan.customFields];
    let otherPhonesSlot = writerFields.findIndex((f) => f.key === OTHER_PHONES.key);
    if (otherPhonesSlot === -1) otherPhonesSlot = writerFields.push(OTHER_PHONES) - 1;
    writer = new ContactWriter(db, {
      importId: job.importId,
      fileName: file.fileName,
      now: startedAt,
      consentColumns,
      consentAnswer: options.consent ?? null,
      emailColumns: plan.columns
        .filter(
          (c) => c.target === 'email_consent' || c.target === 'email_unsubscribed' || c.target === 'email_cleaned',
        )
        .map((c) => c.header),
      customFields: writerFields,
      dryRun: job.dryRun,
    });
    const merger = new ImportMerger(
      writer,
      options.onDuplicate,
      options.tags,
      plan.customFields.length,
      otherPhonesSlot,
      file.size / BYTES_PER_ROW_GUESS,
    );
    const rejects: ImportReject[] = [];
    const insertReject = job.dryRun
      ? null
      : db.prepare('INSERT INTO import_rejects (import_id, row_number, reason, raw) VALUES (?, ?, ?, ?)');
    let rowsRead = 0;
    let bytesRead = 0;
    // A transaction committed at NORMAL may be lost in a power cut; the import is then still 'running' and
    // recoverInterruptedImports reverts it. The commit that marks the import completed is made at FULL.
    if (!job.dryRun) db.pragma('synchronous = NORMAL');
    // Foreign keys are checked by construction rather than by SQLite (a lookup per tag, value and consent record,
    // a tenth of the write): every row the writer inserts refers to a contact it created or found in the same
    // transaction, and to tag and field ids it looked up or created in that transaction (beginTransaction).
    // They are back on before anything is reverted, so that deleting contacts cascades.
    if (!job.dryRun) db.pragma('foreign_keys = OFF');
    // A bulk load (job.bulk) of a file about as large as the contacts stored, or larger: one transaction (the groups
    // below become savepoints), the contacts' indexes dropped at its start and built again before it commits — half
    // the writer's CPU at a million rows. A failure or a crash rolls all of it back, indexes included.
    let restoreIndexes: (() => void) | null = null;
    const stored = () => db.prepare('SELECT coalesce(max(id), 0) FROM contacts').pluck().get() as number;
    if (job.bulk && !job.dryRun && file.size / BYTES_PER_ROW_GUESS >= Math.max(BULK_MIN_ROWS, stored())) {
      db.exec('BEGIN IMMEDIATE');
      restoreIndexes = withoutSecondaryIndexes(db, 'contacts');
    }

    const applyOne = (r: BatchResult) => {
      merger.applyAccepted(r.accepted, r.acceptedCount);
      if (r.rejectedCount) {
        const v = r.rejected.split(SEP);
        for (let i = 0; i < v.length; i += 3) {
          const row = Number(v[i]);
          if (rejects.length < FIRST_REJECTS) rejects.push({ row, reason: v[i + 1] });
          insertReject?.run(job.importId, row, v[i + 1], v[i + 2]);
        }
        merger.addInvalid(r.rejectedCount);
      }
      rowsRead += r.records;
    };
    let autocheckpointOn: boolean | null = null;
    const applyGroup = db.transaction((group: BatchResult[]) => {
      writer!.beginTransaction();
      group.forEach(applyOne);
      writer!.endTransaction();
    });

    type Rows = Extract<SourceItem, { kind: 'rows' }>;
    let txRows = FIRST_TX_ROWS;
    let takenRows = 0;
    let takenBatches = 0;
    // Writes one transaction's batches, in file order, and lets the reader go on to the one after the next. Every
    // commit rewrites the index pages it touched, so many small transactions cost far more than a few large.
    const writeGroup = (group: Rows[]) => {
      const on = hooks.autocheckpoint?.() ?? null;
      if (on !== null && on !== autocheckpointOn && !job.dryRun) {
        db.pragma(`wal_autocheckpoint = ${on ? autocheckpointPages(db) : 0}`);
        autocheckpointOn = on;
      }
      bytesRead = group[group.length - 1].bytesRead;
      applyGroup.immediate(group.map((item) => item.result));
      hooks.onProgress({ importId: job.importId, rowsRead, bytesRead, totalBytes: file.size });
      for (const item of group) takenRows += item.records;
      takenBatches += group.length;
      txRows = Math.min(TX_ROWS, txRows * 2);
      source.grant({ takenRows, takenBatches, aheadRows: readAhead(txRows) });
    };
    let group: Rows[] = [];
    let groupRows = 0;
    for (;;) {
      if (hooks.isCancelled()) break;
      const item = await source.next();
      if (item.kind === 'error') throw sourceError(item);
      if (item.kind === 'end') {
        detected.encoding = item.encoding;
        break;
      }
      if (item.kind !== 'rows') continue;
      group.push(item);
      groupRows += item.records;
      if (groupRows >= txRows || group.length >= GROUP_ITEMS) {
        writeGroup(group);
        group = [];
        groupRows = 0;
      }
    }
    if (group.length && !hooks.isCancelled()) writeGroup(group);
    if (hooks.isCancelled()) throw new AppError('cancelled', 'The import was cancelled. Nothing was changed.');
    if (restoreIndexes) {
      restoreIndexes();
      db.exec('COMMIT');
    }

    const counts = merger.counts;
    if (!job.dryRun) {
      db.pragma('synchronous = FULL');
      const finishedAt = await hooks.now();
      const created = { tagIds: writer.createdTagIds, fieldIds: writer.createdFieldIds };
      db.prepare(`UPDATE imports SET status = 'completed', counts_json = ?, finished_at = ? WHERE id = ?`).run(
        JSON.stringify({ ...counts, detected, created }),
        finishedAt,
        job.importId,
      );
    }
    return {
      importId: job.importId,
      dryRun: job.dryRun,
      fileName: file.fileName,
      detected,
      counts,
      rejects,
      customFields: plan.customFields,
    };
  } catch (e) {
    // A bulk load's one transaction: rolled back, indexes and all, before what was committed is reverted.
    if (db.inTransaction) db.exec('ROLLBACK');
    if (!job.dryRun && startedAt) await abandon(db, job, startedAt, writer, e, hooks);
    throw isAppError(e)
      ? e
      : new AppError('internal', `The import stopped: ${(e as Error).message}. Nothing was changed.`);
  } finally {
    db.close();
  }
}

/**
 * Takes back what a cancelled or failed import wrote. A cancelled import leaves no trace at all;
 * a failed one stays in the history as 'failed' so the user can see what happened.
 */
async function abandon(
  db: SqliteDb,
  job: ImportJob,
  startedAt: string,
  writer: ContactWriter | null,
  error: unknown,
  hooks: ImportHooks,
) {
  const cancelled = isAppError(error) && error.code === 'cancelled';
  if (!db.inTransaction) db.pragma('foreign_keys = ON');
  const at = await hooks.now();
  const finishedAt = cancelled ? '' : at;
  const created = { tagIds: writer?.createdTagIds ?? [], fieldIds: writer?.createdFieldIds ?? [] };
  db.transaction(() => {
    const options_json =
      db
        .prepare<[string], { options_json: string | null }>('SELECT options_json FROM imports WHERE id = ?')
        .get(job.importId)?.options_json ?? null;
    revertImport(db, { id: job.importId, started_at: startedAt, options_json }, created, at);
    if (cancelled) db.prepare('DELETE FROM imports WHERE id = ?').run(job.importId);
    else {
      db.prepare(
        `UPDATE imports SET status = 'failed', finished_at = ?, undone_at = ?, counts_json = ? WHERE id = ?`,
      ).run(finishedAt, finishedAt, JSON.stringify({ error: (error as Error).message }), job.importId);
    }
  }).immediate();
}
