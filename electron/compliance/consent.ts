import type { SqliteDb } from '../db/connection';

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
    const contact = db.prepare('SELECT id, opted_out FROM contacts WHERE phone = ?').get(change.phone) as
      | { id: number; opted_out: number }
      | undefined;
    const oldState = contact ? (contact.opted_out ? 'opted_out' : 'opted_in') : 'unknown';
    const newState = change.optedOut ? 'opted_out' : 'opted_in';
    if (contact && oldState === newState) return { changed: false, contactId: contact.id, skipped: 0 };
    if (contact) {
      db.prepare('UPDATE contacts SET opted_out = ?, opted_out_at = ?, updated_at = ? WHERE id = ?').run(
        change.optedOut ? 1 : 0,
        change.optedOut ? change.at : null,
        change.at,
        contact.id,
      );
    }
    db.prepare(
      `INSERT INTO optout_audit (contact_id, phone, old_state, new_state, source, inbound_message_id, message_text, actor, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(contact?.id ?? null, change.phone, oldState, newState, change.source, change.inboundMessageId ?? null, change.messageText ?? null, change.actor, change.at);
    let skipped = 0;
    if (change.optedOut) {
      // Every waiting message, not only marketing: a queued inbox reply, HELP answer or earlier confirmation would be
      // a second text after the STOP, and only one confirmation (queued by the caller after this) is allowed.
      skipped = db
        .prepare(
          `UPDATE outbox_messages SET state = 'skipped', error_code = 'opted_out', error_message = 'Recipient opted out before sending', updated_at = ?
           WHERE contact_id = ? AND state IN ('queued', 'retry_wait', 'held')`,
        )
        .run(change.at, contact?.id ?? -1).changes;
    }
    return { changed: true, contactId: contact?.id ?? null, skipped };
  });
  return run.immediate();
}
