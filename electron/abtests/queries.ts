import type { Insertable, NotNull, Selectable } from 'kysely';
import type { SqliteDb } from '../db/connection';
import type { DB } from '../db/schema';
import { jsonText } from '../db/sql-fns';
import { allRows, firstRow, qb, runQuery } from '../db/sync-query';

export type AbStateRow = Selectable<DB['ab_state']>;

/** The campaign's A/B state row, created empty on first use. */
export function abStateRow(db: SqliteDb, campaignId: number, nowIso: string): AbStateRow | undefined {
  runQuery(
    db,
    qb
      .insertInto('ab_state')
      .values({ campaign_id: campaignId, updated_at: nowIso })
      .onConflict((oc) => oc.column('campaign_id').doNothing()),
  );
  return firstRow(db, qb.selectFrom('ab_state').selectAll().where('campaign_id', '=', campaignId));
}

export function setLooks(db: SqliteDb, campaignId: number, looksJson: string, nowIso: string): void {
  runQuery(
    db,
    qb.updateTable('ab_state').set({ looks_json: looksJson, updated_at: nowIso }).where('campaign_id', '=', campaignId),
  );
}

/** Stores the first verdict only; answers whether this one was stored. */
export function setFirstVerdict(
  db: SqliteDb,
  campaignId: number,
  decision: { verdictJson: string; winnerIndex: number | null; approval: AbStateRow['approval'] },
  nowIso: string,
): boolean {
  const q = qb
    .updateTable('ab_state')
    .set({
      verdict_json: decision.verdictJson,
      decided_at: nowIso,
      winner_index: decision.winnerIndex,
      approval: decision.approval,
      updated_at: nowIso,
    })
    .where('campaign_id', '=', campaignId)
    .where('verdict_json', 'is', null);
  return runQuery(db, q).changes === 1;
}

/**
 * Fixes the variant the held-back rest gets (an approval awaited becomes approved); answers false when another
 * release already fixed one.
 */
export function claimRelease(
  db: SqliteDb,
  campaignId: number,
  release: { index: number; chosenBy: 'verdict' | 'owner' },
  nowIso: string,
): boolean {
  const q = qb
    .updateTable('ab_state')
    .set((eb) => ({
      winner_sent_at: nowIso,
      release_index: release.index,
      release_chosen_by: release.chosenBy,
      approval: eb
        .case('approval')
        .when('awaiting')
        .then(eb.val<AbStateRow['approval']>('approved'))
        .else(eb.ref('approval'))
        .end(),
      updated_at: nowIso,
    }))
    .where('campaign_id', '=', campaignId)
    .where('winner_sent_at', 'is', null);
  return runQuery(db, q).changes === 1;
}

export function markReleaseDone(db: SqliteDb, campaignId: number, nowIso: string): void {
  runQuery(
    db,
    qb
      .updateTable('ab_state')
      .set((eb) => ({ winner_done_at: eb.fn.coalesce('winner_done_at', eb.val(nowIso)), updated_at: nowIso }))
      .where('campaign_id', '=', campaignId),
  );
}

/**
 * A/B campaigns the background check must look at: prepared and not cancelled, and still without a verdict, or with
 * a release to finish, or (test-then-winner, decided without a winner) under the decision deadline.
 */
export function waitingAbCampaignIds(db: SqliteDb): number[] {
  const q = qb
    .selectFrom('campaigns as c')
    .leftJoin('ab_state as s', 's.campaign_id', 'c.id')
    .select('c.id')
    .where('c.ab_json', 'is not', null)
    .where('c.status', 'in', ['sending', 'paused', 'completed'])
    .where('c.snapshot_state', '=', 'complete')
    .where((eb) => {
      const holdsBackRest = eb(jsonText(eb.ref('c.ab_json'), ['testPercent']), 'is not', null);
      return eb.or([
        eb('s.campaign_id', 'is', null),
        eb('s.verdict_json', 'is', null),
        eb.and([
          holdsBackRest,
          eb('s.winner_done_at', 'is', null),
          eb.or([eb('s.winner_index', 'is not', null), eb('s.winner_sent_at', 'is not', null)]),
        ]),
        // decided without a winner: the decision deadline applies (electron/abtests/deadline.ts)
        eb.and([
          holdsBackRest,
          eb('s.winner_sent_at', 'is', null),
          eb('s.winner_index', 'is', null),
          eb('s.decision_needed_at', 'is', null),
        ]),
      ]);
    })
    .orderBy('c.id');
  return allRows(db, q).map((r) => r.id);
}

/** A tracked link, with the channel of its message and when that message was handed over (null: not yet). */
export function trackedLinkByCode(db: SqliteDb, code: string) {
  return firstRow(
    db,
    qb
      .selectFrom('tracked_links as l')
      .leftJoin('outbox_messages as m', 'm.id', 'l.outbox_id')
      .select(['l.id', 'l.url', 'm.channel', 'm.sent_at as sentAt'])
      .where('l.code', '=', code),
  );
}

export function insertClick(db: SqliteDb, click: Omit<Insertable<DB['link_clicks']>, 'id'>): void {
  runQuery(db, qb.insertInto('link_clicks').values(click));
}

/** The salt of visitors' address hashes (migration 0005 creates it). */
export function clickSalt(db: SqliteDb): Buffer | undefined {
  return firstRow(db, qb.selectFrom('click_salt').select('salt').where('id', '=', 1))?.salt;
}

/** Recipients who clicked (bots aside), counted clicks, and bot visits of the campaign's links. */
export function clickTotals(
  db: SqliteDb,
  campaignId: number,
): { unique: number; total: number | null; bots: number | null } | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('tracked_links as l')
      .innerJoin('link_clicks as k', 'k.link_id', 'l.id')
      .select((eb) => [
        eb.fn
          .count<number>(eb.case().when('k.is_bot', '=', 0).then(eb.ref('l.outbox_id')).end())
          .distinct()
          .as('unique'),
        eb.fn.sum<number | null>(eb.case().when('k.is_bot', '=', 0).then(1).else(0).end()).as('total'),
        eb.fn.sum<number | null>(eb.case().when('k.is_bot', '=', 1).then(1).else(0).end()).as('bots'),
      ])
      .where('l.campaign_id', '=', campaignId),
  );
}

/** Fixes once whether a campaign tracks its links. */
export function fixLinkTracking(db: SqliteDb, campaignId: number, track: boolean): void {
  runQuery(
    db,
    qb
      .updateTable('campaigns')
      .set({ track_links: track ? 1 : 0 })
      .where('id', '=', campaignId)
      .where('track_links', 'is', null),
  );
}

/** A campaign message by its id, or by campaign and contact. */
export function campaignMessage(
  db: SqliteDb,
  target: { outboxId: number } | { contactId: number; campaignId: number },
) {
  const q = qb
    .selectFrom('outbox_messages')
    .select(['id', 'campaign_id as campaignId', 'contact_id as contactId'])
    .where('kind', '=', 'campaign')
    .where('campaign_id', 'is not', null)
    .$narrowType<{ campaignId: NotNull }>();
  return firstRow(
    db,
    'outboxId' in target
      ? q.where('id', '=', target.outboxId)
      : q.where('campaign_id', '=', target.campaignId).where('contact_id', '=', target.contactId),
  );
}

/** The recipient's first conversion for the campaign, if any. */
export function firstConversionId(db: SqliteDb, campaignId: number, contactId: number): number | undefined {
  return firstRow(
    db,
    qb
      .selectFrom('conversions')
      .select('id')
      .where('campaign_id', '=', campaignId)
      .where('contact_id', '=', contactId)
      .orderBy('id')
      .limit(1),
  )?.id;
}

/** Replies to the campaign from recipients not yet converted, with the campaign message they answer, oldest first. */
export function unconvertedReplies(db: SqliteDb, campaignId: number) {
  return allRows(
    db,
    qb
      .selectFrom('inbound_messages as i')
      .innerJoin('outbox_messages as m', (j) =>
        j
          .onRef('m.campaign_id', '=', 'i.campaign_id')
          .onRef('m.contact_id', '=', 'i.contact_id')
          .on('m.kind', '=', 'campaign'),
      )
      .select([
        'i.id as inboundId',
        'i.contact_id as contactId',
        'i.body',
        'i.received_at as receivedAt',
        'm.id as outboxId',
        'm.sent_at as sentAt',
      ])
      .where('i.campaign_id', '=', campaignId)
      .where('m.sent_at', 'is not', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('conversions as v')
              .select('v.id')
              .whereRef('v.campaign_id', '=', 'i.campaign_id')
              .whereRef('v.contact_id', '=', 'i.contact_id'),
          ),
        ),
      )
      .orderBy('i.received_at')
      .orderBy('i.id')
      .$narrowType<{ contactId: NotNull; sentAt: NotNull }>(),
  );
}

/** Held messages of the campaign, oldest first, with what rendering the winner needs of their contact. */
export function heldMessages(db: SqliteDb, campaignId: number, limit: number) {
  return allRows(
    db,
    qb
      .selectFrom('outbox_messages as m')
      .leftJoin('contacts as c', 'c.id', 'm.contact_id')
      .select([
        'm.id',
        'm.contact_id as contactId',
        'c.phone',
        'c.first_name',
        'c.last_name',
        'c.email',
        'c.opted_out as optedOut',
      ])
      .where('m.campaign_id', '=', campaignId)
      .where('m.kind', '=', 'campaign')
      .where('m.state', '=', 'held')
      .orderBy('m.id')
      .limit(limit),
  );
}

/** The values these contacts hold in the custom fields with these keys. */
export function customFieldValues(
  db: SqliteDb,
  contactIds: readonly number[],
  keys: readonly string[],
): Array<{ contactId: number; key: string; value: string }> {
  if (contactIds.length === 0 || keys.length === 0) return [];
  return allRows(
    db,
    qb
      .selectFrom('contact_field_values as v')
      .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
      .select(['v.contact_id as contactId', 'f.key', 'v.value'])
      .where('v.contact_id', 'in', contactIds)
      .where('f.key', 'in', keys),
  );
}
