import { AppError } from '../../shared/errors';
import type { BulkAction, BulkActionResult, BulkUndoResult } from '../../shared/ipc/channels/contacts';
import { optInContacts, optOutContacts } from '../compliance';
import type { SqliteDb } from '../db/connection';
import type { DB } from '../db/schema';
import { allRows, firstRow, insertedId, qb, runQuery } from '../db/sync-query';
import { deleteContacts } from './edit';
import { restoreContacts, snapshotContacts } from './bulk-snapshot';
import { transaction } from '../db/transaction';

/** Contacts per transaction: tens of milliseconds of work, then the event loop (and the window) gets a turn. */
export const BULK_BATCH = 1000;
/**
 * A delete snapshots each contact and updates the search indexes: a few milliseconds a contact on a loaded machine,
 * so smaller batches. An opt-out and its undo are a few statements per batch for the whole set (optOutContacts).
 */
const SLOW_BATCH = 250;
const batchSize = (action: StoredAction, asked?: number) => asked ?? (action === 'delete' ? SLOW_BATCH : BULK_BATCH);
/** What the opt-out audit says of a bulk opt-out, and of its undo. */
export const BULK_OPT_OUT_TEXT = 'bulk action by owner';
export const BULK_UNDO_TEXT = 'undo of a bulk action by owner';
/** Undo stays possible this long; older records are dropped when the next bulk action starts. */
const KEEP_MS = 24 * 3_600_000;

type StoredAction = DB['contact_bulk_actions']['action'];
const STORED: Record<BulkAction, StoredAction> = {
  addTag: 'add_tag',
  removeTag: 'remove_tag',
  optOut: 'opt_out',
  delete: 'delete',
};
const ACTIONS: Record<StoredAction, BulkAction> = {
  add_tag: 'addTag',
  remove_tag: 'removeTag',
  opt_out: 'optOut',
  delete: 'delete',
};

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
function tagFor(
  db: SqliteDb,
  action: BulkAction,
  name: string,
  at: string,
): { id: number; name: string; created: boolean } {
  const found = firstRow(db, qb.selectFrom('tags').select(['id', 'name']).where('name', '=', name));
  if (found) return { ...found, created: false };
  if (action === 'removeTag')
    throw new AppError('not_found', `There is no tag named "${name}", so there is nothing to remove.`);
  return {
    id: insertedId(db, qb.insertInto('tags').values({ name, created_at: at }).returning('id')),
    name,
    created: true,
  };
}

/** One batch of the action, inside its transaction; answers how many contacts it changed. */
function applyBatch(
  db: SqliteDb,
  action: StoredAction,
  actionId: number,
  tagId: number | null,
  ids: number[],
  now: Date,
): number {
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
              const has = eb.exists(
                eb
                  .selectFrom('contact_tags')
                  .select('contact_tags.tag_id')
                  .whereRef('contact_tags.contact_id', '=', 'contacts.id')
                  .where('contact_tags.tag_id', '=', tag),
              );
              return action === 'add_tag' ? eb.not(has) : has;
            }),
        ),
    ).changes;
    const mine = qb
      .selectFrom('contact_bulk_changes')
      .select('contact_id')
      .where('action_id', '=', actionId)
      .where('contact_id', 'in', ids);
    if (action === 'add_tag') {
      runQuery(
        db,
        qb
          .insertInto('contact_tags')
          .columns(['contact_id', 'tag_id'])
          .expression(mine.select((eb) => eb.val(tag).as('tag_id'))),
      );
    } else {
      runQuery(db, qb.deleteFrom('contact_tags').where('tag_id', '=', tag).where('contact_id', 'in', mine));
    }
    return changed;
  }
  if (action === 'opt_out') {
    const changed = optOutContacts(db, ids, { source: 'manual', actor: 'user', at, messageText: BULK_OPT_OUT_TEXT });
    if (changed.length) {
      // The audit rows one statement just inserted, so every row between the lowest and the highest id is one of them.
      const auditIds = changed.map((c) => c.auditId);
      const audits = qb
        .selectFrom('optout_audit')
        .select((eb) => [eb.val(actionId).as('action_id'), 'contact_id', 'id'])
        .where('id', '>=', Math.min(...auditIds))
        .where('id', '<=', Math.max(...auditIds));
      runQuery(
        db,
        qb.insertInto('contact_bulk_changes').columns(['action_id', 'contact_id', 'ref']).expression(audits),
      );
    }
    return changed.length;
  }
  snapshotContacts(db, actionId, ids);
  return deleteContacts(db, ids, now);
}

/**
 * Adds or removes a tag, opts out, or deletes the given contacts, a batch per transaction with the event loop
 * free in between (100,000 contacts never hold the main thread for long). Every change is recorded so that
 * undoBulkAction can put back exactly what changed. An opt-out is recorded as changeConsent records a single one (optOutContacts):
 * audited with source "manual", actor "user" and the message "bulk action by owner".
 */
export async function runBulkAction(
  deps: BulkDeps,
  action: BulkAction,
  ids: number[],
  tagName?: string,
): Promise<BulkActionResult> {
  const { db } = deps;
  const now = deps.now();
  const at = now.toISOString();
  const unique = [...new Set(ids)];
  const stored = STORED[action];
  const { actionId, tagId } = transaction(
    db,
    () => {
      runQuery(
        db,
        qb.deleteFrom('contact_bulk_actions').where('created_at', '<', new Date(now.getTime() - KEEP_MS).toISOString()),
      );
      const tag = tagName === undefined ? null : tagFor(db, action, tagName, at);
      const id = insertedId(
        db,
        qb
          .insertInto('contact_bulk_actions')
          .values({
            action: stored,
            tag_id: tag?.id ?? null,
            tag_name: tag?.name ?? null,
            tag_created: tag?.created ? 1 : 0,
            created_at: at,
          })
          .returning('id'),
      );
      return { actionId: id, tagId: tag?.id ?? null };
    },
    { immediate: true },
  );
  let changed = 0;
  for (const batch of batches(unique, batchSize(stored, deps.batch))) {
    changed += transaction(db, () => applyBatch(db, stored, actionId, tagId, batch, now), { immediate: true });
    runQuery(db, qb.updateTable('contact_bulk_actions').set({ contacts: changed }).where('id', '=', actionId));
    await turn();
  }
  return { actionId, action, selected: unique.length, changed };
}

/** One batch of an undo; answers how many contacts it put back. */
function undoBatch(
  db: SqliteDb,
  a: { id: number; action: StoredAction; tag_id: number | null; created_at: string },
  ids: number[],
  now: Date,
): number {
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
        .expression(
          qb
            .selectFrom('contacts')
            .select((eb) => ['contacts.id', eb.val(tag).as('tag_id')])
            .where('contacts.id', 'in', ids),
        )
        .onConflict((oc) => oc.doNothing()),
    ).changes;
  }
  if (a.action === 'opt_out') {
    // A batch is a run of the action's contacts in id order: its records are those between its first and last id.
    const rows = allRows(
      db,
      qb
        .selectFrom('contact_bulk_changes')
        .select(['contact_id', 'ref'])
        .where('action_id', '=', a.id)
        .where('contact_id', '>=', ids[0])
        .where('contact_id', '<=', ids[ids.length - 1]),
    );
    // Only an opt-out that is still the last word: a STOP or START the contact sent since is theirs to keep.
    return optInContacts(
      db,
      rows.map((r) => ({ contactId: r.contact_id, auditId: r.ref })),
      { source: 'manual', actor: 'user', at: now.toISOString(), messageText: BULK_UNDO_TEXT },
    );
  }
  return restoreContacts(db, a.id, ids, a.created_at).length;
}

/** Puts back what a bulk action changed, once, in batches like the action itself. */
export async function undoBulkAction(
  deps: BulkDeps,
  actionId: number,
): Promise<BulkUndoResult & { action: BulkAction }> {
  const { db } = deps;
  const now = deps.now();
  const a = transaction(
    db,
    () => {
      const found = firstRow(db, qb.selectFrom('contact_bulk_actions').selectAll().where('id', '=', actionId));
      if (!found) throw new AppError('not_found', 'That action can no longer be undone (undo is kept for a day).');
      if (found.undone_at) throw new AppError('conflict', 'That action was already undone.');
      runQuery(
        db,
        qb.updateTable('contact_bulk_actions').set({ undone_at: now.toISOString() }).where('id', '=', actionId),
      );
      return found;
    },
    { immediate: true },
  );
  // The action's contacts a batch at a time, in id order (reading 100,000 at once held the main thread).
  const size = batchSize(a.action, deps.batch);
  let restored = 0;
  let total = 0;
  for (let after = 0; ;) {
    const batch = allRows(
      db,
      qb
        .selectFrom('contact_bulk_changes')
        .select('contact_id')
        .where('action_id', '=', actionId)
        .where('contact_id', '>', after)
        .orderBy('contact_id')
        .limit(size),
    ).map((r) => r.contact_id);
    if (!batch.length) break;
    after = batch[batch.length - 1];
    total += batch.length;
    restored += transaction(db, () => undoBatch(db, a, batch, now), { immediate: true });
    await turn();
  }
  if (a.action === 'add_tag' && a.tag_created && a.tag_id !== null) {
    // A tag the action created goes too, unless it has been used since.
    runQuery(
      db,
      qb
        .deleteFrom('tags')
        .where('id', '=', a.tag_id)
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('contact_tags').select('contact_id').where('tag_id', '=', a.tag_id))),
        ),
    );
  }
  return { action: ACTIONS[a.action], restored, kept: total - restored };
}
