import type { Db } from '../db/db';
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
import { transaction } from '../db/transaction';

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

/**
 * Inside the caller's transaction: the contact's e-mail is opted out, audited as an e-mail row, and its waiting
 * e-mails skipped. Also the e-mail side of a STOP when the owner chose that (compliance.stopAlsoUnsubscribesEmail).
 */
export function optOutEmailOf(
  db: Db,
  contact: { id: number; phone: string },
  email: string | null,
  change: ChannelConsentActor & { source: ConsentSource; inboundMessageId?: number | null },
): void {
  setEmailOptedOut(db, contact.id, true, change.at);
  insertOptOutAudit(db, {
    contact_id: contact.id,
    phone: contact.phone,
    email,
    channel: 'email',
    old_state: 'opted_in',
    new_state: 'opted_out',
    source: change.source,
    inbound_message_id: change.inboundMessageId ?? null,
    message_text: change.messageText ?? null,
    actor: change.actor,
    at: change.at,
  });
  skipWaitingMessagesOf(db, contact.id, change.at, 'email');
}

/** Unsubscribes an e-mail address (every contact holding it), at once. Returns the contacts whose state changed. */
export function unsubscribeEmail(
  db: Db,
  email: string,
  change: ChannelConsentActor & {
    source: Extract<ConsentSource, 'unsubscribe_link' | 'list_unsubscribe' | 'manual' | 'import' | 'keyword'>;
  },
): { changed: number[] } {
  return transaction(
    db,
    () => {
      const changed: number[] = [];
      for (const c of contactsByEmail(db, email)) {
        if (c.email_opted_out === 1) continue;
        optOutEmailOf(db, c, email, change);
        changed.push(c.id);
      }
      return { changed };
    },
    { immediate: true },
  );
}

/** Unsubscribes one contact's e-mail (a signed unsubscribe link names the contact, not only the address). */
export function unsubscribeContactEmail(
  db: Db,
  contactId: number,
  change: ChannelConsentActor & { source: Extract<ConsentSource, 'unsubscribe_link' | 'list_unsubscribe' | 'manual'> },
): { changed: boolean } {
  return transaction(
    db,
    () => {
      const c = contactEmailSide(db, contactId);
      if (!c || c.email_opted_out === 1) return { changed: false };
      optOutEmailOf(db, c, c.email, change);
      return { changed: true };
    },
    { immediate: true },
  );
}

/** A hard bounce or a spam complaint: the address is suppressed for good on every contact holding it. */
export function suppressEmail(
  db: Db,
  email: string,
  reason: 'hard_bounce' | 'complaint',
  change: ChannelConsentActor,
): { changed: number[] } {
  return transaction(
    db,
    () => {
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
    },
    { immediate: true },
  );
}

/**
 * Puts a number on (or takes it off) the business's do-not-call list: the key press during a call, or the owner.
 * Waiting calls to it are skipped. Returns whether the state changed; a number that is no contact is still audited.
 */
export function changeDoNotCall(
  db: Db,
  phone: string,
  dnc: boolean,
  change: ChannelConsentActor & { source: Extract<ConsentSource, 'keypress' | 'manual' | 'import'> },
): { changed: boolean; contactId: number | null } {
  return transaction(
    db,
    () => {
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
    },
    { immediate: true },
  );
}
