import { z } from 'zod';
import { ownRecordSchema } from '../own-record-schema';

/** The import's options as the user chooses them, and what the import channels answer. */

/** Largest file an import accepts. */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

export type ImportFieldTarget =
  | 'first_name'
  | 'last_name'
  | 'full_name'
  | 'phone'
  | 'mobile_phone'
  | 'phone_label'
  | 'email'
  | 'tags'
  | 'sms_consent'
  | 'email_consent'
  | 'email_unsubscribed'
  | 'email_cleaned'
  | 'country'
  | 'drop'
  | `custom:${string}`;

const FIELD_TARGETS = [
  'first_name',
  'last_name',
  'full_name',
  'phone',
  'mobile_phone',
  'phone_label',
  'email',
  'tags',
  'sms_consent',
  'email_consent',
  'email_unsubscribed',
  'email_cleaned',
  'country',
  'drop',
];
const isFieldTarget = (v: string) => FIELD_TARGETS.includes(v) || /^custom:[a-z0-9_]{1,60}$/.test(v);

/** What the user chooses for an import (the same fields the engine takes, minus the file name). */
export const importOptionsInput = z
  .object({
    defaultCountry: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, 'expected a two-letter country code such as US'),
    onDuplicate: z.enum(['skip', 'update']).default('skip'),
    tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    /** Header text (case-insensitive) → field; overrides the automatic mapping. */
    mapping: ownRecordSchema(
      z.string(),
      z.string().refine(isFieldTarget, 'expected a contact field, custom:<key> or drop'),
    ).optional(),
    format: z.enum(['csv', 'vcard']).optional(),
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']).optional(),
    delimiter: z.enum([',', ';', '\t']).optional(),
    /** For a file without a consent column: how these people agreed to texts (recorded as their consent). */
    consent: z.string().trim().min(1, 'say how these people agreed to texts').max(500).optional(),
  })
  .strict();
export type ImportOptionsInput = z.input<typeof importOptionsInput>;

export interface ImportCountsView {
  /** data rows read, blank rows not included */
  rows: number;
  /** new contacts created */
  imported: number;
  /** existing contacts whose fields, tags or custom fields changed (onDuplicate: update) */
  updated: number;
  /** existing contacts matched with nothing new to add (onDuplicate: update) */
  unchanged: number;
  /** rows merged into an earlier row of the same file, plus rows matching an existing contact under `skip` */
  duplicates: number;
  /** rows rejected (missing or invalid phone, broken quoting) */
  invalid: number;
  /** new contacts imported as not textable because the file says they did not consent to SMS */
  notTextable: number;
}

export interface ImportRejectView {
  /** 1-based data row (the header is not a row), or the card number in a vCard file. */
  row: number;
  reason: string;
}

export interface DetectedFileView {
  format: 'csv' | 'vcard';
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  bom: boolean;
  delimiter: ',' | ';' | '\t' | null;
}

export interface ColumnMappingView {
  index: number;
  header: string;
  target: ImportFieldTarget;
  customKey?: string;
  customLabel?: string;
  labelIndex?: number;
  source: 'alias' | 'user' | 'unmapped';
}

export interface CustomFieldColumnView {
  header: string;
  key: string;
  label: string;
}

/** A row's e-mail side as the file states it (see electron/contacts/import/values.ts parseEmailState). */
export type ImportEmailState = 'yes' | 'no' | 'unsubscribed' | 'cleaned';

export interface ImportSampleRow {
  row: number;
  phone: string;
  firstName: string;
  lastName: string;
  email: string;
  consent: 'yes' | 'no' | null;
  /** what the file says about marketing e-mail: consent yes / no, unsubscribed, or cleaned (a hard bounce) */
  emailConsent: ImportEmailState | null;
  tags: string[];
  otherPhones: string[];
  custom: Record<string, string>;
}

export interface ImportPreviewView {
  fileName: string;
  fileSize: number;
  headers: string[];
  detected: DetectedFileView;
  mapping: ColumnMappingView[];
  customFields: CustomFieldColumnView[];
  sampleRows: ImportSampleRow[];
  sampleRejects: ImportRejectView[];
  /** Why nothing could be imported with this mapping (e.g. no phone column), or null. */
  problem: string | null;
  /** Dry-run counts over the whole file; null when not asked for (`counts: false`) or when there is a problem. */
  counts: ImportCountsView | null;
  /** The first 100 rejects of the whole file (with counts). */
  rejects: ImportRejectView[];
}

export interface ImportReportView {
  importId: string;
  dryRun: boolean;
  fileName: string;
  detected: DetectedFileView;
  counts: ImportCountsView;
  /** The first 100 rejects; imports:rejectsCsv has all of them. */
  rejects: ImportRejectView[];
  customFields: CustomFieldColumnView[];
}

export interface ImportProgressView {
  importId: string;
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

export type ImportJobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ImportJobStatus {
  importId: string;
  state: ImportJobState;
  dryRun: boolean;
  fileName: string;
  startedAt: string;
  finishedAt: string | null;
  progress: ImportProgressView | null;
  report: ImportReportView | null;
  error: { code: string; message: string } | null;
}

export interface ImportHistoryRow {
  id: string;
  fileName: string;
  fileSize: number | null;
  /** running | completed | failed | undone | interrupted */
  status: string;
  startedAt: string;
  finishedAt: string | null;
  undoneAt: string | null;
  counts: ImportCountsView | null;
  detected: DetectedFileView | null;
  mapping: Record<string, ImportFieldTarget>;
  options: { defaultCountry?: string; onDuplicate?: 'skip' | 'update'; tags?: string[] };
  error: string | null;
}

export interface ImportUndoResult {
  importId: string;
  /** contacts the import created, now deleted */
  removed: number;
  /** contacts the import changed, put back */
  restored: number;
  /** created contacts that opted out (or in) since: kept, without the import's tags */
  keptOptedOut: { contactId: number; phone: string }[];
  /** created contacts that have messages since: kept, without the import's tags */
  keptWithHistory: { contactId: number; phone: string }[];
  /** values left alone because someone changed them after the import */
  keptLaterEdits: number;
}
