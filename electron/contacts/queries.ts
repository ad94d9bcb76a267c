import { sql, type Insertable, type Expression, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../db/db';
import type { DB } from '../db/schema';
import { idList, noCase } from '../db/sql-fns';
import { allRows, firstRow, insertedId, qb, runQuery } from '../db/sync-query';

/** A contact's own data: adding and editing one, its detail page, its number checks. */

export type ContactChanges = Updateable<DB['contacts']>;

export function contactById(
  db: Db,
  id: number,
): { id: number; phone: string; not_textable_reason: string | null } | undefined {
  return firstRow(db, qb.selectFrom('contacts').select(['id', 'phone', 'not_textable_reason']).where('id', '=', id));
}

export function contactByPhone(
  db: Db,
  phone: string,
): { id: number; first_name: string | null; last_name: string | null } | undefined {
  return firstRow(db, qb.selectFrom('contacts').select(['id', 'first_name', 'last_name']).where('phone', '=', phone));
}

/** The last consent change recorded for a number (the audit log outlives deleted contacts). */
export function lastConsentChange(db: Db, phone: string): { new_state: string; at: string } | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('optout_audit')
      .select(['new_state', 'at'])
      .where('phone', '=', phone)
      .where('channel', '=', 'sms')
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1),
  );
}

export function insertContact(db: Db, contact: Insertable<DB['contacts']>): number {
  return insertedId(db, qb.insertInto('contacts').values(contact).returning('id'));
}

export function insertConsentRecord(db: Db, record: Insertable<DB['consent_records']>): void {
  runQuery(db, qb.insertInto('consent_records').values(record));
}

/** Changes a contact's columns; `optedOutSince` keeps the earliest opt-out time (set only when there was none). */
export function updateContactRow(db: Db, id: number, changes: ContactChanges, optedOutSince?: string): void {
  runQuery(
    db,
    qb
      .updateTable('contacts')
      .set(changes)
      .$if(optedOutSince !== undefined, (q) =>
        q.set((eb) => ({ opted_out_at: eb.fn.coalesce('opted_out_at', eb.val(optedOutSince ?? null)) })),
      )
      .where('id', '=', id),
  );
}

/** Skips the waiting messages of these contacts and deletes them; answers how many contacts were deleted. */
export function deleteContactRows(db: Db, ids: number[], at: string): number {
  runQuery(
    db,
    qb
      .updateTable('outbox_messages')
      .set({
        state: 'skipped',
        error_code: 'contact_deleted',
        error_message: 'The contact was deleted before sending',
        updated_at: at,
      })
      .where('contact_id', 'in', idList(ids))
      .where('state', 'in', ['queued', 'retry_wait', 'held']),
  );
  return runQuery(db, qb.deleteFrom('contacts').where('id', 'in', idList(ids))).changes;
}

/** The phone numbers of these contacts, in id order. */
export function phonesOf(db: Db, ids: number[]): string[] {
  return allRows(db, qb.selectFrom('contacts').select('phone').where('id', 'in', idList(ids)).orderBy('id')).map(
    (r) => r.phone,
  );
}

/** Ids of the contacts a condition over `contacts c` selects, in id order, at most `limit`. */
export function selectedContactIds(db: Db, where: Expression<SqlBool>, limit: number): number[] {
  return allRows(db, qb.selectFrom('contacts as c').select('c.id').where(where).orderBy('c.id').limit(limit)).map(
    (r) => r.id,
  );
}

/**
 * Writes a number check to the contacts with this number: line type and carrier, and the textable flag. `reason`
 * (null when the number can take texts) is only written over a contact that is textable or not textable for a
 * reason ending in `suffix`, and only such a reason is lifted. Answers how many contacts changed.
 */
export function writeNumberCheck(
  db: Db,
  phone: string,
  check: { reason: string | null; lineType: string | null; carrier: string | null; suffix: string },
  at: string,
): number {
  const { reason, suffix } = check;
  return runQuery(
    db,
    qb
      .updateTable('contacts')
      .set((eb) => {
        const theirs = eb('not_textable_reason', 'like', `%${suffix}`);
        const checked = { line_type: check.lineType, carrier: check.carrier, updated_at: at };
        if (reason === null) {
          return {
            ...checked,
            textable: eb.case().when(theirs).then(1).else(eb.ref('textable')).end(),
            not_textable_reason: eb.case().when(theirs).then(null).else(eb.ref('not_textable_reason')).end(),
          };
        }
        const ours = eb.or([eb('textable', '=', 1), theirs]);
        return {
          ...checked,
          textable: eb.case().when(ours).then(0).else(eb.ref('textable')).end(),
          not_textable_reason: eb.case().when(ours).then(reason).else(eb.ref('not_textable_reason')).end(),
        };
      })
      .where('phone', '=', phone),
  ).changes;
}

/** A cached NumVerify answer younger than `since`. */
export function cachedNumberCheck(db: Db, phone: string, since: string) {
  return firstRow(
    db,
    qb
      .selectFrom('numverify_cache')
      .select(['valid', 'line_type', 'carrier', 'country_code', 'location', 'looked_up_at'])
      .where('phone', '=', phone)
      .where('looked_up_at', '>', since),
  );
}

/** Stores a NumVerify answer, replacing the number's earlier one. */
export function storeNumberCheck(db: Db, row: Insertable<DB['numverify_cache']>): void {
  runQuery(
    db,
    qb
      .insertInto('numverify_cache')
      .values(row)
      .onConflict((oc) =>
        oc.column('phone').doUpdateSet((eb) => ({
          valid: eb.ref('excluded.valid'),
          line_type: eb.ref('excluded.line_type'),
          carrier: eb.ref('excluded.carrier'),
          country_code: eb.ref('excluded.country_code'),
          location: eb.ref('excluded.location'),
          response_json: eb.ref('excluded.response_json'),
          looked_up_at: eb.ref('excluded.looked_up_at'),
        })),
      ),
  );
}

export function contactFieldValues(db: Db, id: number): { key: string; label: string; value: string }[] {
  return allRows(
    db,
    qb
      .selectFrom('contact_field_values as v')
      .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
      .select(['f.key', 'f.label', 'v.value'])
      .where('v.contact_id', '=', id)
      .orderBy(noCase('f.label'))
      .orderBy('f.key'),
  );
}

export function consentRecordRows(db: Db, contactId: number) {
  return allRows(
    db,
    qb
      .selectFrom('consent_records')
      .select(['id', 'source', 'source_ref', 'consent', 'obtained_at', 'note', 'created_at'])
      .where('contact_id', '=', contactId)
      .orderBy('obtained_at')
      .orderBy('id'),
  );
}

/** Every opt-out and opt-in of this contact or its number, oldest first. */
export function consentChangeRows(db: Db, contactId: number, phone: string) {
  return allRows(
    db,
    qb
      .selectFrom('optout_audit')
      .select([
        'id',
        'at',
        'old_state',
        'new_state',
        'source',
        'actor',
        'message_text',
        'inbound_message_id',
        'channel',
      ])
      .where((eb) => eb.or([eb('contact_id', '=', contactId), eb('phone', '=', phone)]))
      .orderBy('at')
      .orderBy('id'),
  );
}

/** The texts to and from a contact, newest first, at most `limit`. */
export function contactMessageRows(db: Db, contactId: number, limit: number) {
  const none = sql<string | null>`null`;
  const sent = qb
    .selectFrom('outbox_messages as o')
    .leftJoin('campaigns as k', 'k.id', 'o.campaign_id')
    .select((eb) => [
      sql<'out' | 'in'>`'out'`.as('direction'),
      'o.id',
      eb.fn.coalesce('o.sent_at', 'o.created_at').as('at'),
      'o.body',
      eb.ref('o.kind').$castTo<string | null>().as('kind'),
      eb.ref('o.state').$castTo<string | null>().as('state'),
      'o.campaign_id',
      'k.name as campaign_name',
      'o.error_message',
      none.as('keyword'),
    ])
    .where('o.contact_id', '=', contactId);
  const received = qb
    .selectFrom('inbound_messages as i')
    .leftJoin('campaigns as k', 'k.id', 'i.campaign_id')
    .select([
      sql<'out' | 'in'>`'in'`.as('direction'),
      'i.id',
      'i.received_at as at',
      'i.body',
      none.as('kind'),
      none.as('state'),
      'i.campaign_id',
      'k.name as campaign_name',
      none.as('error_message'),
      'i.keyword',
    ])
    .where('i.contact_id', '=', contactId);
  return allRows(
    db,
    qb
      .selectFrom(sent.unionAll(received).as('m'))
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('direction')
      .orderBy('id', 'desc')
      .limit(limit),
  );
}

/** How many texts a contact has sent and received. */
export function contactMessageCount(db: Db, contactId: number): number {
  const count = (table: 'outbox_messages' | 'inbound_messages') =>
    qb
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('contact_id', '=', contactId)
      .$asScalar();
  return (
    firstRow(
      db,
      qb.selectNoFrom((eb) => eb(count('outbox_messages'), '+', count('inbound_messages')).as('n')),
    )?.n ?? 0
  );
}
