import type { SqliteDb } from '../../db/connection';
import { EMAIL_STATE, type EmailStateCode } from './batch';
import type { EmailSide } from './contact-rows';

// hot path: runs in the import's writer thread, which loads only better-sqlite3 (no Kysely: workers.test.ts); used
// only for a file with an e-mail consent column, so an import without one pays nothing for it.

/** The audit log's word for an e-mail side: consent on record and nothing against it is opted in. */
export const auditState = (s: EmailSide): 'opted_in' | 'opted_out' | 'unknown' =>
  s.suppressed !== null || s.optedOut === 1 || s.consent === 0 ? 'opted_out' : s.consent === 1 ? 'opted_in' : 'unknown';

/** A new contact's e-mail side from its row. */
export function emailSideOf(code: EmailStateCode | null, now: string): EmailSide {
  return {
    consent: code === EMAIL_STATE.yes ? 1 : code === EMAIL_STATE.no ? 0 : null,
    optedOut: code === EMAIL_STATE.unsubscribed ? 1 : 0,
    optedOutAt: code === EMAIL_STATE.unsubscribed ? now : null,
    suppressed: code === EMAIL_STATE.cleaned ? 'hard_bounce' : null,
    suppressedAt: code === EMAIL_STATE.cleaned ? now : null,
  };
}

/**
 * What a row does to a contact's e-mail side, or null when nothing changes. The stricter reading always: a cleaned
 * address is suppressed for good, an unsubscribe is recorded, a "no" withdraws consent; a "yes" only fills consent
 * nobody recorded (it never overrides a "no", an unsubscribe or a bounce), and not at all when `restrictOnly` (an
 * import that skips existing contacts still honours their unsubscribes and bounces).
 */
export function nextEmailSide(
  s: EmailSide,
  code: EmailStateCode,
  now: string,
  restrictOnly: boolean,
): EmailSide | null {
  if (code === EMAIL_STATE.cleaned)
    return s.suppressed === null ? { ...s, suppressed: 'hard_bounce', suppressedAt: now } : null;
  if (code === EMAIL_STATE.unsubscribed) return s.optedOut === 0 ? { ...s, optedOut: 1, optedOutAt: now } : null;
  if (code === EMAIL_STATE.no) return s.consent !== 0 ? { ...s, consent: 0 } : null;
  return !restrictOnly && s.consent === null ? { ...s, consent: 1 } : null;
}

const WORDS: Record<EmailStateCode, string> = {
  [EMAIL_STATE.yes]: 'accepts marketing e-mail',
  [EMAIL_STATE.no]: 'does not accept marketing e-mail',
  [EMAIL_STATE.unsubscribed]: 'unsubscribed',
  [EMAIL_STATE.cleaned]: 'cleaned (hard bounce)',
};
/** The consent log's message for a row's e-mail state: the file and what it says. */
export const emailAuditText = (fileName: string, code: EmailStateCode) => `Import of ${fileName}: ${WORDS[code]}`;

interface EmailSideRow {
  id: number;
  phone: string;
  email: string | null;
  email_consent: 0 | 1 | null;
  email_opted_out: 0 | 1;
  email_opted_out_at: string | null;
  email_suppressed: 'hard_bounce' | 'complaint' | null;
  email_suppressed_at: string | null;
}

export const sideOfRow = (r: EmailSideRow): EmailSide => ({
  consent: r.email_consent,
  optedOut: r.email_opted_out,
  optedOutAt: r.email_opted_out_at,
  suppressed: r.email_suppressed,
  suppressedAt: r.email_suppressed_at,
});

/** The statements that read and change a contact's e-mail side, each change in the append-only consent log. */
export function emailStatements(db: SqliteDb) {
  const read = db.prepare<[number], EmailSideRow>(
    `SELECT id, phone, email, email_consent, email_opted_out, email_opted_out_at, email_suppressed, email_suppressed_at
     FROM contacts WHERE id = ?`,
  );
  const write = db.prepare<[0 | 1 | null, 0 | 1, string | null, string | null, string | null, string, number]>(
    `UPDATE contacts SET email_consent = ?, email_opted_out = ?, email_opted_out_at = ?, email_suppressed = ?,
       email_suppressed_at = ?, updated_at = ? WHERE id = ?`,
  );
  const audit = db.prepare<[number, string, string | null, string, string, string | null, string]>(
    `INSERT INTO optout_audit (contact_id, phone, email, channel, old_state, new_state, source, message_text, actor, at)
     VALUES (?, ?, ?, 'email', ?, ?, 'import', ?, 'user', ?)`,
  );
  // As compliance's skipWaitingMessagesOf for the e-mail channel: consent ends for waiting e-mails at once.
  const skipWaiting = db.prepare<[string, number]>(
    `UPDATE outbox_messages SET state = 'skipped', error_code = 'opted_out',
       error_message = 'Recipient opted out before sending', updated_at = ?
     WHERE contact_id = ? AND channel = 'email' AND state IN ('queued', 'retry_wait', 'held')`,
  );
  return {
    read: (id: number) => read.get(id),
    /** Writes the contact's new e-mail side; audits it unless `audited` is false (a new contact's is at its end). */
    change(row: EmailSideRow, to: EmailSide, at: string, text: string, audited = true): void {
      write.run(to.consent, to.optedOut, to.optedOutAt, to.suppressed, to.suppressedAt, at, row.id);
      const from = auditState(sideOfRow(row));
      const now = auditState(to);
      if (audited)
        audit.run(row.id, row.phone, row.email, from, now === 'opted_in' ? 'opted_in' : 'opted_out', text, at);
      if (now !== 'opted_in') skipWaiting.run(at, row.id);
    },
  };
}
