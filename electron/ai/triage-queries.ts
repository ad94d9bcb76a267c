import type { TriageLabel } from '../../shared/ai';
import type { ReplyTriageView } from '../../shared/ipc/channels/ai';
import type { Kdb } from '../db/kysely';

/** Reply triage rows (migration 0017), written and read with Kysely. */

const VIEW_COLUMNS = [
  'inbound_message_id as inboundId',
  'label',
  'confidence',
  'flagged_for_review as flagged',
  'reviewed_at as reviewedAt',
  'problem',
  'classified_at as classifiedAt',
] as const;

type Row = {
  inboundId: number;
  label: TriageLabel | null;
  confidence: number | null;
  flagged: number;
  reviewedAt: string | null;
  problem: string | null;
  classifiedAt: string;
};
const toView = (r: Row): ReplyTriageView => ({ ...r, flagged: r.flagged === 1 });

export async function inboundReply(
  kdb: Kdb,
  inboundId: number,
): Promise<{ id: number; body: string; keyword: string | null } | undefined> {
  return kdb
    .selectFrom('inbound_messages')
    .select(['id', 'body', 'keyword'])
    .where('id', '=', inboundId)
    .executeTakeFirst();
}

/** Replies still without a label: ordinary texts only (keywords such as STOP are the compliance code's), oldest first. */
export async function repliesWaitingForTriage(
  kdb: Kdb,
  since: string,
  limit: number,
): Promise<Array<{ id: number; body: string }>> {
  return kdb
    .selectFrom('inbound_messages as m')
    .leftJoin('reply_triage as t', 't.inbound_message_id', 'm.id')
    .select(['m.id', 'm.body'])
    .where('t.inbound_message_id', 'is', null)
    .where('m.keyword', 'is', null)
    .where('m.received_at', '>=', since)
    .orderBy('m.id')
    .limit(limit)
    .execute();
}

export interface TriageOutcome {
  label: TriageLabel | null;
  confidence: number | null;
  problem: string | null;
  model: string;
  at: string;
}

/** Stores (or replaces, for a re-run) the label; a possible opt-out is flagged for review, nothing else happens. */
export async function saveTriage(kdb: Kdb, inboundId: number, o: TriageOutcome): Promise<ReplyTriageView> {
  const row = {
    label: o.label,
    confidence: o.confidence,
    flagged_for_review: o.label === 'possible_opt_out' ? 1 : 0,
    reviewed_at: null,
    problem: o.problem,
    model: o.model,
    classified_at: o.at,
  };
  await kdb
    .insertInto('reply_triage')
    .values({ inbound_message_id: inboundId, ...row })
    .onConflict((oc) => oc.column('inbound_message_id').doUpdateSet(row))
    .execute();
  const saved = await kdb
    .selectFrom('reply_triage')
    .select(VIEW_COLUMNS)
    .where('inbound_message_id', '=', inboundId)
    .executeTakeFirstOrThrow();
  return toView(saved);
}

export async function conversationLabels(kdb: Kdb, contactId: number): Promise<ReplyTriageView[]> {
  const rows = await kdb
    .selectFrom('reply_triage')
    .innerJoin('inbound_messages as m', 'm.id', 'reply_triage.inbound_message_id')
    .select(VIEW_COLUMNS)
    .where('m.contact_id', '=', contactId)
    .orderBy('reply_triage.inbound_message_id')
    .execute();
  return rows.map(toView);
}

export async function markReviewed(kdb: Kdb, inboundId: number, at: string): Promise<boolean> {
  const r = await kdb
    .updateTable('reply_triage')
    .set({ reviewed_at: at })
    .where('inbound_message_id', '=', inboundId)
    .where('flagged_for_review', '=', 1)
    .where('reviewed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function waitingReviewCount(kdb: Kdb): Promise<number> {
  const r = await kdb
    .selectFrom('reply_triage')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('flagged_for_review', '=', 1)
    .where('reviewed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
