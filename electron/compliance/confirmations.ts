import type { SqliteDb } from '../db/connection';

/** compliance.md: one confirmation, with no marketing, within 5 minutes of the opt-out. */
export const CONFIRMATION_WINDOW_MS = 5 * 60_000;

export const LATE_CONFIRMATION = {
  code: 'confirmation_late',
  message:
    'Not sent: more than 5 minutes had passed since the opt-out or opt-in, and a confirmation may only be sent within 5 minutes. Nothing else is sent to this contact.',
} as const;

/**
 * The moment a confirmation stops being sendable: 5 minutes after the keyword reached the provider. A provider time
 * ahead of our clock must not stretch the window, so the earlier of the two starts it.
 */
export function confirmationDeadline(keywordAtIso: string, now: Date): Date {
  const at = Date.parse(keywordAtIso);
  const start = Number.isFinite(at) ? Math.min(at, now.getTime()) : now.getTime();
  return new Date(start + CONFIRMATION_WINDOW_MS);
}

/** Whether an outbox row with this deadline may no longer be sent. */
export function isPastDeadline(expiresAt: string | null, nowIso: string): boolean {
  return expiresAt !== null && expiresAt <= nowIso;
}

const skipOne = new WeakMap<SqliteDb, import('better-sqlite3').Statement<unknown[]>>();

/** The dispatcher found a confirmation past its deadline at the moment of claiming it: it is skipped, not sent. */
export function skipLateConfirmation(db: SqliteDb, outboxId: number, nowIso: string): void {
  let stmt = skipOne.get(db);
  if (!stmt) {
    stmt = db.prepare(`UPDATE outbox_messages SET state = 'skipped', error_code = ?, error_message = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'retry_wait')`);
    skipOne.set(db, stmt);
  }
  stmt.run(LATE_CONFIRMATION.code, LATE_CONFIRMATION.message, nowIso, outboxId);
}

/**
 * Marks every waiting confirmation past its deadline as skipped, so one held back by an outage or a closed app
 * shows why it never went out instead of sitting in the queue. Runs on each background tick; the partial index
 * from migration 0004 keeps it cheap however large the outbox grows.
 */
export function expireLateConfirmations(db: SqliteDb, nowIso: string): number {
  return db
    .prepare(
      `UPDATE outbox_messages SET state = 'skipped', error_code = ?, error_message = ?, updated_at = ?
       WHERE expires_at IS NOT NULL AND expires_at <= ? AND state IN ('queued', 'retry_wait')`,
    )
    .run(LATE_CONFIRMATION.code, LATE_CONFIRMATION.message, nowIso, nowIso).changes;
}
