import { randomBytes } from 'node:crypto';
import { AppError, isAppError } from '../../shared/errors';
import type { ImportJobStatus, ImportReportView } from '../../shared/ipc/channels/contacts';
import type { SqliteDb } from '../db/connection';
import type { EventBus } from '../events/bus';
import { runImport, type ImportOptions } from './import';
import { getImport } from './import/history';
import { importRejectRows } from './queries-import';

/**
 * Imports running in the background for the app: started by contacts:importRun, followed through
 * import:progress and import:finished events or contacts:importStatus, cancelled by contacts:importCancel.
 * At most one import writes at a time (dry runs only read, so they may run beside it).
 */

export interface ImportJobDeps {
  db: SqliteDb;
  dbPath: string;
  now: () => Date;
  events: EventBus;
  nativeBinding?: string;
  log: (msg: string, err?: unknown) => void;
  /** Called after a job ended (whatever the outcome), before import:finished is emitted. */
  onFinished?: (job: ImportJobStatus) => void;
}

export interface ImportJobs {
  /** `bulk`: a command-line bulk load (see ImportControl.bulk); the app's imports leave the database to others meanwhile. */
  start(file: { path: string; fileName: string }, options: ImportOptions, dryRun: boolean, bulk?: boolean): string;
  status(importId: string): ImportJobStatus;
  cancel(importId: string): boolean;
  /** Whether an import is writing to the database now. */
  writing(): boolean;
  /** Resolves when the job has ended (for the CLI and tests). */
  settled(importId: string): Promise<ImportJobStatus>;
  /**
   * Resolves true as soon as the job's writes are committed, while its threads may still be stopping; false when
   * it ends otherwise (failed, cancelled). For the CLI, which indexes the new contacts for search meanwhile.
   */
  written(importId: string): Promise<boolean>;
  /** Cancels every running import and waits for them to stop. */
  close(): Promise<void>;
}

interface Job {
  status: ImportJobStatus;
  controller: AbortController;
  done: Promise<ImportJobStatus>;
  written: Promise<boolean>;
}

/** Finished jobs remembered in memory; older ones are answered from the import history. */
const KEEP_FINISHED = 50;

export function createImportJobs(deps: ImportJobDeps): ImportJobs {
  const jobs = new Map<string, Job>();

  const forget = () => {
    const finished = [...jobs.values()].filter((j) => j.status.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(j.status.importId);
  };

  const writing = () => [...jobs.values()].some((j) => j.status.state === 'running' && !j.status.dryRun);

  return {
    start(file, options, dryRun, bulk = false) {
      if (!dryRun && writing())
        throw new AppError(
          'conflict',
          'Another import is running. Wait for it to finish, or cancel it, before starting this one.',
        );
      const importId = `imp_${randomBytes(9).toString('base64url')}`;
      const controller = new AbortController();
      const status: ImportJobStatus = {
        importId,
        state: 'running',
        dryRun,
        fileName: file.fileName,
        startedAt: deps.now().toISOString(),
        finishedAt: null,
        progress: null,
        report: null,
        error: null,
      };
      const finish = (patch: Partial<ImportJobStatus>) => {
        Object.assign(status, patch, { finishedAt: deps.now().toISOString() });
        try {
          deps.onFinished?.(status);
        } catch (err) {
          deps.log('after an import', err);
        }
        const state = status.state as 'done' | 'failed' | 'cancelled';
        deps.events.emit('import:finished', { importId, state, dryRun, report: status.report, error: status.error });
        if (!dryRun && state === 'done') deps.events.emit('app:dataChanged', { area: 'contacts' });
        forget();
        return status;
      };
      let markWritten: (yes: boolean) => void = () => undefined;
      const written = new Promise<boolean>((resolve) => (markWritten = resolve));
      const done = runImport(
        deps.dbPath,
        file.path,
        { ...options, fileName: file.fileName },
        {
          now: deps.now,
          importId,
          dryRun,
          bulk,
          signal: controller.signal,
          nativeBinding: deps.nativeBinding,
          onProgress: (p) => {
            status.progress = p;
            deps.events.emit('import:progress', p);
          },
          onWritten: () => markWritten(true),
        },
      ).then(
        (report) => finish({ state: 'done', report }),
        (err: unknown) => {
          if (isAppError(err) && err.code === 'cancelled')
            return finish({ state: 'cancelled', error: { code: err.code, message: err.message } });
          if (!isAppError(err)) deps.log(`import ${importId} failed`, err);
          const message = err instanceof Error ? err.message : String(err);
          return finish({ state: 'failed', error: { code: isAppError(err) ? err.code : 'internal', message } });
        },
      );
      void done.then(() => markWritten(false));
      jobs.set(importId, { status, controller, done, written });
      return importId;
    },

    status(importId) {
      const job = jobs.get(importId);
      if (job) return { ...job.status };
      return fromHistory(deps.db, importId);
    },

    cancel(importId) {
      const job = jobs.get(importId);
      if (!job) {
        fromHistory(deps.db, importId);
        return false;
      }
      if (job.status.state !== 'running') return false;
      job.controller.abort();
      return true;
    },

    writing,

    async settled(importId) {
      const job = jobs.get(importId);
      return job ? job.done : fromHistory(deps.db, importId);
    },

    async written(importId) {
      const job = jobs.get(importId);
      return job ? job.written : fromHistory(deps.db, importId).state === 'done';
    },

    async close() {
      const running = [...jobs.values()].filter((j) => j.status.state === 'running');
      for (const j of running) j.controller.abort();
      await Promise.allSettled(running.map((j) => j.done));
    },
  };
}

/** An import this app did not start (an earlier session, the CLI), as recorded in the import history. */
function fromHistory(db: SqliteDb, importId: string): ImportJobStatus {
  const s = getImport(db, importId);
  const state =
    s.status === 'running' ? 'running' : s.status === 'completed' || s.status === 'undone' ? 'done' : 'failed';
  const rejects: ImportReportView['rejects'] = importRejectRows(db, importId, 100).map((r) => ({
    row: r.row_number,
    reason: r.reason,
  }));
  return {
    importId,
    state,
    dryRun: false,
    fileName: s.fileName,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    progress: null,
    report:
      s.counts && s.detected
        ? {
            importId,
            dryRun: false,
            fileName: s.fileName,
            detected: s.detected,
            counts: s.counts,
            rejects,
            customFields: [],
          }
        : null,
    error:
      state === 'failed'
        ? {
            code: s.status === 'interrupted' ? 'cancelled' : 'internal',
            message: s.error ?? `The import ended as ${s.status}.`,
          }
        : null,
  };
}
