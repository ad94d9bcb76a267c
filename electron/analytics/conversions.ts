import { isConversionSource, toMinor } from '../../shared/analytics';
import { AppError } from '../../shared/errors';
import type { ConversionAdded, ConversionRow, ConversionsPage } from '../../shared/ipc/channels/analytics';
import type { SqliteDb } from '../db/connection';
import { allRows, firstRow, qb, runQuery } from '../db/sync-query';
import { cleanPhoneCell, normalisePhoneUncached } from '../contacts';
import { attribute } from './attribution';
import { insertConversion } from './record';
import type { AnalyticsSettings } from './settings';
import { transaction } from '../db/transaction';

export interface ManualConversion {
  contactId?: number;
  phone?: string;
  outboxId?: number;
  /** Decimal amount in the business currency. */
  amount: number;
  at?: string;
  note?: string;
  orderId?: string;
}

/** The contact a phone number (as the owner types it) belongs to, or an error naming the number. */
export function contactByPhone(db: SqliteDb, phone: string, country: string): number {
  const n = normalisePhoneUncached(cleanPhoneCell(phone), country);
  if (!n.ok) throw new AppError('invalid_input', `"${phone}" is not a phone number (${n.reason}).`);
  const row = firstRow(db, qb.selectFrom('contacts').select('id').where('phone', '=', n.e164));
  if (!row) throw new AppError('not_found', `No contact has the phone number ${n.e164}.`);
  return row.id;
}

/**
 * The owner's own mark of a sale or booking (inbox thread, contact panel, campaign page, CLI). On a campaign message
 * it belongs to that message; otherwise the attribution windows decide, and it may belong to no campaign.
 */
export function addManualConversion(
  db: SqliteDb,
  s: AnalyticsSettings,
  input: ManualConversion,
  now: Date,
  country: string,
  actor = 'user',
): ConversionAdded {
  if (!Number.isFinite(input.amount) || input.amount < 0)
    throw new AppError('invalid_input', `The amount must be 0 or more, got ${input.amount}.`);
  const at = input.at ? new Date(input.at) : now;
  if (Number.isNaN(at.getTime()))
    throw new AppError('invalid_input', `"${input.at}" is not a date-time; use ISO such as 2026-11-01T14:00:00Z.`);
  if (at.getTime() > now.getTime() + 60_000)
    throw new AppError('invalid_input', `The conversion date ${at.toISOString()} is in the future.`);
  const atIso = at.toISOString();
  return transaction(
    db,
    (): ConversionAdded => {
      let contactId: number;
      let attribution = null;
      if (input.outboxId !== undefined) {
        const m = firstRow(
          db,
          qb
            .selectFrom('outbox_messages')
            .select(['id', 'campaign_id', 'contact_id'])
            .where('id', '=', input.outboxId)
            .where('kind', '=', 'campaign'),
        );
        if (!m || m.campaign_id === null)
          throw new AppError('not_found', `Message ${input.outboxId} is not a campaign message.`);
        if (m.contact_id === null) throw new AppError('conflict', 'The contact this message went to has been deleted.');
        contactId = m.contact_id;
        attribution = { outboxId: m.id, campaignId: m.campaign_id, rule: 'direct' as const };
      } else {
        contactId = input.contactId ?? contactByPhone(db, input.phone ?? '', country);
        if (!firstRow(db, qb.selectFrom('contacts').select('id').where('id', '=', contactId)))
          throw new AppError('not_found', `There is no contact ${contactId}.`);
        attribution = attribute(db, contactId, atIso, s.windows);
      }
      const sourceId = input.orderId ? `order:${input.orderId}` : `manual:${contactId}:${atIso}`;
      const { id, created } = insertConversion(db, {
        contactId,
        source: 'manual',
        sourceId,
        amountMinor: toMinor(input.amount, s.currency),
        currency: s.currency,
        at: atIso,
        actor,
        attribution,
        windows: s.windows,
        createdAt: now.toISOString(),
        orderId: input.orderId ?? null,
        note: input.note ?? null,
      });
      if (!created)
        throw new AppError(
          'conflict',
          input.orderId
            ? `Order ${input.orderId} is already recorded as a conversion.`
            : 'This conversion is already recorded.',
        );
      return { id, contactId, campaignId: attribution?.campaignId ?? null };
    },
    { immediate: true },
  );
}

export interface ConversionQuery {
  campaignId?: number;
  contactId?: number;
  source?: string;
  offset: number;
  limit: number;
}

export function listConversions(db: SqliteDb, currency: string, q: ConversionQuery): ConversionsPage {
  let base = qb
    .selectFrom('conversions as v')
    .leftJoin('contacts as c', 'c.id', 'v.contact_id')
    .leftJoin('campaigns as k', 'k.id', 'v.campaign_id');
  if (q.campaignId !== undefined) base = base.where('v.campaign_id', '=', q.campaignId);
  if (q.contactId !== undefined) base = base.where('v.contact_id', '=', q.contactId);
  if (q.source !== undefined) base = base.where('v.source', '=', q.source as ConversionRow['source']);
  const total =
    firstRow(
      db,
      base.select((eb) => eb.fn.countAll<number>().as('n')),
    )?.n ?? 0;
  const rows = allRows(
    db,
    base
      .select([
        'v.id',
        'v.contact_id',
        'c.first_name',
        'c.last_name',
        'c.phone',
        'v.campaign_id',
        'k.name as campaign_name',
        'v.outbox_id',
        'v.source',
        'v.source_id',
        'v.amount_minor',
        'v.currency',
        'v.order_id',
        'v.note',
        'v.at',
        'v.rule',
        'v.click_days',
        'v.delivery_hours',
        'v.import_id',
      ])
      .orderBy('v.at', 'desc')
      .orderBy('v.id', 'desc')
      .limit(q.limit)
      .offset(q.offset),
  );
  return {
    total,
    currency,
    rows: rows.map((r) => ({
      id: r.id,
      contactId: r.contact_id,
      contactName: [r.first_name, r.last_name].filter(Boolean).join(' '),
      phone: r.phone,
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      outboxId: r.outbox_id,
      source: isConversionSource(r.source) ? r.source : 'manual',
      sourceId: r.source_id,
      amountMinor: r.amount_minor,
      currency: r.currency,
      orderId: r.order_id,
      note: r.note,
      at: r.at,
      attribution: r.rule,
      windows:
        r.click_days !== null && r.delivery_hours !== null
          ? { clickDays: r.click_days, deliveryHours: r.delivery_hours }
          : null,
      importId: r.import_id,
    })),
  };
}

/** Deletes a conversion; the roll-ups follow by trigger (and the recipient's next conversion, if any, counts them). */
export function deleteConversion(db: SqliteDb, id: number): { deleted: boolean } {
  return { deleted: runQuery(db, qb.deleteFrom('conversions').where('id', '=', id)).changes === 1 };
}
