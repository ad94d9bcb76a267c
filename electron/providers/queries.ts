import type { Selectable } from 'kysely';
import type { SqliteDb } from '../db/connection';
import type { DB } from '../db/schema';
import { allRows, firstRow, qb, runQuery } from '../db/sync-query';

/** The SMS and e-mail sandboxes share one table; e-mail rows' outcomes start with `email_`. */
export type SandboxChannel = 'sms' | 'email';
const EMAIL_OUTCOMES = 'email_%';

/** The sandbox provider's messages (it keeps them in the database, so pending receipts survive a restart). */
export type SandboxMessageRow = Selectable<DB['sandbox_messages']>;

export function insertSandboxMessage(db: SqliteDb, row: SandboxMessageRow): void {
  runQuery(db, qb.insertInto('sandbox_messages').values(row));
}

/** A reply is stored once, however many ticks see its message. */
export function insertSandboxReplyOnce(db: SqliteDb, row: Omit<SandboxMessageRow, 'reply_body' | 'due_at'>): void {
  runQuery(
    db,
    qb
      .insertInto('sandbox_messages')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing()),
  );
}

export function sandboxMessage(db: SqliteDb, id: string): SandboxMessageRow | undefined {
  return firstRow(db, qb.selectFrom('sandbox_messages').selectAll().where('id', '=', id));
}

/** Messages created in the range, oldest first; with a participant, only those to or from that number. */
export function sandboxMessagesBetween(
  db: SqliteDb,
  sinceIso: string,
  untilIso: string,
  participant: string | null,
  channel: SandboxChannel = 'sms',
): SandboxMessageRow[] {
  return allRows(
    db,
    qb
      .selectFrom('sandbox_messages')
      .selectAll()
      .where('outcome', channel === 'email' ? 'like' : 'not like', EMAIL_OUTCOMES)
      .where('created_at', '>=', sinceIso)
      .where('created_at', '<=', untilIso)
      .$if(participant !== null, (q) =>
        q.where((eb) => eb.or([eb('to_phone', '=', participant ?? ''), eb('from_phone', '=', participant ?? '')])),
      )
      .orderBy('created_at'),
  );
}

/** Sent messages whose receipt (and reply) is due, at most 500 at a time. */
export function dueSandboxMessages(db: SqliteDb, nowIso: string, channel: SandboxChannel = 'sms') {
  return allRows(
    db,
    qb
      .selectFrom('sandbox_messages')
      .select(['id', 'from_phone', 'to_phone', 'outcome', 'reply_body', 'direction'])
      .where('outcome', channel === 'email' ? 'like' : 'not like', EMAIL_OUTCOMES)
      .where('due_at', 'is not', null)
      .where('due_at', '<=', nowIso)
      .orderBy('due_at')
      .limit(500),
  );
}

export function settleSandboxMessage(db: SqliteDb, id: string, status: 'failed' | 'delivered', nowIso: string): void {
  runQuery(
    db,
    qb.updateTable('sandbox_messages').set({ status, due_at: null, updated_at: nowIso }).where('id', '=', id),
  );
}
