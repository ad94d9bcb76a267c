import type { SqliteDb } from '../db/connection';
import { allRows, qb } from '../db/sync-query';

/**
 * E-mails handed to a provider that can be looked up one by one (Postmark) and not settled yet: still `sending` or
 * `unknown`, or `sent` without a delivery or bounce, whose last move is older than `before`. Oldest first.
 */
export function stuckEmails(db: SqliteDb, provider: string, before: string, limit: number) {
  return allRows(
    db,
    qb
      .selectFrom('outbox_messages')
      .select(['id', 'state', 'provider_message_id'])
      .where('provider', '=', provider)
      .where('channel', '=', 'email')
      .where('state', 'in', ['sending', 'sent', 'unknown'])
      .where('provider_message_id', 'is not', null)
      .where('updated_at', '<=', before)
      .orderBy('updated_at')
      .orderBy('id')
      .limit(limit),
  );
}
