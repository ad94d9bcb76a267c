import { AppError } from '../../shared/errors';
import { changeDoNotCall, unsubscribeEmail } from '../compliance';
import type { Db } from '../db/db';
import { phoneFromInput } from './edit';
import { contactById, insertConsentRecord } from './queries';
import { emailKnown, setVoiceConsent } from './queries-channels';
import { transaction } from '../db/transaction';

/**
 * Prior express written consent to prerecorded calls (TCPA), recorded by the owner: when it was given and where it
 * came from (a signed form, the web form's checkbox…). Kept on the contact and as a consent record of channel voice.
 * It does not take a number off the do-not-call list: a revocation stands until the owner lifts it.
 */
export function recordVoiceConsent(
  db: Db,
  contactId: number,
  input: { source: string; obtainedAt?: string },
  now: Date,
): void {
  const source = input.source.trim();
  if (!source)
    throw new AppError(
      'invalid_input',
      'source: say where the written consent came from (e.g. "signed form in store").',
    );
  const at = now.toISOString();
  const obtainedAt = input.obtainedAt ?? at;
  if (Number.isNaN(Date.parse(obtainedAt)))
    throw new AppError('invalid_input', `obtainedAt: "${obtainedAt}" is not a date such as 2026-11-28.`);
  if (obtainedAt > at) throw new AppError('invalid_input', 'obtainedAt: consent cannot have been given in the future.');
  transaction(
    db,
    () => {
      if (!contactById(db, contactId))
        throw new AppError('not_found', `There is no contact with id ${contactId} (it may have been deleted).`);
      setVoiceConsent(db, contactId, obtainedAt, source, at);
      insertConsentRecord(db, {
        contact_id: contactId,
        source: 'manual',
        source_ref: null,
        consent: 1,
        obtained_at: obtainedAt,
        note: source,
        created_at: at,
        channel: 'voice',
      });
    },
    { immediate: true },
  );
}

/** The contact asked not to be called (by any reasonable means): the number goes on the do-not-call list at once. */
export function doNotCallByHand(
  db: Db,
  ref: { contactId?: number; phone?: string; reason?: string },
  options: { now: Date; defaultCountry: string },
): { phone: string; contactId: number | null; changed: boolean } {
  let phone: string;
  if (ref.contactId !== undefined) {
    const c = contactById(db, ref.contactId);
    if (!c) throw new AppError('not_found', `There is no contact with id ${ref.contactId} (it may have been deleted).`);
    phone = c.phone;
  } else if (ref.phone !== undefined) {
    phone = phoneFromInput(ref.phone, undefined, options.defaultCountry).e164;
  } else {
    throw new AppError('invalid_input', 'contactId: give either contactId or phone.');
  }
  const r = changeDoNotCall(db, phone, true, {
    source: 'manual',
    actor: 'user',
    at: options.now.toISOString(),
    messageText: ref.reason?.trim() || 'Asked not to be called (recorded by hand)',
  });
  return { phone, contactId: r.contactId, changed: r.changed };
}

/** The person asked to get no more marketing e-mail: every contact with that address is unsubscribed at once. */
export function emailOptOutByHand(
  db: Db,
  rawEmail: string,
  now: Date,
  reason?: string,
): { email: string; changed: number[] } {
  const email = rawEmail.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new AppError('invalid_input', `email: "${rawEmail}" is not an e-mail address such as ana@example.com.`);
  if (!emailKnown(db, email)) throw new AppError('not_found', `No contact has the e-mail address ${email}.`);
  const r = unsubscribeEmail(db, email, {
    source: 'manual',
    actor: 'user',
    at: now.toISOString(),
    messageText: reason?.trim() || 'Unsubscribed by hand in the app',
  });
  return { email, changed: r.changed };
}
