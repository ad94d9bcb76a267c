import type { AttributionWindows, ConversionSource, OutcomeKind } from '../../shared/analytics';
import type { SqliteDb } from '../db/connection';
import { firstRow, qb, runQuery } from '../db/sync-query';
import type { Attribution } from './attribution';

/** Stores a message's outcome with the attribution that gave it, once per message and kind (the first one counts). */
export function recordMessageOutcome(
  db: SqliteDb,
  a: Attribution,
  o: {
    kind: OutcomeKind;
    contactId: number | null;
    at: string;
    windows: AttributionWindows;
    sourceRef: string;
    reason?: string;
  },
): boolean {
  const r = runQuery(
    db,
    qb
      .insertInto('message_outcomes')
      .values({
        outbox_id: a.outboxId,
        campaign_id: a.campaignId,
        contact_id: o.contactId,
        kind: o.kind,
        at: o.at,
        rule: a.rule,
        click_days: o.windows.clickDays,
        delivery_hours: o.windows.deliveryHours,
        source_ref: o.sourceRef,
        reason: o.reason ?? null,
      })
      .onConflict((oc) => oc.columns(['outbox_id', 'kind']).doNothing()),
  );
  return r.changes === 1;
}

export function removeOutcome(db: SqliteDb, outboxId: number, kind: OutcomeKind): boolean {
  return (
    runQuery(db, qb.deleteFrom('message_outcomes').where('outbox_id', '=', outboxId).where('kind', '=', kind))
      .changes === 1
  );
}

export interface NewConversion {
  contactId: number;
  source: ConversionSource;
  sourceId: string;
  amountMinor: number;
  currency: string;
  at: string;
  actor: string;
  attribution: Attribution | null;
  windows: AttributionWindows | null;
  createdAt: string;
  orderId?: string | null;
  note?: string | null;
  importId?: string | null;
  inboundMessageId?: number | null;
  keyword?: string | null;
}

/** Inserts a conversion unless the same (source, source id) is already recorded; answers its id and whether it is new. */
export function insertConversion(db: SqliteDb, c: NewConversion): { id: number; created: boolean } {
  const inserted = firstRow(
    db,
    qb
      .insertInto('conversions')
      .values({
        contact_id: c.contactId,
        campaign_id: c.attribution?.campaignId ?? null,
        outbox_id: c.attribution?.outboxId ?? null,
        source: c.source,
        source_id: c.sourceId,
        amount_minor: c.amountMinor,
        currency: c.currency,
        order_id: c.orderId ?? null,
        note: c.note ?? null,
        import_id: c.importId ?? null,
        inbound_message_id: c.inboundMessageId ?? null,
        keyword: c.keyword ?? null,
        actor: c.actor,
        at: c.at,
        rule: c.attribution?.rule ?? null,
        click_days: c.attribution ? (c.windows?.clickDays ?? null) : null,
        delivery_hours: c.attribution ? (c.windows?.deliveryHours ?? null) : null,
        created_at: c.createdAt,
      })
      .onConflict((oc) => oc.columns(['source', 'source_id']).doNothing())
      .returning('id'),
  );
  if (inserted) return { id: inserted.id, created: true };
  const existing = firstRow(
    db,
    qb.selectFrom('conversions').select('id').where('source', '=', c.source).where('source_id', '=', c.sourceId),
  );
  if (!existing) throw new Error(`conversion ${c.source}:${c.sourceId} was neither inserted nor found`);
  return { id: existing.id, created: false };
}
