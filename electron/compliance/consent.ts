import type { SqliteDb } from '../db/connection';
import { contactConsentByPhone, insertOptOutAudit, setContactOptedOut, skipWaitingMessagesOf } from './queries';

export type ConsentSource = 'keyword' | 'manual' | 'provider' | 'import' | 'reconciliation';

export interface ConsentChange {
  phone: string;
  optedOut: boolean;
  source: ConsentSource;
  actor: string;
  at: string;
  inboundMessageId?: number | null;
  messageText?: string | null;
}

/**
 * The one way consent changes. Records the change in the append-only audit log and, on opt-out, takes the
 * contact out of every queued marketing message in the same transaction, so nothing queued can leave afterwards.
 * Returns whether the state actually changed (a second STOP changes nothing and earns no second confirmation).
 */
export function changeConsent(db: SqliteDb, change: ConsentChange): { changed: boolean; contactId: number | null; skipped: number } {
  const run = db.transaction(() => {
    const contact = contactConsentByPhone(db, change.phone);
    const oldState = contact ? (contact.opted_out ? 'opted_out' : 'opted_in') : 'unknown';
    const newState = change.optedOut ? 'opted_out' : 'opted_in';
    if (contact && oldState === newState) return { changed: false, contactId: contact.id, skipped: 0 };
    if (contact) setContactOptedOut(db, contact.id, change.optedOut, change.at);
    insertOptOutAudit(db, {
      contact_id: contact?.id ?? null,
      phone: change.phone,
      old_state: oldState,
      new_state: newState,
      source: change.source,
      inbound_message_id: change.inboundMessageId ?? null,
      message_text: change.messageText ?? null,
      actor: change.actor,
      at: change.at,
    });
    // Every waiting message, not only marketing: a queued inbox reply, HELP answer or earlier confirmation would be
    // a second text after the STOP, and only one confirmation (queued by the caller after this) is allowed.
    const skipped = change.optedOut ? skipWaitingMessagesOf(db, contact?.id ?? -1, change.at) : 0;
    return { changed: true, contactId: contact?.id ?? null, skipped };
  });
  return run.immediate();
}
