import type { SqliteDb } from '../db/connection';
import type { ConsentSource } from '../db/schema';
import { insertOptOutAudit, skipWaitingMessagesOf } from './queries';
import {
  contactEmailSide,
  contactsByEmail,
  contactVoiceSideByPhone,
  setDoNotCall,
  setEmailOptedOut,
  setEmailSuppressed,
} from './queries-channels';

/**
 * Consent changes of the e-mail and voice channels. Like changeConsent for SMS, each is one transaction that writes
 * the append-only audit log (with its channel) and takes the contact out of every waiting message of that channel
 * only: a STOP by text does not unsubscribe an e-mail address, nor the reverse.
 */

export interface ChannelConsentActor {
  actor: string;
  at: string;
  /** What the person did or the provider said, kept in the audit log. */
  messageText?: string | null;
}

/** Unsubscribes an e-mail address (every contact holding it), at once. Returns the contacts whose state changed. */
export function unsubscribeEmail(
  db: SqliteDb,
  email: string,
  change: ChannelConsentActor & {
    source: Extract<ConsentSource, 'unsubscribe_link' | 'list_unsubscribe' | 'manual' | 'import' | 'keyword'>;
  },
): { changed: number[] } {
  const run = db.transaction(() => {
    const changed: number[] = [];
    for (const c of contactsByEmail(db, email)) {
      if (c.email_opted_out === 1) continue;
      setEmailOptedOut(db, c.id, true, change.at);
      insertOptOutAudit(db, {
        contact_id: c.id,
        phone: c.phone,
        email,
        channel: 'email',
        old_state: 'opted_in',
        new_state: 'opted_out',
        source: change.source,
        inbound_message_id: null,
        message_text: change.messageText ?? null,
        actor: change.actor,
        at: change.at,
      });
      skipWaitingMessagesOf(db, c.id, change.at, 'email');
      changed.push(c.id);
    }
    return { changed };
  });
  return run.immediate();
}

/** Unsubscribes one contact's e-mail (a signed unsubscribe link names the contact, not only the address). */
export function unsubscribeContactEmail(
  db: SqliteDb,
  contactId: number,
  change: ChannelConsentActor & { source: Extract<ConsentSource, 'unsubscribe_link' | 'list_unsubscribe' | 'manual'> },
): { changed: boolean } {
  const run = db.transaction(() => {
    const c = contactEmailSide(db, contactId);
    if (!c || c.email_opted_out === 1) return { changed: false };
    setEmailOptedOut(db, c.id, true, change.at);
    insertOptOutAudit(db, {
      contact_id: c.id,
      phone: c.phone,
      email: c.email,
      channel: 'email',
      old_state: 'opted_in',
      new_state: 'opted_out',
      source: change.source,
      inbound_message_id: null,
      message_text: change.messageText ?? null,
      actor: change.actor,
      at: change.at,
    });
    skipWaitingMessagesOf(db, c.id, change.at, 'email');
    return { changed: true };
  });
  return run.immediate();
}

/** A hard bounce or a spam complaint: the address is suppressed for good on every contact holding it. */
export function suppressEmail(
  db: SqliteDb,
  email: string,
  reason: 'hard_bounce' | 'complaint',
  change: ChannelConsentActor,
): { changed: number[] } {
  const run = db.transaction(() => {
    const changed: number[] = [];
    for (const c of contactsByEmail(db, email)) {
      if (c.email_suppressed !== null) continue;
      setEmailSuppressed(db, c.id, reason, change.at);
      insertOptOutAudit(db, {
        contact_id: c.id,
        phone: c.phone,
        email,
        channel: 'email',
        old_state: c.email_opted_out === 1 ? 'opted_out' : 'opted_in',
        new_state: 'opted_out',
        source: reason === 'hard_bounce' ? 'bounce' : 'complaint',
        inbound_message_id: null,
        message_text: change.messageText ?? null,
        actor: change.actor,
        at: change.at,
      });
      skipWaitingMessagesOf(db, c.id, change.at, 'email');
      changed.push(c.id);
    }
    return { changed };
  });
  return run.immediate();
}

/**
 * Puts a number on (or takes it off) the business's do-not-call list: the key press during a call, or the owner.
 * Waiting calls to it are skipped. Returns whether the state changed; a number that is no contact is still audited.
 */
export function changeDoNotCall(
  db: SqliteDb,
  phone: string,
  dnc: boolean,
  change: ChannelConsentActor & { source: Extract<ConsentSource, 'keypress' | 'manual' | 'import'> },
): { changed: boolean; contactId: number | null } {
  const run = db.transaction(() => {
    const c = contactVoiceSideByPhone(db, phone);
    const oldState = c ? (c.dnc === 1 ? 'opted_out' : 'opted_in') : 'unknown';
    const newState = dnc ? 'opted_out' : 'opted_in';
    if (c && oldState === newState) return { changed: false, contactId: c.id };
    if (c) setDoNotCall(db, c.id, dnc, change.at);
    insertOptOutAudit(db, {
      contact_id: c?.id ?? null,
      phone,
      email: null,
      channel: 'voice',
      old_state: oldState,
      new_state: newState,
      source: change.source,
      inbound_message_id: null,
      message_text: change.messageText ?? null,
      actor: change.actor,
      at: change.at,
    });
    if (c && dnc) skipWaitingMessagesOf(db, c.id, change.at, 'voice');
    return { changed: true, contactId: c?.id ?? null };
  });
  return run.immediate();
}
