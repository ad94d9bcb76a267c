import type { RecipientFilter } from '../../shared/analytics';
import type { RecipientRow, RecipientsPage } from '../../shared/ipc/channels/analytics';
import type { SqliteDb } from '../db/connection';
import { allRows, firstRow, qb } from '../db/sync-query';

/** A campaign's recipients with state, outcomes and cost, filtered by outcome, a page at a time. */
export interface RecipientsQuery {
  campaignId: number;
  outcome: RecipientFilter;
  offset: number;
  limit: number;
}

export function campaignRecipients(db: SqliteDb, currency: string, q: RecipientsQuery): RecipientsPage {
  let base = qb
    .selectFrom('outbox_messages as m')
    .leftJoin('contacts as c', 'c.id', 'm.contact_id')
    .where('m.campaign_id', '=', q.campaignId)
    .where('m.kind', '=', 'campaign');
  switch (q.outcome) {
    case 'delivered':
      base = base.where('m.state', '=', 'delivered');
      break;
    case 'undelivered':
      base = base.where('m.state', 'in', ['failed', 'undelivered']);
      break;
    case 'pending':
      base = base.where('m.state', 'in', ['queued', 'sending', 'retry_wait', 'unknown', 'held', 'sent']);
      break;
    case 'clicked':
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom('message_outcomes as o')
            .select('o.id')
            .whereRef('o.outbox_id', '=', 'm.id')
            .where('o.kind', '=', 'clicked'),
        ),
      );
      break;
    case 'replied':
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom('message_outcomes as o')
            .select('o.id')
            .whereRef('o.outbox_id', '=', 'm.id')
            .where('o.kind', '=', 'replied'),
        ),
      );
      break;
    case 'optedOut':
      base = base.where((eb) =>
        eb.exists(
          eb
            .selectFrom('message_outcomes as o')
            .select('o.id')
            .whereRef('o.outbox_id', '=', 'm.id')
            .where('o.kind', '=', 'opted_out'),
        ),
      );
      break;
    case 'converted':
      base = base.where((eb) =>
        eb.exists(eb.selectFrom('conversions as v').select('v.id').whereRef('v.outbox_id', '=', 'm.id')),
      );
      break;
    case 'noResponse':
      base = base
        .where('m.state', '=', 'delivered')
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('message_outcomes as o').select('o.id').whereRef('o.outbox_id', '=', 'm.id'))),
        )
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('conversions as v').select('v.id').whereRef('v.outbox_id', '=', 'm.id'))),
        );
      break;
    case 'all':
      break;
  }
  const total =
    firstRow(
      db,
      base.select((eb) => eb.fn.countAll<number>().as('n')),
    )?.n ?? 0;
  const rows = allRows(
    db,
    base
      .select([
        'm.id',
        'm.contact_id',
        'c.first_name',
        'c.last_name',
        'm.to_phone',
        'm.variant',
        'm.state',
        'm.error_code',
        'm.error_message',
        'm.sent_at',
        'm.delivered_at',
        'm.segments',
        'm.cost_micros',
      ])
      .orderBy('m.id')
      .limit(q.limit)
      .offset(q.offset),
  );
  const ids = rows.map((r) => r.id);
  const outcomes = ids.length
    ? allRows(db, qb.selectFrom('message_outcomes').select(['outbox_id', 'kind', 'rule']).where('outbox_id', 'in', ids))
    : [];
  const conversions = ids.length
    ? allRows(
        db,
        qb
          .selectFrom('conversions')
          .select((eb) => ['outbox_id', eb.fn.sum<number>('amount_minor').as('revenue'), eb.fn.max('rule').as('rule')])
          .where('outbox_id', 'in', ids)
          .groupBy('outbox_id'),
      )
    : [];
  const byMessage = new Map<number, RecipientRow>();
  const result = rows.map((r): RecipientRow => {
    const row: RecipientRow = {
      outboxId: r.id,
      contactId: r.contact_id,
      name: [r.first_name, r.last_name].filter(Boolean).join(' '),
      phone: r.to_phone,
      variant: r.variant,
      state: r.state,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      sentAt: r.sent_at,
      deliveredAt: r.delivered_at,
      segments: r.segments,
      costMicros: r.cost_micros,
      replied: false,
      clicked: false,
      optedOut: false,
      converted: false,
      revenueMinor: 0,
      attribution: null,
    };
    byMessage.set(r.id, row);
    return row;
  });
  for (const o of outcomes) {
    const row = byMessage.get(o.outbox_id);
    if (!row) continue;
    if (o.kind === 'replied') row.replied = true;
    else if (o.kind === 'clicked') row.clicked = true;
    else row.optedOut = true;
    row.attribution ??= o.rule;
  }
  for (const v of conversions) {
    const row = v.outbox_id === null ? undefined : byMessage.get(v.outbox_id);
    if (!row) continue;
    row.converted = true;
    row.revenueMinor = v.revenue;
    row.attribution ??= v.rule;
  }
  return { total, rows: result, currency };
}
