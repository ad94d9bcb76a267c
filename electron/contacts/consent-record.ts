import { AppError } from '../../shared/errors';
import type { Kdb } from '../db/kysely';
import { NOT_TEXTABLE_NO_CONSENT_BY_HAND } from './edit';
import { NOT_TEXTABLE_CONSENT_NOT_STATED, NOT_TEXTABLE_NO_CONSENT } from './import/types';

/** Reasons a contact is not textable only for want of consent: a recorded consent lifts them, and nothing else. */
export const NO_CONSENT_REASONS = [
  NOT_TEXTABLE_CONSENT_NOT_STATED,
  NOT_TEXTABLE_NO_CONSENT,
  NOT_TEXTABLE_NO_CONSENT_BY_HAND,
];

/** New contacts of an import that are not textable because neither the file nor the owner said how they agreed. */
export async function countConsentNotStated(kdb: Kdb, importId: string): Promise<number> {
  const r = await kdb
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .where('not_textable_reason', '=', NOT_TEXTABLE_CONSENT_NOT_STATED)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Rows per statement: seven values a consent record, well under SQLite's limit on bound values. */
const CHUNK = 1000;

/**
 * The owner says how these contacts agreed to texts ("signed up in store"): a manual consent record is added to
 * each (earlier records stay), and a contact not textable only for want of consent becomes textable. A contact not
 * textable for another reason (a landline, marked by hand) stays so, and opt-outs are untouched: only the contact's
 * own START opts them back in.
 */
export async function recordConsent(
  kdb: Kdb,
  contactIds: number[],
  how: string,
  now: Date,
): Promise<{ contacts: number; nowTextable: number }> {
  const at = now.toISOString();
  return kdb.transaction().execute(async (trx) => {
    let contacts = 0;
    let nowTextable = 0;
    for (let i = 0; i < contactIds.length; i += CHUNK) {
      const ids = contactIds.slice(i, i + CHUNK);
      const found = await trx.selectFrom('contacts').select('id').where('id', 'in', ids).execute();
      if (!found.length) continue;
      contacts += found.length;
      await trx
        .insertInto('consent_records')
        .values(
          found.map(({ id }) => ({
            contact_id: id,
            source: 'manual',
            source_ref: null,
            consent: 1,
            obtained_at: at,
            note: how,
            created_at: at,
          })),
        )
        .execute();
      const r = await trx
        .updateTable('contacts')
        .set({ textable: 1, not_textable_reason: null, updated_at: at })
        .where('id', 'in', ids)
        .where('not_textable_reason', 'in', NO_CONSENT_REASONS)
        .executeTakeFirst();
      nowTextable += Number(r.numUpdatedRows);
    }
    if (!contacts)
      throw new AppError('not_found', 'None of those contacts exist any more (they may have been deleted).');
    return { contacts, nowTextable };
  });
}
