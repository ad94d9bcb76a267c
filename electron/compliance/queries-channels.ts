import type { Db } from '../db/db';
import { equalsIgnoringCase } from '../db/sql-fns';
import { allRows, firstRow, qb, runQuery } from '../db/sync-query';

/** The e-mail side of the contacts holding an address (an address may be on more than one contact). */
export function contactsByEmail(
  db: Db,
  email: string,
): { id: number; phone: string; email_opted_out: number; email_suppressed: string | null }[] {
  return allRows(
    db,
    qb
      .selectFrom('contacts')
      .select(['id', 'phone', 'email_opted_out', 'email_suppressed'])
      .where((eb) => equalsIgnoringCase(eb.ref('email'), email))
      .orderBy('id'),
  );
}

export function contactEmailSide(
  db: Db,
  contactId: number,
):
  | { id: number; phone: string; email: string | null; email_opted_out: number; email_suppressed: string | null }
  | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('contacts')
      .select(['id', 'phone', 'email', 'email_opted_out', 'email_suppressed'])
      .where('id', '=', contactId),
  );
}

export function contactVoiceSideByPhone(db: Db, phone: string): { id: number; dnc: number } | undefined {
  return firstRow(db, qb.selectFrom('contacts').select(['id', 'dnc']).where('phone', '=', phone));
}

export function setEmailOptedOut(db: Db, contactId: number, optedOut: boolean, at: string): void {
  runQuery(
    db,
    qb
      .updateTable('contacts')
      .set({ email_opted_out: optedOut ? 1 : 0, email_opted_out_at: optedOut ? at : null, updated_at: at })
      .where('id', '=', contactId),
  );
}

export function setEmailSuppressed(db: Db, contactId: number, reason: 'hard_bounce' | 'complaint', at: string): void {
  runQuery(
    db,
    qb
      .updateTable('contacts')
      .set({ email_suppressed: reason, email_suppressed_at: at, updated_at: at })
      .where('id', '=', contactId)
      .where('email_suppressed', 'is', null),
  );
}

export function setDoNotCall(db: Db, contactId: number, dnc: boolean, at: string): void {
  runQuery(
    db,
    qb
      .updateTable('contacts')
      .set({ dnc: dnc ? 1 : 0, dnc_at: dnc ? at : null, updated_at: at })
      .where('id', '=', contactId),
  );
}
