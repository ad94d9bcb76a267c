import { classifyReply } from '../../shared/compliance/keywords';
import type { InboxThread, ThreadContact, ThreadMessage } from '../../shared/ipc/channels/inbox';
import type { OutboxState } from '../../shared/types/domain';
import { AppError } from '../../shared/errors';
import type { SqliteDb } from '../db/connection';
import { lastConsentChange, markInboundRead, threadContactRow, threadRows, unreadCounts } from './queries';

export function threadContact(db: SqliteDb, contactId: number): ThreadContact {
  const c = threadContactRow(db, contactId);
  if (!c) throw new AppError('not_found', 'That contact no longer exists (it may have been deleted).');
  const change = lastConsentChange(db, c.phone);
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

type Row = ReturnType<typeof threadRows>[number];

function toMessage(r: Row): ThreadMessage {
  if (r.direction === 'in') {
    // The stored keyword says the text was acted on; reading it again tells which way (YES only counts after a STOP,
    // and it was only stored when it did).
    const keywordKind = r.keyword ? classifyReply(r.body, { wasOptedOut: true }).kind : 'none';
    return {
      id: `in-${r.id}`,
      direction: 'in',
      inboundId: r.id,
      body: r.body,
      at: r.at,
      keyword: r.keyword,
      keywordKind,
      read: r.read_at !== null,
    };
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
  const rows = threadRows(db, contactId, limit + 1);
  const truncated = rows.length > limit;
  return { contact, messages: rows.slice(0, limit).reverse().map(toMessage), truncated };
}

/** Marks what the contact sent as read; returns how many texts changed. */
export function markThreadRead(db: SqliteDb, contactId: number, nowIso: string): number {
  return markInboundRead(db, contactId, nowIso);
}

export function unreadSummary(db: SqliteDb): { conversations: number; messages: number } {
  return unreadCounts(db);
}
