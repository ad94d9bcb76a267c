import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { contactCreateInput, contactUpdateInput } from '../../shared/ipc/channels/contacts';
import type { SqliteDb } from '../db/connection';
import { setCustomValues, fieldIdsByKey } from './custom-fields';
import { NOT_TEXTABLE_CONSENT_NOT_STATED } from './import/types';
import { cleanPhoneCell, isCountryCode, normalisePhoneUncached } from './phone';
import { editTags, ensureTagIds } from './tag-edit';

export type ContactCreate = z.output<typeof contactCreateInput>;
export type ContactUpdate = z.output<typeof contactUpdateInput>;

export const NOT_TEXTABLE_BY_HAND = 'marked not textable by you';
export const NOT_TEXTABLE_NO_CONSENT_BY_HAND = 'no SMS consent (entered by hand)';
/** Reasons set by a NumVerify check end with this; a new number clears them. */
export const NUMVERIFY_REASON_SUFFIX = '(NumVerify)';

/** A phone number the owner typed, as E.164; an input error naming the field when it cannot be read. */
export function phoneFromInput(raw: string, country: string | undefined, defaultCountry: string): { e164: string; country: string | null } {
  const cc = (country ?? defaultCountry).toUpperCase();
  if (!isCountryCode(cc)) throw new AppError('invalid_input', `country: "${cc}" is not a country code such as US or GB.`);
  const r = normalisePhoneUncached(cleanPhoneCell(raw), cc);
  if (!r.ok) throw new AppError('invalid_input', `phone: "${raw.trim()}" is not a valid phone number for ${cc}. Include the country code (e.g. +44…) for numbers from elsewhere.`);
  return r;
}

function refuseDuplicate(db: SqliteDb, phone: string, exceptId?: number): void {
  const other = db.prepare('SELECT id, first_name, last_name FROM contacts WHERE phone = ?').get(phone) as
    | { id: number; first_name: string | null; last_name: string | null }
    | undefined;
  if (!other || other.id === exceptId) return;
  const name = [other.first_name, other.last_name].filter(Boolean).join(' ');
  throw new AppError('conflict', `${phone} is already a contact${name ? ` (${name})` : ''}, id ${other.id}. Edit that contact instead.`);
}

/** When this number's last consent change was an opt-out: the audit log outlives deleted contacts. */
function lastOptOut(db: SqliteDb, phone: string): string | null {
  const last = db.prepare('SELECT new_state, at FROM optout_audit WHERE phone = ? ORDER BY at DESC, id DESC LIMIT 1').get(phone) as
    | { new_state: string; at: string }
    | undefined;
  return last?.new_state === 'opted_out' ? last.at : null;
}

const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

/** A hand-added contact's textable flag and reason: only a stated yes makes them textable (consent is never assumed). */
function byHandTextable(consent: ContactCreate['consent']): [0 | 1, string | null] {
  if (!consent) return [0, NOT_TEXTABLE_CONSENT_NOT_STATED];
  return consent.given ? [1, null] : [0, NOT_TEXTABLE_NO_CONSENT_BY_HAND];
}

/**
 * Adds a contact by hand with a manual consent record. Without an answer on consent the contact is kept but not
 * textable, with "consent not stated" on record, until the owner says how they agreed (contacts:recordConsent).
 * A number that opted out before (and was deleted since) is added opted out: nobody can make a STOP undone by
 * deleting and re-adding a contact.
 */
export function createContact(db: SqliteDb, input: ContactCreate, options: { now: Date; defaultCountry: string }): number {
  const { e164, country } = phoneFromInput(input.phone, input.country, options.defaultCountry);
  const at = options.now.toISOString();
  return db
    .transaction(() => {
      refuseDuplicate(db, e164);
      if (input.customFields) fieldIdsByKey(db, Object.keys(input.customFields));
      const consent = input.consent;
      const [textable, reason] = byHandTextable(consent);
      const optedOutAt = lastOptOut(db, e164);
      const id = Number(
        db
          .prepare(
            `INSERT INTO contacts (phone, first_name, last_name, email, country, textable, not_textable_reason, opted_out, opted_out_at, source, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?, ?)`,
          )
          .run(
            e164, blankToNull(input.firstName) ?? null, blankToNull(input.lastName) ?? null, blankToNull(input.email) ?? null, country,
            textable, reason, optedOutAt ? 1 : 0, optedOutAt, at, at,
          ).lastInsertRowid,
      );
      db.prepare(
        `INSERT INTO consent_records (contact_id, source, source_ref, consent, obtained_at, note, created_at) VALUES (?, 'manual', NULL, ?, ?, ?, ?)`,
      ).run(
        id,
        consent ? (consent.given ? 1 : 0) : null,
        consent?.obtainedAt ?? at,
        consent ? consent.note || (consent.given ? 'Added by hand in the app' : 'Added by hand in the app; no consent to texts') : 'consent not stated',
        at,
      );
      if (input.tags?.length) for (const tagId of ensureTagIds(db, input.tags, at)) db.prepare('INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?, ?)').run(id, tagId);
      if (input.customFields) setCustomValues(db, id, input.customFields);
      return id;
    })
    .immediate();
}

/** Edits a contact. Consent and opt-out state are not edited here (contacts:optOut / contacts:optIn are audited). */
export function updateContact(db: SqliteDb, input: ContactUpdate, options: { now: Date; defaultCountry: string }): void {
  const at = options.now.toISOString();
  const phone = input.phone === undefined ? null : phoneFromInput(input.phone, input.country, options.defaultCountry);
  db.transaction(() => {
    const current = db.prepare('SELECT id, phone, not_textable_reason FROM contacts WHERE id = ?').get(input.id) as
      | { id: number; phone: string; not_textable_reason: string | null }
      | undefined;
    if (!current) throw new AppError('not_found', `There is no contact with id ${input.id} (it may have been deleted).`);
    const sets: string[] = [];
    const params: unknown[] = [];
    const set = (column: string, value: unknown) => {
      sets.push(`${column} = ?`);
      params.push(value);
    };
    if (phone && phone.e164 !== current.phone) {
      refuseDuplicate(db, phone.e164, input.id);
      set('phone', phone.e164);
      set('country', phone.country);
      // What NumVerify said was about the old number.
      set('line_type', null);
      set('carrier', null);
      if (current.not_textable_reason?.endsWith(NUMVERIFY_REASON_SUFFIX) && input.textable === undefined) {
        set('textable', 1);
        set('not_textable_reason', null);
      }
      // The stricter reading: a new number that once said STOP makes the contact opted out; an opt-out stays.
      const optedOutAt = lastOptOut(db, phone.e164);
      if (optedOutAt) {
        set('opted_out', 1);
        sets.push('opted_out_at = coalesce(opted_out_at, ?)');
        params.push(optedOutAt);
      }
    }
    for (const [column, value] of [['first_name', input.firstName], ['last_name', input.lastName], ['email', input.email]] as const) {
      const v = blankToNull(value);
      if (v !== undefined) set(column, v);
    }
    if (input.textable !== undefined) {
      set('textable', input.textable ? 1 : 0);
      set('not_textable_reason', input.textable ? null : NOT_TEXTABLE_BY_HAND);
    }
    set('updated_at', at);
    db.prepare(`UPDATE contacts SET ${sets.join(', ')} WHERE id = ?`).run(...params, input.id);
    if (input.customFields) setCustomValues(db, input.id, input.customFields);
    if (input.tags) editTags(db, { contactIds: [input.id] }, input.tags, 'set', options.now);
  }).immediate();
}

/**
 * Deletes contacts. Their waiting messages are skipped (a deleted contact is never texted by a queued campaign);
 * sent messages and the opt-out audit are kept, without the contact.
 */
export function deleteContacts(db: SqliteDb, ids: number[], now: Date): number {
  const list = JSON.stringify(ids);
  return db
    .transaction(() => {
      db.prepare(
        `UPDATE outbox_messages SET state = 'skipped', error_code = 'contact_deleted', error_message = 'The contact was deleted before sending', updated_at = ?
         WHERE contact_id IN (SELECT value FROM json_each(?)) AND state IN ('queued', 'retry_wait', 'held')`,
      ).run(now.toISOString(), list);
      return db.prepare('DELETE FROM contacts WHERE id IN (SELECT value FROM json_each(?))').run(list).changes;
    })
    .immediate();
}
