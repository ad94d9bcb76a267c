import { classifyReply } from '../../shared/compliance/keywords';
import type { InboxThread, ThreadContact, ThreadMessage } from '../../shared/ipc/channels/inbox';
import type { OutboxState } from '../../shared/types/domain';
import { AppError } from '../../shared/errors';
import type { SqliteDb } from '../db/connection';

interface ContactRecord {
  id: number;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  opted_out: number;
  opted_out_at: string | null;
  is_unknown: number;
}

export function threadContact(db: SqliteDb, contactId: number): ThreadContact {
  const c = db.prepare('SELECT id, phone, first_name, last_name, opted_out, opted_out_at, is_unknown FROM contacts WHERE id = ?').get(contactId) as
    | ContactRecord
    | undefined;
  if (!c) throw new AppError('not_found', 'That contact no longer exists (it may have been deleted).');
  const change = db
    .prepare('SELECT at, new_state AS newState, source, message_text AS message FROM optout_audit WHERE phone = ? ORDER BY at DESC, id DESC LIMIT 1')
    .get(c.phone) as ThreadContact['lastConsentChange'] | undefined;
  const name = [c.first_name, c.last_name].filter(Boolean).join(' ').trim();
  return {
    id: c.id,
    phone: c.phone,
    name: name || null,
    optedOut: !!c.opted_out,
    optedOutAt: c.opted_out_at,
    isUnknown: !!c.is_unknown,
    lastConsentChange: change ?? null,
  };
}

interface Row {
  direction: 'in' | 'out';
  id: number;
  body: string;
  at: string;
  keyword: string | null;
  read_at: string | null;
  kind: string | null;
  state: string | null;
  error_message: string | null;
  next_attempt_at: string | null;
  campaign_name: string | null;
}

function toMessage(r: Row): ThreadMessage {
  if (r.direction === 'in') {
    // The stored keyword says the text was acted on; reading it again tells which way (YES only counts after a STOP,
    // and it was only stored when it did).
    const keywordKind = r.keyword ? classifyReply(r.body, { wasOptedOut: true }).kind : 'none';
    return { id: `in-${r.id}`, direction: 'in', inboundId: r.id, body: r.body, at: r.at, keyword: r.keyword, keywordKind, read: r.read_at !== null };
  }
  return {
    id: `out-${r.id}`,
    direction: 'out',
    outboxId: r.id,
    body: r.body,
    at: r.at,
    kind: r.kind as Extract<ThreadMessage, { direction: 'out' }>['kind'],
    campaignName: r.campaign_name,
    state: r.state as OutboxState,
    errorMessage: r.error_message,
    nextAttemptAt: r.state === 'queued' || r.state === 'retry_wait' ? r.next_attempt_at : null,
  };
}

/**
 * Their texts and ours in time order. Campaign messages appear once they were handed to the provider (a queued
 * campaign message is not part of the conversation yet); our replies and confirmations appear from the moment they
 * are queued, so the owner sees one waiting for quiet hours.
 */
export function conversationThread(db: SqliteDb, contactId: number, limit: number): Omit<InboxThread, 'replyVia'> {
  const contact = threadContact(db, contactId);
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT 'in' AS direction, i.id, i.body, i.received_at AS at, i.keyword, i.read_at, NULL AS kind, NULL AS state,
                NULL AS error_message, NULL AS next_attempt_at, NULL AS campaign_name
         FROM inbound_messages i WHERE i.contact_id = @contactId
         UNION ALL
         SELECT 'out', m.id, m.body, COALESCE(m.sent_at, m.sending_at, m.created_at), NULL, NULL,
                CASE WHEN m.test_of_campaign_id IS NULL THEN m.kind ELSE 'test' END, m.state,
                m.error_message, m.next_attempt_at, k.name
         FROM outbox_messages m LEFT JOIN campaigns k ON k.id = COALESCE(m.campaign_id, m.test_of_campaign_id)
         WHERE m.contact_id = @contactId AND (m.kind <> 'campaign' OR m.sending_at IS NOT NULL)
       ) ORDER BY at DESC, direction DESC, id DESC LIMIT @limit`,
    )
    .all({ contactId, limit: limit + 1 }) as Row[];
  const truncated = rows.length > limit;
  return { contact, messages: rows.slice(0, limit).reverse().map(toMessage), truncated };
}

/** Marks what the contact sent as read; returns how many texts changed. */
export function markThreadRead(db: SqliteDb, contactId: number, nowIso: string): number {
  return db.prepare('UPDATE inbound_messages SET read_at = ? WHERE contact_id = ? AND read_at IS NULL').run(nowIso, contactId).changes;
}

export function unreadSummary(db: SqliteDb): { conversations: number; messages: number } {
  return db
    .prepare('SELECT COUNT(DISTINCT contact_id) AS conversations, COUNT(*) AS messages FROM inbound_messages INDEXED BY inbound_unread WHERE read_at IS NULL')
    .get() as { conversations: number; messages: number };
}
