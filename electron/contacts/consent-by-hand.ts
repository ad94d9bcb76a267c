import { AppError } from '../../shared/errors';
import type { ConsentChangeResult } from '../../shared/ipc/channels/contacts';
import { changeConsent } from '../compliance';
import type { Db } from '../db/db';
import { phoneFromInput } from './edit';
import { contactById, contactByPhone, lastConsentChange } from './queries';

export interface ConsentByHand {
  contactId?: number;
  /** any format, read with the default country */
  phone?: string;
  reason?: string;
}

/**
 * Opts a contact out (or back in) because they said so some other way — in person, on the phone. Goes through
 * changeConsent like every consent change: audited with source "manual", actor "user" and the reason as the
 * message; an opt-out also skips their waiting messages. A number that is not a contact can be opted out (the
 * opt-out then holds when it is added later); only a contact can be opted back in.
 */
export function changeConsentByHand(
  db: Db,
  ref: ConsentByHand,
  optedOut: boolean,
  options: { now: Date; defaultCountry: string },
): ConsentChangeResult {
  let phone: string;
  if (ref.contactId !== undefined) {
    const row = contactById(db, ref.contactId);
    if (!row)
      throw new AppError('not_found', `There is no contact with id ${ref.contactId} (it may have been deleted).`);
    phone = row.phone;
  } else if (ref.phone !== undefined) {
    phone = phoneFromInput(ref.phone, undefined, options.defaultCountry).e164;
    const known = contactByPhone(db, phone);
    if (!known && !optedOut)
      throw new AppError('not_found', `${phone} is not a contact, so there is nobody to opt back in.`);
    const last = lastConsentChange(db, phone);
    if (!known && last?.new_state === 'opted_out') return { contactId: null, phone, optedOut, changed: false };
  } else {
    throw new AppError('invalid_input', 'contactId: give either contactId or phone.');
  }
  const reason = ref.reason?.trim();
  const result = changeConsent(db, {
    phone,
    optedOut,
    source: 'manual',
    actor: 'user',
    at: options.now.toISOString(),
    messageText: reason || (optedOut ? 'Opted out by hand in the app' : 'Opted back in by hand in the app'),
  });
  return { contactId: result.contactId, phone, optedOut, changed: result.changed };
}
