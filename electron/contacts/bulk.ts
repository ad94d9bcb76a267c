import { AppError } from '../../shared/errors';
import type { BulkAction, BulkActionResult, BulkUndoResult } from '../../shared/ipc/channels/contacts';
import { changeConsent } from '../compliance';
import type { SqliteDb } from '../db/connection';
import type { DB } from '../db/schema';
import { allRows, firstRow, qb, runQuery } from '../db/sync-query';
import { deleteContacts } from './edit';
import { restoreContacts, snapshotContacts } from './bulk-snapshot';

/** Contacts per transaction: tens of milliseconds of work, then the event loop (and the window) gets a turn. */
export const BULK_BATCH = 1000;
/**
 * Opt-outs go one by one through changeConsent (audit row, waiting texts skipped), and a delete snapshots each contact
 * and updates the search indexes: both take a few milliseconds a contact on a loaded machine, so smaller batches.
 */
const SLOW_BATCH = 250;
const batchSize = (action: StoredAction, asked?: number) => asked ?? (action === 'opt_out' || action === 'delete' ? SLOW_BATCH : BULK_BATCH);
/** What the opt-out audit says of a bulk opt-out, and of its undo. */
export const BULK_OPT_OUT_TEXT = 'bulk action by owner';
export const BULK_UNDO_TEXT = 'undo of a bulk action by owner';
/** Undo stays possible this long; older records are dropped when the next bulk action starts. */
const KEEP_MS = 24 * 3_600_000;

type StoredAction = DB['contact_bulk_actions']['action'];
const STORED: Record<BulkAction, StoredAction> = { addTag: 'add_tag', removeTag: 'remove_tag', optOut: 'opt_out', delete: 'delete' };
const ACTIONS: Record<StoredAction, BulkAction> = { add_tag: 'addTag', remove_tag: 'removeTag', opt_out: 'optOut', delete: 'delete' };

export interface BulkDeps {
  db: SqliteDb;
  now(): Date;
  /** Contacts per transaction (default BULK_BATCH). */
  batch?: number;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function batches(ids: number[], size = BULK_BATCH): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** The tag a tag action works on: found by name, or (to add) created and remembered as created by this action. */
function tagFor(db: SqliteDb, action: BulkAction, name: string, at: string): { id: number; name: string; created: boolean } {
  const found = firstRow(db, qb.selectFrom('tags').select(['id', 'name']).where('name', '=', name));
  if (found) return { ...found, created: false };
  if (action === 'removeTag') throw new AppError('not_found', `There is no tag named "${name}", so there is nothing to remove.`);
  return { id: runQuery(db, qb.insertInto('tags').values({ name, created_at: at })).lastInsertRowid, name, created: true };
}

/** One batch of the action, inside its transaction; answers how many contacts it changed. */
function applyBatch(db: SqliteDb, action: StoredAction, actionId: number, tagId: number | null, ids: number[], now: Date): number {
  const at = now.toISOString();
  if (action === 'add_tag' || action === 'remove_tag') {
    const tag = tagId ?? 0;
    const changed = runQuery(
      db,
      qb
        .insertInto('contact_bulk_changes')
        .columns(['action_id', 'contact_id'])
        .expression(
          qb
            .selectFrom('contacts')
            .select((eb) => [eb.val(actionId).as('action_id'), 'contacts.id'])
            .where('contacts.id', 'in', ids)
            .where((eb) => {
              const has = eb.exists(eb.selectFrom('contact_tags').select('contact_tags.tag_id').whereRef('contact_tags.contact_id', '=', 'contacts.id').where('contact_tags.tag_id', '=', tag));
              return action === 'add_tag' ? eb.not(has) : has;
            }),
        ),
    ).changes;
    const mine = qb.selectFrom('contact_bulk_changes').select('contact_id').where('action_id', '=', actionId).where('contact_id', 'in', ids);
    if (action === 'add_tag') {
      runQuery(db, qb.insertInto('contact_tags').columns(['contact_id', 'tag_id']).expression(mine.select((eb) => eb.val(tag).as('tag_id'))));
    } else {
      runQuery(db, qb.deleteFrom('contact_tags').where('tag_id', '=', tag).where('contact_id', 'in', mine));
    }
    return changed;
  }
  if (action === 'opt_out') {
    const people = allRows(db, qb.selectFrom('contacts').select(['id', 'phone']).where('id', 'in', ids).where('opted_out', '=', 0));
    for (const p of people) {
      changeConsent(db, { phone: p.phone, optedOut: true, source: 'manual', actor: 'user', at, messageText: BULK_OPT_OUT_TEXT });
      // Ordered as optout_audit_phone (phone, at) is, so the row is found by the index, not by scanning the log.
      const audit = firstRow(db, qb.selectFrom('optout_audit').select('id').where('phone', '=', p.phone).orderBy('at', 'desc').orderBy('id', 'desc').limit(1));
      runQuery(db, qb.insertInto('contact_bulk_changes').values({ action_id: actionId, contact_id: p.id, ref: audit?.id ?? null, snapshot_json: null }));
    }
    return people.length;
  }
  snapshotContacts(db, actionId, ids);
  return deleteContacts(db, ids, now);
}

/**
 * Adds or removes a tag, opts out, or deletes the given contacts, a batch per transaction with the event loop
 * free in between (100,000 contacts never hold the main thread for long). Every change is recorded so that
 * undoBulkAction can put back exactly what changed. An opt-out goes through changeConsent like a single one:
 * audited with source "manual", actor "user" and the message "bulk action by owner".
 */
export async function runBulkAction(deps: BulkDeps, action: BulkAction, ids: number[], tagName?: string): Promise<BulkActionResult> {
  const { db } = deps;
  const now = deps.now();
  const at = now.toISOString();
  const unique = [...new Set(ids)];
  const stored = STORED[action];
  const { actionId, tagId } = db
    .transaction(() => {
      runQuery(db, qb.deleteFrom('contact_bulk_actions').where('created_at', '<', new Date(now.getTime() - KEEP_MS).toISOString()));
      const tag = tagName === undefined ? null : tagFor(db, action, tagName, at);
      const id = runQuery(
        db,
        qb.insertInto('contact_bulk_actions').values({ action: stored, tag_id: tag?.id ?? null, tag_name: tag?.name ?? null, tag_created: tag?.created ? 1 : 0, created_at: at }),
      ).lastInsertRowid;
      return { actionId: id, tagId: tag?.id ?? null };
    })
    .immediate();
  let changed = 0;
  for (const batch of batches(unique, batchSize(stored, deps.batch))) {
    changed += db.transaction(() => applyBatch(db, stored, actionId, tagId, batch, now)).immediate();
    runQuery(db, qb.updateTable('contact_bulk_actions').set({ contacts: changed }).where('id', '=', actionId));
    await turn();
  }
  return { actionId, action, selected: unique.length, changed };
}

/** One batch of an undo; answers how many contacts it put back. */
function undoBatch(db: SqliteDb, a: { id: number; action: StoredAction; tag_id: number | null; created_at: string }, ids: number[], now: Date): number {
  const tag = a.tag_id ?? 0;
  if (a.action === 'add_tag') {
    return runQuery(db, qb.deleteFrom('contact_tags').where('tag_id', '=', tag).where('contact_id', 'in', ids)).changes;
  }
  if (a.action === 'remove_tag') {
    const exists = firstRow(db, qb.selectFrom('tags').select('id').where('id', '=', tag));
    if (!exists) return 0;
    return runQuery(
      db,
      qb
        .insertInto('contact_tags')
        .columns(['contact_id', 'tag_id'])
        .expression(qb.selectFrom('contacts').select((eb) => ['contacts.id', eb.val(tag).as('tag_id')]).where('contacts.id', 'in', ids))
        .onConflict((oc) => oc.doNothing()),
    ).changes;
  }
  if (a.action === 'opt_out') {
    const rows = allRows(
      db,
      qb
        .selectFrom('contact_bulk_changes as ch')
        .innerJoin('contacts as c', 'c.id', 'ch.contact_id')
        .select(['c.phone', 'ch.ref'])
        .where('ch.action_id', '=', a.id)
        .where('ch.contact_id', 'in', ids)
        .where('c.opted_out', '=', 1),
    );
    let restored = 0;
    for (const r of rows) {
      // Only an opt-out that is still the last word: a STOP or START the contact sent since is theirs to keep.
      const last = firstRow(db, qb.selectFrom('optout_audit').select('id').where('phone', '=', r.phone).orderBy('at', 'desc').orderBy('id', 'desc').limit(1));
      if (last?.id !== r.ref) continue;
      changeConsent(db, { phone: r.phone, optedOut: false, source: 'manual', actor: 'user', at: now.toISOString(), messageText: BULK_UNDO_TEXT });
      restored++;
    }
    return restored;
  }
  return restoreContacts(db, a.id, ids, a.created_at).length;
}

/** Puts back what a bulk action changed, once, in batches like the action itself. */
export async function undoBulkAction(deps: BulkDeps, actionId: number): Promise<BulkUndoResult & { action: BulkAction }> {
  const { db } = deps;
  const now = deps.now();
  const a = db
    .transaction(() => {
      const found = firstRow(db, qb.selectFrom('contact_bulk_actions').selectAll().where('id', '=', actionId));
      if (!found) throw new AppError('not_found', 'That action can no longer be undone (undo is kept for a day).');
      if (found.undone_at) throw new AppError('conflict', 'That action was already undone.');
      runQuery(db, qb.updateTable('contact_bulk_actions').set({ undone_at: now.toISOString() }).where('id', '=', actionId));
      return found;
    })
    .immediate();
  const ids = allRows(db, qb.selectFrom('contact_bulk_changes').select('contact_id').where('action_id', '=', actionId).orderBy('contact_id')).map((r) => r.contact_id);
  let restored = 0;
  for (const batch of batches(ids, batchSize(a.action, deps.batch))) {
    restored += db.transaction(() => undoBatch(db, a, batch, now)).immediate();
    await turn();
  }
  if (a.action === 'add_tag' && a.tag_created && a.tag_id !== null) {
    // A tag the action created goes too, unless it has been used since.
    runQuery(db, qb.deleteFrom('tags').where('id', '=', a.tag_id).where((eb) => eb.not(eb.exists(eb.selectFrom('contact_tags').select('contact_id').where('tag_id', '=', a.tag_id)))));
  }
  return { action: ACTIONS[a.action], restored, kept: ids.length - restored };
}
