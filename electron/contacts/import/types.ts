import type { ImportCountsView, ImportFieldTarget } from '../../../shared/contacts/imports';
/**
 * Shapes of the contact import: what the user chooses, what the file turned out to be, and what happened.
 *
 * Row numbers: a reject's `row` is the 1-based position of the record among the DATA records of the file —
 * the header is not a row, blank lines are counted (so row N is spreadsheet row N + 1 when the header is
 * spreadsheet row 1). For vCard files `row` is the 1-based position of the card.
 */

/** Where a column's values go. `custom:<key>` stores them as a custom field; `drop` ignores the column. */
export type FieldTarget = ImportFieldTarget;

export type DuplicatePolicy = 'skip' | 'update';

export interface ImportOptions {
  /** ISO 3166 two-letter country assumed for numbers written without a country code, e.g. "US". */
  defaultCountry: string;
  /** What to do with a row whose number is already a contact: leave it alone, or update its fields. */
  onDuplicate: DuplicatePolicy;
  /** Tags added to every contact this import creates or updates. */
  tags?: string[];
  /** Overrides of the automatic mapping, by header text (case-insensitive). */
  mapping?: Record<string, FieldTarget>;
  /** Shown in the import history; required when the file is given as bytes. */
  fileName?: string;
  /** Forces the file type instead of detecting it. */
  format?: FileFormat;
  /** Forces the text encoding instead of detecting it. */
  encoding?: TextEncodingName;
  /** Forces the column separator instead of detecting it. */
  delimiter?: Delimiter;
  /**
   * For a file without a consent column: how everyone in it agreed to texts, in the owner's words ("signed up in
   * store"). Recorded as their consent. Without it their consent is "not stated" and they are not textable.
   */
  consent?: string;
}

export type FileFormat = 'csv' | 'vcard';
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t';

export interface DetectedFile {
  format: FileFormat;
  encoding: TextEncodingName;
  /** true when the file starts with a byte-order mark */
  bom: boolean;
  /** null for vCard */
  delimiter: Delimiter | null;
}

export interface ColumnMapping {
  index: number;
  header: string;
  target: FieldTarget;
  /** for `custom:` targets: the custom field key and the label shown to the user */
  customKey?: string;
  customLabel?: string;
  /** for phone columns: the column holding this number's label (Google's "Phone 1 - Label") */
  labelIndex?: number;
  /** how the target was chosen */
  source: 'alias' | 'user' | 'unmapped';
}

export interface CustomFieldColumn {
  header: string;
  key: string;
  label: string;
  /** Birthday and anniversary columns make date fields; their values are read as dates (see shared/date-values). */
  type?: 'text' | 'date';
}

/** Counts of an import (documented in shared/contacts/imports.ts, which the renderer sees too). */
export type ImportCounts = ImportCountsView;

export interface ImportReject {
  row: number;
  reason: string;
}

export interface ImportReport {
  importId: string;
  dryRun: boolean;
  fileName: string;
  detected: DetectedFile;
  counts: ImportCounts;
  /** the first 100 rejects; all of them are in the database (see rejectsCsv) */
  rejects: ImportReject[];
  /** custom fields the file carries values for */
  customFields: CustomFieldColumn[];
}

export interface ImportProgress {
  importId: string;
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

/** Where a file comes from: a path on disk, or its bytes (drag and drop). */
export type ImportSource = string | Uint8Array;

export function emptyCounts(): ImportCounts {
  return { rows: 0, imported: 0, updated: 0, unchanged: 0, duplicates: 0, invalid: 0, notTextable: 0 };
}

/** Reasons shown to the user. Kept in one place so the rejects file and the tests agree on the wording. */
export const rejectReasons = {
  missingPhone: 'missing phone',
  notADate: (header: string, value: string) =>
    `${header}: "${value}" is not a date (write it as 1990-03-05, 03/05/1990 or March 5, 1990)`,
  unclosedQuote: 'broken row: a quote (") is opened but never closed; the rest of the line was skipped',
} as const;

export const NOT_TEXTABLE_NO_CONSENT = 'no SMS consent in import file';
/** A new contact whose file said nothing about consent, and the owner did not either: consent is never assumed. */
export const NOT_TEXTABLE_CONSENT_NOT_STATED = 'SMS consent not stated';
