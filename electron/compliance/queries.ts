import type { ExpressionBuilder, Insertable } from 'kysely';
import type { OptOutFilter, OptOutReportRow } from '../../shared/ipc/channels/optouts';
import type { Db } from '../db/db';
import type { DB } from '../db/schema';
import type { Channel } from '../../shared/types/domain';
import { likeInsensitive } from '../db/sql-fns';
import { allRows, firstRow, qb, runQuery } from '../db/sync-query';

/** The consent side of a contact, found by phone. */
export function contactConsentByPhone(db: Db, phone: string): { id: number; opted_out: number } | undefined {
  return firstRow(db, qb.selectFrom('contacts').select(['id', 'opted_out']).where('phone', '=', phone));
}

export function contactPhone(db: Db, contactId: number): string | undefined {
  return firstRow(db, qb.selectFrom('contacts').select('phone').where('id', '=', contactId))?.phone;
}

export function setContactOptedOut(db: Db, contactId: number, optedOut: boolean, at: string): void {
  runQuery(
    db,
    qb
      .updateTable('contacts')
      .set({ opted_out: optedOut ? 1 : 0, opted_out_at: optedOut ? at : null, updated_at: at })
      .where('id', '=', contactId),
  );
}

export type OptOutAuditInsert = Insertable<DB['optout_audit']>;

export function insertOptOutAudit(db: Db, row: OptOutAuditInsert): void {
  runQuery(db, qb.insertInto('optout_audit').values(row));
}

/** Every waiting message of the contact is skipped (it opted out); answers how many. */
/** Takes the contact out of every waiting message of one channel (consent is kept per channel). */
export function skipWaitingMessagesOf(db: Db, contactId: number, at: string, channel: Channel = 'sms'): number {
  return runQuery(
    db,
    qb
      .updateTable('outbox_messages')
      .set({
        state: 'skipped',
        error_code: 'opted_out',
        error_message: 'Recipient opted out before sending',
        updated_at: at,
      })
      .where('contact_id', '=', contactId)
      .where('channel', '=', channel)
      .where('state', 'in', ['queued', 'retry_wait', 'held']),
  ).changes;
}

/** Skips one waiting confirmation whose deadline passed. */
export function skipConfirmation(
  db: Db,
  outboxId: number,
  reason: { code: string; message: string },
  nowIso: string,
): void {
  runQuery(
    db,
    qb
      .updateTable('outbox_messages')
      .set({ state: 'skipped', error_code: reason.code, error_message: reason.message, updated_at: nowIso })
      .where('id', '=', outboxId)
      .where('state', 'in', ['queued', 'retry_wait']),
  );
}

/** Skips every waiting message whose deadline has passed; answers how many. */
export function skipExpiredMessages(db: Db, reason: { code: string; message: string }, nowIso: string): number {
  return runQuery(
    db,
    qb
      .updateTable('outbox_messages')
      .set({ state: 'skipped', error_code: reason.code, error_message: reason.message, updated_at: nowIso })
      .where('expires_at', 'is not', null)
      .where('expires_at', '<=', nowIso)
      .where('state', 'in', ['queued', 'retry_wait']),
  ).changes;
}

/** The report's filter, already resolved to bounds and LIKE patterns. */
export interface OptOutWhere {
  since?: string;
  until?: string;
  source?: OptOutFilter['source'];
  state?: OptOutFilter['state'];
  channel?: OptOutFilter['channel'];
  /** LIKE pattern (escaped) matched against phone, message and name. */
  text?: string;
  /** LIKE pattern of digits matched against the phone. */
  digits?: string;
}

type AuditScope = ExpressionBuilder<DB & { a: DB['optout_audit']; c: DB['contacts'] }, 'a' | 'c'>;

const fullName = (eb: AuditScope) =>
  eb.fn<string>('trim', [
    eb(eb(eb.fn.coalesce('c.first_name', eb.val('')), '||', ' '), '||', eb.fn.coalesce('c.last_name', eb.val(''))),
  ]);

function filtered(w: OptOutWhere) {
  return qb
    .selectFrom('optout_audit as a')
    .leftJoin('contacts as c', 'c.id', 'a.contact_id')
    .$if(w.since !== undefined, (q) => q.where('a.at', '>=', w.since ?? ''))
    .$if(w.until !== undefined, (q) => q.where('a.at', '<', w.until ?? ''))
    .$if(w.source !== undefined, (q) => q.where('a.source', '=', w.source ?? 'manual'))
    .$if(w.state !== undefined, (q) => q.where('a.new_state', '=', w.state ?? 'opted_out'))
    .$if(w.channel !== undefined, (q) => q.where('a.channel', '=', w.channel ?? 'sms'))
    .$if(w.text !== undefined, (q) =>
      q.where((eb) => {
        const text = w.text ?? '';
        const parts = [
          likeInsensitive(eb.ref('a.phone'), text),
          likeInsensitive(eb.ref('a.message_text'), text),
          likeInsensitive(eb.ref('a.email'), text),
          likeInsensitive(fullName(eb), text),
        ];
        if (w.digits !== undefined) parts.push(likeInsensitive(eb.ref('a.phone'), w.digits));
        return eb.or(parts);
      }),
    );
}

/** Consent changes matching the filter, newest first; without a page, all of them. */
export function optOutRows(db: Db, w: OptOutWhere, page?: { limit: number; offset: number }): OptOutReportRow[] {
  const q = filtered(w)
    .select((eb) => [
      'a.id',
      'a.phone',
      'a.contact_id as contactId',
      eb.fn<string | null>('nullif', [fullName(eb), eb.val('')]).as('name'),
      'a.at',
      'a.old_state as oldState',
      'a.new_state as newState',
      'a.source',
      'a.actor',
      'a.message_text as message',
      'a.inbound_message_id as inboundMessageId',
      'a.channel',
      'a.email',
    ])
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc');
  return allRows(db, page ? q.limit(page.limit).offset(page.offset) : q);
}

export function optOutCount(db: Db, w: OptOutWhere): number {
  return (
    firstRow(
      db,
      filtered(w).select((eb) => eb.fn.countAll<number>().as('total')),
    )?.total ?? 0
  );
}
