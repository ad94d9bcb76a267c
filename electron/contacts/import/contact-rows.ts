import type { ImportEmailState } from '../../../shared/contacts/imports';
import { EMAIL_STATE, type EmailStateCode } from './batch';

/**
 * What an import's writer works with, shared by the merger (merge.ts), the writer (writer.ts) and undo (undo.ts):
 * a normalised row, a contact already in the database, what an import changed on one, and what a contact the
 * import created is known to have.
 */

/** One accepted row, normalised. Empty values are null. */
export interface IncomingContact {
  row: number;
  phone: string;
  country: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  consent: 0 | 1 | null;
  /** what the row says about marketing e-mail (batch.ts EMAIL_STATE), null when nothing */
  emailState: EmailStateCode | null;
  tags: readonly string[];
  /** custom values aligned with the import's custom fields */
  custom: (string | null)[];
}

export interface ExistingContact {
  id: number;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
}

export type Field = 'first_name' | 'last_name' | 'email';
export interface FieldChange {
  from: string | null;
  to: string | null;
}
/** A contact's marketing e-mail side, as the import found it and as it left it. */
export interface EmailSide {
  consent: 0 | 1 | null;
  optedOut: 0 | 1;
  optedOutAt: string | null;
  suppressed: 'hard_bounce' | 'complaint' | null;
  suppressedAt: string | null;
}

/** What an import did to a contact it did not create: enough to undo it without undoing later edits. */
export interface UpdateRecord {
  fields: Partial<Record<Field, FieldChange>>;
  tagsAdded: string[];
  custom: Record<string, FieldChange>;
  /** its e-mail consent before the import and after (absent when the import did not change it) */
  email?: { from: EmailSide; to: EmailSide };
}

const EMAIL_VIEW: Record<string, ImportEmailState> = {
  [EMAIL_STATE.yes]: 'yes',
  [EMAIL_STATE.no]: 'no',
  [EMAIL_STATE.unsubscribed]: 'unsubscribed',
  [EMAIL_STATE.cleaned]: 'cleaned',
};

/** A row's e-mail state code in the words the preview shows. */
export const emailStateView = (code: string | undefined): ImportEmailState | null =>
  code ? (EMAIL_VIEW[code] ?? null) : null;

const EMAIL_CODES: ReadonlySet<string> = new Set(Object.values(EMAIL_STATE));
const isEmailStateCode = (field: string): field is EmailStateCode => EMAIL_CODES.has(field);
export const emailStateCode = (field: string): EmailStateCode | null => (isEmailStateCode(field) ? field : null);

/** Custom fields whose presence on a created contact ImportMerger remembers (in the bits of `createdHas`). */
export const KNOWN_SLOTS = 13;

/**
 * What a contact created from `c` has, as bits: 1 first name, 2 last name, 4 email, 8 << i custom value i (for the
 * first KNOWN_SLOTS fields). A later row with its number then writes only what may be missing (mergeIntoCreated).
 */
export function createdHas(c: IncomingContact): number {
  let has = (c.firstName !== null ? 1 : 0) | (c.lastName !== null ? 2 : 0) | (c.email !== null ? 4 : 0);
  for (let i = 0; i < c.custom.length && i < KNOWN_SLOTS; i++) if (c.custom[i] !== null) has |= 8 << i;
  return has;
}
