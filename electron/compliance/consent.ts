import type { SqliteDb } from '../db/connection';
import type { Db } from '../db/db';
import { contactConsentByPhone, insertOptOutAudit, setContactOptedOut, skipWaitingMessagesOf } from './queries';
import { optOutEmailOf } from './channels';
import { contactEmailSide } from './queries-channels';
import { transaction } from '../db/transaction';

export type ConsentSource = 'keyword' | 'manual' | 'provider' | 'import' | 'reconciliation';

export interface ConsentChange {
  phone: string;
  optedOut: boolean;
  source: ConsentSource;
  actor: string;
  at: string;
  inboundMessageId?: number | null;
  messageText?: string | null;
  /**
   * An opt-out also unsubscribes the contact's e-mail (setting compliance.stopAlsoUnsubscribesEmail), recorded as its
   * own e-mail row in the audit log with the same source. Off by default: consent never crosses channels.
   */
  alsoEmail?: boolean;
}

/**
 * The one way consent changes. Records the change in the append-only audit log and, on opt-out, takes the
 * contact out of every queued marketing message in the same transaction, so nothing queued can leave afterwards.
 * Returns whether the state actually changed (a second STOP changes nothing and earns no second confirmation).
 */
export function changeConsent(
  db: Db,
  change: ConsentChange,
): { changed: boolean; contactId: number | null; skipped: number } {
  return transaction(
    db,
    () => {
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
      if (contact && change.optedOut && change.alsoEmail) {
        const c = contactEmailSide(db, contact.id);
        if (c?.email && c.email_opted_out === 0) optOutEmailOf(db, c, c.email, change);
      }
      return { changed: true, contactId: contact?.id ?? null, skipped };
    },
    { immediate: true },
  );
}

export interface BulkConsentChange {
  source: ConsentSource;
  actor: string;
  at: string;
  messageText: string;
}

const bulkStatements = new WeakMap<SqliteDb, ReturnType<typeof prepareBulk>>();

// hot path: a bulk opt-out or its undo of 100,000 contacts (npm run bench -- contacts-bulk), one statement per batch.
/**
 * Each step is one prepared statement for a whole batch, its ids bound as one JSON array (a statement per contact
 * took four minutes, and compiling a thousand-id list per statement was most of what remained).
 */
function prepareBulk(db: SqliteDb) {
  const audit = (oldState: string, newState: string) =>
    `INSERT INTO optout_audit (contact_id, phone, old_state, new_state, source, inbound_message_id, message_text, actor, at)
     SELECT c.id, c.phone, '${oldState}', '${newState}', @source, NULL, @text, @actor, @at`;
  return {
    auditOptOut: db.prepare<
      [{ ids: string; source: ConsentSource; text: string; actor: string; at: string }],
      { id: number; contact_id: number }
    >(
      `${audit('opted_in', 'opted_out')} FROM contacts c WHERE c.id IN (SELECT value FROM json_each(@ids)) AND c.opted_out = 0 ORDER BY c.id RETURNING id, contact_id`,
    ),
    setOptedOut: db.prepare<[{ ids: string; at: string }]>(
      'UPDATE contacts SET opted_out = 1, opted_out_at = @at, updated_at = @at WHERE id IN (SELECT value FROM json_each(@ids))',
    ),
    skipWaiting: db.prepare<[{ ids: string; at: string }]>(
      `UPDATE outbox_messages SET state = 'skipped', error_code = 'opted_out', error_message = 'Recipient opted out before sending', updated_at = @at
       WHERE contact_id IN (SELECT value FROM json_each(@ids)) AND channel = 'sms' AND state IN ('queued', 'retry_wait', 'held')`,
    ),
    // A contact whose opt-out (the pair's second id) is still the last word on its number, and who is still opted out.
    auditOptIn: db.prepare<
      [{ pairs: string; source: ConsentSource; text: string; actor: string; at: string }],
      { contact_id: number }
    >(
      `${audit('opted_out', 'opted_in')}
       FROM json_each(@pairs) p JOIN contacts c ON c.id = json_extract(p.value, '$[0]')
       WHERE c.opted_out = 1
         AND json_extract(p.value, '$[1]') = (SELECT o.id FROM optout_audit o WHERE o.phone = c.phone AND o.channel = 'sms' ORDER BY o.at DESC, o.id DESC LIMIT 1)
       ORDER BY c.id RETURNING contact_id`,
    ),
    setOptedIn: db.prepare<[{ ids: string; at: string }]>(
      'UPDATE contacts SET opted_out = 0, opted_out_at = NULL, updated_at = @at WHERE id IN (SELECT value FROM json_each(@ids))',
    ),
  };
}

function bulk(db: SqliteDb): ReturnType<typeof prepareBulk> {
  let s = bulkStatements.get(db);
  if (!s) bulkStatements.set(db, (s = prepareBulk(db)));
  return s;
}

/**
 * changeConsent for many contacts at once (a bulk opt-out), inside the caller's transaction: the contacts among `ids`
 * not yet opted out are audited, opted out and taken out of every waiting message, by one statement each for the
 * whole set. Returns each changed contact with the id of its audit row, in contact order.
 */
export function optOutContacts(
  db: SqliteDb,
  ids: readonly number[],
  change: BulkConsentChange,
): { contactId: number; auditId: number }[] {
  if (!ids.length) return [];
  const s = bulk(db);
  const audited = s.auditOptOut.all({
    ids: JSON.stringify(ids),
    source: change.source,
    text: change.messageText,
    actor: change.actor,
    at: change.at,
  });
  if (!audited.length) return [];
  const changed = JSON.stringify(audited.map((a) => a.contact_id));
  s.setOptedOut.run({ ids: changed, at: change.at });
  s.skipWaiting.run({ ids: changed, at: change.at });
  return audited.map((a) => ({ contactId: a.contact_id, auditId: a.id }));
}

/**
 * Opts contacts back in (the undo of a bulk opt-out), inside the caller's transaction, by one audit insert and one
 * update for the set. `audits` pairs each contact with the opt-out being undone: a contact is put back only while
 * that opt-out is still the last word on its number (a STOP or START sent since is theirs to keep) and it is still
 * opted out. Returns how many were opted back in.
 */
export function optInContacts(
  db: SqliteDb,
  audits: readonly { contactId: number; auditId: number | null }[],
  change: BulkConsentChange,
): number {
  if (!audits.length) return 0;
  const s = bulk(db);
  const pairs = JSON.stringify(audits.map((a) => [a.contactId, a.auditId]));
  const back = s.auditOptIn.all({
    pairs,
    source: change.source,
    text: change.messageText,
    actor: change.actor,
    at: change.at,
  });
  if (back.length) s.setOptedIn.run({ ids: JSON.stringify(back.map((b) => b.contact_id)), at: change.at });
  return back.length;
}
