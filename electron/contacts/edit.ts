import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { contactCreateInput, contactUpdateInput } from '../../shared/ipc/channels/contacts';
import type { Db } from '../db/db';
import { setCustomValues, fieldIdsByKey } from './custom-fields';
import {
  contactById,
  contactByPhone,
  deleteContactRows,
  insertConsentRecord,
  insertContact,
  lastConsentChange,
  updateContactRow,
  type ContactChanges,
} from './queries';
import { tagContact } from './queries-tags';
import { NOT_TEXTABLE_CONSENT_NOT_STATED } from './import/types';
import { cleanPhoneCell, isCountryCode, normalisePhoneUncached } from './phone';
import { editTags, ensureTagIds } from './tag-edit';
import { transaction } from '../db/transaction';

export type ContactCreate = z.output<typeof contactCreateInput>;
export type ContactUpdate = z.output<typeof contactUpdateInput>;

export const NOT_TEXTABLE_BY_HAND = 'marked not textable by you';
export const NOT_TEXTABLE_NO_CONSENT_BY_HAND = 'no SMS consent (entered by hand)';
/** Reasons set by a NumVerify check end with this; a new number clears them. */
export const NUMVERIFY_REASON_SUFFIX = '(NumVerify)';

/** A phone number the owner typed, as E.164; an input error naming the field when it cannot be read. */
export function phoneFromInput(
  raw: string,
  country: string | undefined,
  defaultCountry: string,
): { e164: string; country: string | null } {
  const cc = (country ?? defaultCountry).toUpperCase();
  if (!isCountryCode(cc))
    throw new AppError('invalid_input', `country: "${cc}" is not a country code such as US or GB.`);
  const r = normalisePhoneUncached(cleanPhoneCell(raw), cc);
  if (!r.ok)
    throw new AppError(
      'invalid_input',
      `phone: "${raw.trim()}" is not a valid phone number for ${cc}. Include the country code (e.g. +44…) for numbers from elsewhere.`,
    );
  return r;
}

function refuseDuplicate(db: Db, phone: string, exceptId?: number): void {
  const other = contactByPhone(db, phone);
  if (!other || other.id === exceptId) return;
  const name = [other.first_name, other.last_name].filter(Boolean).join(' ');
  throw new AppError(
    'conflict',
    `${phone} is already a contact${name ? ` (${name})` : ''}, id ${other.id}. Edit that contact instead.`,
  );
}

/** When this number's last consent change was an opt-out: the audit log outlives deleted contacts. */
function lastOptOut(db: Db, phone: string): string | null {
  const last = lastConsentChange(db, phone);
  return last?.new_state === 'opted_out' ? last.at : null;
}

const blankToNull = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim();

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
export function createContact(db: Db, input: ContactCreate, options: { now: Date; defaultCountry: string }): number {
  const { e164, country } = phoneFromInput(input.phone, input.country, options.defaultCountry);
  const at = options.now.toISOString();
  return transaction(
    db,
    () => {
      refuseDuplicate(db, e164);
      if (input.customFields) fieldIdsByKey(db, Object.keys(input.customFields));
      const consent = input.consent;
      const [textable, reason] = byHandTextable(consent);
      const optedOutAt = lastOptOut(db, e164);
      const id = insertContact(db, {
        phone: e164,
        first_name: blankToNull(input.firstName) ?? null,
        last_name: blankToNull(input.lastName) ?? null,
        email: blankToNull(input.email) ?? null,
        country,
        textable,
        not_textable_reason: reason,
        opted_out: optedOutAt ? 1 : 0,
        opted_out_at: optedOutAt,
        source: 'manual',
        created_at: at,
        updated_at: at,
      });
      insertConsentRecord(db, {
        contact_id: id,
        source: 'manual',
        source_ref: null,
        consent: consent ? (consent.given ? 1 : 0) : null,
        obtained_at: consent?.obtainedAt ?? at,
        note: consent
          ? consent.note ||
            (consent.given ? 'Added by hand in the app' : 'Added by hand in the app; no consent to texts')
          : 'consent not stated',
        created_at: at,
      });
      if (input.tags?.length) for (const tagId of ensureTagIds(db, input.tags, at)) tagContact(db, id, tagId);
      if (input.customFields) setCustomValues(db, id, input.customFields);
      return id;
    },
    { immediate: true },
  );
}

/** Edits a contact. Consent and opt-out state are not edited here (contacts:optOut / contacts:optIn are audited). */
export function updateContact(db: Db, input: ContactUpdate, options: { now: Date; defaultCountry: string }): void {
  const at = options.now.toISOString();
  const phone = input.phone === undefined ? null : phoneFromInput(input.phone, input.country, options.defaultCountry);
  transaction(
    db,
    () => {
      const current = contactById(db, input.id);
      if (!current)
        throw new AppError('not_found', `There is no contact with id ${input.id} (it may have been deleted).`);
      const changes: ContactChanges = {};
      let optedOutSince: string | undefined;
      if (phone && phone.e164 !== current.phone) {
        refuseDuplicate(db, phone.e164, input.id);
        changes.phone = phone.e164;
        changes.country = phone.country;
        // What NumVerify said was about the old number.
        changes.line_type = null;
        changes.carrier = null;
        if (current.not_textable_reason?.endsWith(NUMVERIFY_REASON_SUFFIX) && input.textable === undefined) {
          changes.textable = 1;
          changes.not_textable_reason = null;
        }
        // The stricter reading: a new number that once said STOP makes the contact opted out; an opt-out stays.
        const optedOutAt = lastOptOut(db, phone.e164);
        if (optedOutAt) {
          changes.opted_out = 1;
          optedOutSince = optedOutAt;
        }
      }
      for (const [column, value] of [
        ['first_name', input.firstName],
        ['last_name', input.lastName],
        ['email', input.email],
      ] as const) {
        const v = blankToNull(value);
        if (v !== undefined) changes[column] = v;
      }
      if (input.textable !== undefined) {
        changes.textable = input.textable ? 1 : 0;
        changes.not_textable_reason = input.textable ? null : NOT_TEXTABLE_BY_HAND;
      }
      changes.updated_at = at;
      updateContactRow(db, input.id, changes, optedOutSince);
      if (input.customFields) setCustomValues(db, input.id, input.customFields);
      if (input.tags) editTags(db, { contactIds: [input.id] }, input.tags, 'set', options.now);
    },
    { immediate: true },
  );
}

/**
 * Deletes contacts. Their waiting messages are skipped (a deleted contact is never texted by a queued campaign);
 * sent messages and the opt-out audit are kept, without the contact.
 */
export function deleteContacts(db: Db, ids: number[], now: Date): number {
  return transaction(db, () => deleteContactRows(db, ids, now.toISOString()), { immediate: true });
}
