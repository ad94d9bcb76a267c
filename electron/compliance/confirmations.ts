import type { Db } from '../db/db';
import { skipConfirmation, skipExpiredMessages } from './queries';

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

/** The dispatcher found a confirmation past its deadline at the moment of claiming it: it is skipped, not sent. */
export function skipLateConfirmation(db: Db, outboxId: number, nowIso: string): void {
  skipConfirmation(db, outboxId, LATE_CONFIRMATION, nowIso);
}

/**
 * Marks every waiting confirmation past its deadline as skipped, so one held back by an outage or a closed app
 * shows why it never went out instead of sitting in the queue. Runs on each background tick; the partial index
 * from migration 0004 keeps it cheap however large the outbox grows.
 */
export function expireLateConfirmations(db: Db, nowIso: string): number {
  return skipExpiredMessages(db, LATE_CONFIRMATION, nowIso);
}
