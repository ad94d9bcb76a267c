import type { SqliteDb } from '../../db/connection';
import { AppError } from '../../../shared/errors';
import { toCsvLine } from './csv-parser';
import type { DetectedFile, DuplicatePolicy, FieldTarget, ImportCounts } from './types';
import type { DB } from '../../db/schema';
import { importRejectRows, importRow, importRows } from '../queries-import';

export interface ImportSummary {
  id: string;
  fileName: string;
  fileSize: number | null;
  /** running | completed | failed | undone | interrupted */
  status: string;
  startedAt: string;
  finishedAt: string | null;
  undoneAt: string | null;
  counts: ImportCounts | null;
  detected: DetectedFile | null;
  mapping: Record<string, FieldTarget>;
  options: { defaultCountry?: string; onDuplicate?: DuplicatePolicy; tags?: string[] };
  /** why a failed import stopped */
  error: string | null;
}

type Row = DB['imports'];

function toSummary(r: Row): ImportSummary {
  const stored = r.counts_json
    ? (JSON.parse(r.counts_json) as Partial<ImportCounts> & { detected?: DetectedFile; error?: string })
    : null;
  const counts =
    stored && stored.rows !== undefined
      ? {
          rows: stored.rows,
          imported: stored.imported ?? 0,
          updated: stored.updated ?? 0,
          unchanged: stored.unchanged ?? 0,
          duplicates: stored.duplicates ?? 0,
          invalid: stored.invalid ?? 0,
          notTextable: stored.notTextable ?? 0,
        }
      : null;
  return {
    id: r.id,
    fileName: r.file_name,
    fileSize: r.file_size,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    undoneAt: r.undone_at,
    counts,
    detected: stored?.detected ?? null,
    mapping: r.mapping_json ? (JSON.parse(r.mapping_json) as ImportSummary['mapping']) : {},
    options: r.options_json ? (JSON.parse(r.options_json) as ImportSummary['options']) : {},
    error: stored?.error ?? null,
  };
}

/** The import history, newest first. */
export function listImports(db: SqliteDb, limit = 100): ImportSummary[] {
  return importRows(db, limit).map(toSummary);
}

export function getImport(db: SqliteDb, importId: string): ImportSummary {
  const row = importRow(db, importId);
  if (!row) throw new AppError('not_found', `There is no import with id ${importId}.`);
  return toSummary(row);
}

/**
 * The rows an import rejected, as CSV text: row number (1-based data row, header not counted), the reason,
 * and the row as it was in the file. `bom` prefixes a UTF-8 byte-order mark so Excel shows accents correctly.
 */
export function rejectsCsv(db: SqliteDb, importId: string, options: { bom?: boolean } = {}): string {
  getImport(db, importId);
  const lines = [toCsvLine(['row', 'reason', 'original row'])];
  for (const r of importRejectRows(db, importId)) lines.push(toCsvLine([String(r.row_number), r.reason, r.raw ?? '']));
  return (options.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}
