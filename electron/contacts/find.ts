import type { ExistingContact } from '../../shared/ipc/channels/contacts';
import type { Kdb } from '../db/kysely';
import { cleanPhoneCell, normalisePhoneUncached } from './phone';

/** The contact with this number (typed in any format, read with the default country), other than `exceptId`. */
export async function findContactByPhone(
  kdb: Kdb,
  phone: string,
  defaultCountry: string,
  exceptId?: number,
): Promise<ExistingContact | null> {
  const read = normalisePhoneUncached(cleanPhoneCell(phone), defaultCountry);
  if (!read.ok) return null;
  let q = kdb.selectFrom('contacts').select(['id', 'phone', 'first_name', 'last_name']).where('phone', '=', read.e164);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  const row = await q.executeTakeFirst();
  return row ? { id: row.id, phone: row.phone, name: [row.first_name, row.last_name].filter(Boolean).join(' ') } : null;
}
