import type { SqliteDb } from '../db/connection';
import { preparedQuery } from '../db/prepared-query';
import { qb } from '../db/sync-query';

/**
 * The launch snapshot's bookkeeping, run in every chunk's transaction beside the chunk's own insert: built and
 * prepared once (preparedQuery), as a snapshot runs them hundreds of times.
 */

const maxContactId = preparedQuery((_: Record<string, never>) =>
  qb.selectFrom('contacts').select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('max')),
);

/** The highest contact id (0 with no contacts): where a set-based snapshot's id ranges end. */
export function highestContactId(db: SqliteDb): number {
  return maxContactId.get(db, {})?.max ?? 0;
}

const rangeStates = preparedQuery((v: { campaignId: number; after: number; upTo: number }) =>
  qb
    .selectFrom('outbox_messages')
    .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', v.campaignId)
    .where('kind', '=', 'campaign')
    .where('contact_id', '>', v.after)
    .where('contact_id', '<=', v.upTo)
    .groupBy('state'),
);

/** How many of the campaign's messages to contacts with an id in (after, upTo] are in each state. */
export function campaignRangeStates(
  db: SqliteDb,
  campaignId: number,
  after: number,
  upTo: number,
): Map<string, number> {
  return new Map(rangeStates.all(db, { campaignId, after, upTo }).map((r) => [r.state, r.n]));
}

const cursorUpdate = preparedQuery((v: { campaignId: number; cursor: number }) =>
  qb.updateTable('campaigns').set({ snapshot_cursor: v.cursor }).where('id', '=', v.campaignId),
);

/** The last contact id a snapshot has written, where it resumes after a crash. */
export function setSnapshotCursor(db: SqliteDb, campaignId: number, cursor: number): void {
  cursorUpdate.run(db, { campaignId, cursor });
}

const countAdd = preparedQuery((v: { campaignId: number; state: string; n: number }) =>
  qb
    .insertInto('outbox_state_counts')
    .values({ campaign_key: v.campaignId, state: v.state, n: v.n })
    .onConflict((oc) =>
      oc
        .columns(['campaign_key', 'state'])
        .doUpdateSet((eb) => ({ n: eb('outbox_state_counts.n', '+', eb.ref('excluded.n')) })),
    ),
);

/** Adds `n` messages in `state` to the campaign's counts (outbox_state_counts, migration 0008). */
export function addStateCount(db: SqliteDb, campaignId: number, state: string, n: number): void {
  countAdd.run(db, { campaignId, state, n });
}

const maxOutboxId = preparedQuery((_: Record<string, never>) =>
  qb.selectFrom('outbox_messages').select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('max')),
);

/** The highest outbox id (0 when empty): a channel writer names each row's id before writing it. */
export function highestOutboxId(db: SqliteDb): number {
  return maxOutboxId.get(db, {})?.max ?? 0;
}

const fieldValues = preparedQuery((v: { contactId: number }) =>
  qb
    .selectFrom('contact_field_values as v')
    .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
    .select(['f.key', 'v.value'])
    .where('v.contact_id', '=', v.contactId),
);

/** A contact's custom field values by key (an e-mail or a call that reads a field reads them once per contact). */
export function contactFieldValues(db: SqliteDb, contactId: number) {
  return fieldValues.all(db, { contactId });
}
