import type { SqliteDb } from '../db/connection';
import { firstRow, qb, runQuery } from '../db/sync-query';

/** The one connection row: 'connected', or 'reconnect' once Intuit refused the saved authorisation. */
export function connectionRow(db: SqliteDb) {
  return firstRow(db, qb.selectFrom('quickbooks_connection').selectAll().where('id', '=', 1));
}

/** After a successful token exchange or refresh-and-sync: connected, the error cleared. */
export function markConnected(db: SqliteDb, at: string): void {
  runQuery(
    db,
    qb
      .insertInto('quickbooks_connection')
      .values({ id: 1, status: 'connected', connected_at: at, last_error: null })
      .onConflict((oc) => oc.column('id').doUpdateSet({ status: 'connected', connected_at: at, last_error: null })),
  );
}

/** Intuit refused the refresh token or the client: the background sync stops asking until the owner reconnects. */
export function markReconnect(db: SqliteDb, message: string): void {
  runQuery(
    db,
    qb
      .insertInto('quickbooks_connection')
      .values({ id: 1, status: 'reconnect', connected_at: '', last_error: message })
      .onConflict((oc) => oc.column('id').doUpdateSet({ status: 'reconnect', last_error: message })),
  );
}

export function recordSyncError(db: SqliteDb, message: string): void {
  runQuery(db, qb.updateTable('quickbooks_connection').set({ last_error: message }).where('id', '=', 1));
}

/** A sync finished: where the next Change Data Capture starts, and when this one ran. */
export function recordSyncDone(db: SqliteDb, changedSince: string, at: string): void {
  runQuery(
    db,
    qb
      .updateTable('quickbooks_connection')
      .set({ changed_since: changedSince, last_sync_at: at, last_error: null, status: 'connected' })
      .where('id', '=', 1),
  );
}

/** Disconnect: the sync stops; what was synced stays (the conversions are real sales). */
export function forgetConnection(db: SqliteDb): void {
  runQuery(db, qb.deleteFrom('quickbooks_connection'));
}
