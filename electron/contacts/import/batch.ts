import type { LineTerminator } from './csv-parser';
import type { MappingPlan } from './mapping';

/**
 * What crosses threads in an import: batches of records to the row workers (rows.ts), contacts ready for the
 * database back, in a compact form. Free of dependencies, so the import worker loads none of the row workers' code.
 *
 * An accepted contact is ACCEPTED_FIELDS strings followed by one string per custom field, all joined with NUL
 * into one string per batch (one copy between threads instead of a million small objects):
 *   row, phone (E.164), country, first name, last name, email, consent ("1" | "0" | ""), tags (joined by \u0001),
 *   other valid numbers (joined by " "), e-mail state (EMAIL_STATE: "" not stated, "1" yes, "0" no, "u" unsubscribed,
 *   "c" cleaned: a hard bounce), custom values…
 * A reject is: row, reason, raw record.
 */
export const ACCEPTED_FIELDS = 10;

/** A row's e-mail state, as it crosses threads; the stricter wins within a row: cleaned, unsubscribed, no, yes. */
export const EMAIL_STATE = { yes: '1', no: '0', unsubscribed: 'u', cleaned: 'c' } as const;
export type EmailStateCode = (typeof EMAIL_STATE)[keyof typeof EMAIL_STATE];
export const SEP = '\u0000';
export const TAG_SEP = '\u0001';

export function withoutSep(text: string): string {
  return text.includes(SEP) ? text.replaceAll(SEP, '') : text;
}

export interface RowBatch {
  firstRow: number;
  /** CSV text starting at a record boundary, or records already split (vCard) */
  text?: string;
  records?: string[][];
}

export interface BatchResult {
  /** records seen, blank ones included */
  records: number;
  blank: number;
  accepted: string;
  acceptedCount: number;
  rejected: string;
  rejectedCount: number;
}

export interface RowSetup {
  plan: MappingPlan;
  defaultCountry: string;
  delimiter: string;
  terminator: LineTerminator;
  /** for errors that name the file */
  fileName?: string;
}
