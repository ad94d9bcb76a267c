import { fromMicros, fromMinor, fromMinorPrecise, rates } from '../../shared/analytics';
import type { ExportKind } from '../../shared/ipc/channels/analytics';
import type { SqliteDb } from '../db/connection';
import { qb } from '../db/sync-query';
import { iterateRows } from '../db/sync-iterate';
import { csvCell } from '../compliance';
import type { AnalyticsSettings } from './settings';
import { campaignTotals, resultsSummary } from './totals';

/**
 * Spreadsheet-safe CSV (formula characters escaped by the opt-out export's csvCell), one line at a time so an
 * export of ten million messages never sits in memory. Money in decimals of the business currency.
 */
type Cell = string | number | null;
const line = (cells: Cell[]) => cells.map(csvCell).join(',');

function* messages(db: SqliteDb, s: AnalyticsSettings, campaignId?: number): Generator<string> {
  yield line([
    'message_id',
    'campaign_id',
    'campaign',
    'phone',
    'name',
    'variant',
    'state',
    'error',
    'sent_at',
    'delivered_at',
    'segments',
    `cost_${s.currency}`,
    'replied',
    'clicked',
    'opted_out',
    'converted',
    `revenue_${s.currency}`,
  ]);
  let q = qb
    .selectFrom('outbox_messages as m')
    .innerJoin('campaigns as k', 'k.id', 'm.campaign_id')
    .leftJoin('contacts as c', 'c.id', 'm.contact_id')
    .select((eb) => [
      'm.id',
      'm.campaign_id',
      'k.name',
      'm.to_phone',
      'c.first_name',
      'c.last_name',
      'm.variant',
      'm.state',
      'm.error_message',
      'm.sent_at',
      'm.delivered_at',
      'm.segments',
      'm.cost_micros',
      eb
        .selectFrom('message_outcomes as o')
        .select((e) => e.fn.max('o.kind').as('k'))
        .whereRef('o.outbox_id', '=', 'm.id')
        .where('o.kind', '=', 'replied')
        .as('replied'),
      eb
        .selectFrom('message_outcomes as o')
        .select((e) => e.fn.max('o.kind').as('k'))
        .whereRef('o.outbox_id', '=', 'm.id')
        .where('o.kind', '=', 'clicked')
        .as('clicked'),
      eb
        .selectFrom('message_outcomes as o')
        .select((e) => e.fn.max('o.kind').as('k'))
        .whereRef('o.outbox_id', '=', 'm.id')
        .where('o.kind', '=', 'opted_out')
        .as('optedOut'),
      eb
        .selectFrom('conversions as v')
        .select((e) => e.fn.sum<number>('v.amount_minor').as('r'))
        .whereRef('v.outbox_id', '=', 'm.id')
        .as('revenue'),
      eb
        .selectFrom('conversions as v')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('v.outbox_id', '=', 'm.id')
        .as('conversions'),
    ])
    .where('m.kind', '=', 'campaign')
    .orderBy('m.id');
  if (campaignId !== undefined) q = q.where('m.campaign_id', '=', campaignId);
  for (const r of iterateRows(db, q)) {
    const yes = (v: unknown) => (v ? 'yes' : 'no');
    yield line([
      r.id,
      r.campaign_id,
      r.name,
      r.to_phone,
      [r.first_name, r.last_name].filter(Boolean).join(' '),
      r.variant,
      r.state,
      r.error_message,
      r.sent_at,
      r.delivered_at,
      r.segments,
      // A message's own cost keeps its precision ($0.0079); only totals are rounded to the currency.
      r.cost_micros === null ? null : fromMicros(r.cost_micros),
      yes(r.replied),
      yes(r.clicked),
      yes(r.optedOut),
      yes((r.conversions ?? 0) > 0),
      fromMinor(r.revenue ?? 0, s.currency),
    ]);
  }
}

function* results(db: SqliteDb, s: AnalyticsSettings, campaignId?: number): Generator<string> {
  yield line([
    'campaign_id',
    'campaign',
    'sent',
    'delivered',
    'failed',
    'replied',
    'clicked',
    'opted_out',
    'converted',
    `revenue_${s.currency}`,
    `spend_${s.currency}`,
    'delivery_rate',
    'reply_rate',
    'click_rate',
    'opt_out_rate',
    'conversion_rate',
    'roi',
    'epm',
    'cost_per_conversion',
    'click_window_days',
    'delivery_window_hours',
  ]);
  let q = qb.selectFrom('campaigns').select(['id', 'name']).orderBy('id');
  if (campaignId !== undefined) q = q.where('id', '=', campaignId);
  const campaigns = [...iterateRows(db, q)];
  const totals = campaignTotals(
    db,
    s.currency,
    campaigns.map((c) => c.id),
  );
  for (const c of campaigns) {
    const t = totals.get(c.id);
    if (!t) continue;
    const r = resultsSummary(c, t, s.currency, s.windows);
    const rt = rates(t);
    yield line([
      r.id,
      r.name,
      r.sent,
      r.delivered,
      r.failed,
      r.replied,
      r.clicked,
      r.optedOut,
      r.converted,
      r.revenue,
      r.spend,
      rt.delivery,
      rt.reply,
      rt.click,
      rt.optOut,
      rt.conversion,
      r.roi,
      r.epm,
      r.costPerConversion,
      r.windows.clickDays,
      r.windows.deliveryHours,
    ]);
  }
}

function* conversions(db: SqliteDb, s: AnalyticsSettings, campaignId?: number): Generator<string> {
  yield line([
    'conversion_id',
    'at',
    'phone',
    'name',
    'source',
    'source_id',
    'order_id',
    `amount_${s.currency}`,
    'campaign_id',
    'campaign',
    'attribution',
    'click_window_days',
    'delivery_window_hours',
    'note',
  ]);
  let q = qb
    .selectFrom('conversions as v')
    .leftJoin('contacts as c', 'c.id', 'v.contact_id')
    .leftJoin('campaigns as k', 'k.id', 'v.campaign_id')
    .select([
      'v.id',
      'v.at',
      'c.phone',
      'c.first_name',
      'c.last_name',
      'v.source',
      'v.source_id',
      'v.order_id',
      'v.amount_minor',
      'v.campaign_id',
      'k.name',
      'v.rule',
      'v.click_days',
      'v.delivery_hours',
      'v.note',
    ])
    .orderBy('v.at');
  if (campaignId !== undefined) q = q.where('v.campaign_id', '=', campaignId);
  for (const r of iterateRows(db, q)) {
    yield line([
      r.id,
      r.at,
      r.phone,
      [r.first_name, r.last_name].filter(Boolean).join(' '),
      r.source,
      r.source_id,
      r.order_id,
      fromMinorPrecise(r.amount_minor, s.currency),
      r.campaign_id,
      r.name,
      r.rule ?? 'unattributed',
      r.click_days,
      r.delivery_hours,
      r.note,
    ]);
  }
}

function* inbox(db: SqliteDb, _s: AnalyticsSettings, campaignId?: number): Generator<string> {
  yield line(['message_id', 'received_at', 'from', 'name', 'body', 'keyword', 'campaign_id', 'campaign', 'read_at']);
  let q = qb
    .selectFrom('inbound_messages as i')
    .leftJoin('contacts as c', 'c.id', 'i.contact_id')
    .leftJoin('campaigns as k', 'k.id', 'i.campaign_id')
    .select([
      'i.id',
      'i.received_at',
      'i.from_phone',
      'c.first_name',
      'c.last_name',
      'i.body',
      'i.keyword',
      'i.campaign_id',
      'k.name',
      'i.read_at',
    ])
    .orderBy('i.received_at');
  if (campaignId !== undefined) q = q.where('i.campaign_id', '=', campaignId);
  for (const r of iterateRows(db, q))
    yield line([
      r.id,
      r.received_at,
      r.from_phone,
      [r.first_name, r.last_name].filter(Boolean).join(' '),
      r.body,
      r.keyword,
      r.campaign_id,
      r.name,
      r.read_at,
    ]);
}

const WRITERS: Record<ExportKind, (db: SqliteDb, s: AnalyticsSettings, campaignId?: number) => Generator<string>> = {
  messages,
  results,
  conversions,
  inbox,
};

/** The export's lines (header first), CRLF-joined by the caller. */
export function exportLines(
  db: SqliteDb,
  s: AnalyticsSettings,
  kind: ExportKind,
  campaignId?: number,
): Generator<string> {
  return WRITERS[kind](db, s, campaignId);
}

/** The whole export as one string (UTF-8 BOM so Excel reads accents right), for the app's save dialog. */
export function exportCsv(
  db: SqliteDb,
  s: AnalyticsSettings,
  kind: ExportKind,
  campaignId: number | undefined,
  now: Date,
): { fileName: string; csv: string; rows: number } {
  const lines = [...exportLines(db, s, kind, campaignId)];
  const day = now.toISOString().slice(0, 10);
  return {
    fileName: `${kind}${campaignId ? `-campaign-${campaignId}` : ''}-${day}.csv`,
    csv: `\ufeff${lines.join('\r\n')}\r\n`,
    rows: lines.length - 1,
  };
}
