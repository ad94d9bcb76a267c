import type { CallOutcomes, ChannelResults } from '../../shared/campaign-channels';
import { microsToMinor } from '../../shared/analytics';
import type { Channel } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { preparedQuery } from '../db/prepared-query';
import { qb } from '../db/sync-query';
import type { DailyRow } from './totals';

/**
 * A campaign's results per channel, read from its roll-ups (campaign_daily, a row per UTC day and channel: the same
 * definitions as its totals, so the channels add up to them): sent = handed over, failed = failed or undelivered,
 * outcomes on the channel of the message they are attributed to, a recipient converted once per campaign (on the
 * channel of their first attributed conversion). Only what the roll-ups do not hold is read from the outbox: the
 * messages still waiting, and how calls ended. The results page runs these on every open: built once (preparedQuery).
 */

export type ChannelDayRow = Omit<DailyRow, 'campaign_id'> & { channel: Channel };

/** The figures a roll-up row holds (campaign_daily's counting columns). */
const FIGURES = [
  'sent',
  'delivered',
  'failed',
  'replied',
  'clicked',
  'opted_out',
  'converted',
  'revenue_minor',
  'spend_micros',
] as const;

const rollupRows = preparedQuery((v: { campaignId: number }) =>
  qb
    .selectFrom('campaign_daily')
    .select(['day', 'channel', ...FIGURES])
    .where('campaign_id', '=', v.campaignId),
);

/** The campaign's roll-up rows: its totals, its figures per channel and its first day of sending all come from them. */
export function campaignRollupRows(db: SqliteDb, campaignId: number): ChannelDayRow[] {
  return rollupRows.all(db, { campaignId });
}

/** States of a message the roll-ups do not count (never handed over, not failed); all but `skipped` are pending. */
const PENDING_STATES = ['queued', 'sending', 'retry_wait', 'unknown', 'held'] as const;

// Through the (campaign, state) index: only the messages not yet sent, none of the sent ones.
const unsentByChannel = preparedQuery((v: { campaignId: number }) =>
  qb
    .selectFrom('outbox_messages')
    .select((eb) => [
      'channel',
      eb.fn.sum<number>(eb.case().when('state', '<>', 'skipped').then(1).else(0).end()).as('pending'),
    ])
    .where('campaign_id', '=', v.campaignId)
    .where('kind', '=', 'campaign')
    .where('state', 'in', [...PENDING_STATES, 'skipped'])
    .groupBy('channel'),
);

/** Pending messages per channel; a channel whose messages were all skipped is there with 0, as it has messages. */
function pendingByChannel(db: SqliteDb, campaignId: number): Map<Channel, number> {
  return new Map(unsentByChannel.all(db, { campaignId }).map((r) => [r.channel, r.pending]));
}

const ORDER: Channel[] = ['sms', 'email', 'voice'];

type RollupSums = Omit<DailyRow, 'campaign_id' | 'day'>;
const noSums = (): RollupSums => ({
  sent: 0,
  delivered: 0,
  failed: 0,
  replied: 0,
  clicked: 0,
  opted_out: 0,
  converted: 0,
  revenue_minor: 0,
  spend_micros: 0,
});

/** Roll-up rows added up (spend in exact micro-units), as SQL's SUM over them would. */
export function sumRollupRows(rows: Iterable<RollupSums>): RollupSums {
  const sum = noSums();
  for (const r of rows) for (const k of FIGURES) sum[k] += r[k];
  return sum;
}

/** The campaign's figures per channel (texts, e-mails, calls in that order), from its roll-up rows. */
export function channelResults(
  db: SqliteDb,
  campaignId: number,
  currency: string,
  rows: readonly ChannelDayRow[] = campaignRollupRows(db, campaignId),
): ChannelResults[] {
  const sums = new Map<Channel, RollupSums>(
    ORDER.map((channel) => [channel, sumRollupRows(rows.filter((r) => r.channel === channel))]),
  );
  const pending = pendingByChannel(db, campaignId);
  const results: ChannelResults[] = [];
  for (const channel of ORDER) {
    const s = sums.get(channel) ?? noSums();
    // A channel with messages: some handed over or failed (a roll-up that is not all zeros), or some not yet.
    if (!FIGURES.some((k) => s[k] !== 0) && !pending.has(channel)) continue;
    const r: ChannelResults = {
      channel,
      sent: s.sent,
      delivered: s.delivered,
      failed: s.failed,
      replied: s.replied,
      clicked: s.clicked,
      optedOut: s.opted_out,
      converted: s.converted,
      revenueMinor: s.revenue_minor,
      spendMinor: microsToMinor(s.spend_micros, currency),
      pending: pending.get(channel) ?? 0,
    };
    const calls = channel === 'voice' && r.sent > 0 ? callOutcomes(db, campaignId) : null;
    if (calls) r.calls = calls;
    results.push(r);
  }
  return results;
}

const callCounts = preparedQuery((v: { campaignId: number }) =>
  qb
    .selectFrom('outbox_messages')
    .select((eb) => {
      // No AnsweredBy (no detection result) is a person: NULL must not drop the call from both counts.
      const machine = eb(eb.fn.coalesce('call_answered_by', eb.val('')), 'like', 'machine%');
      return [
        eb.fn.countAll<number>().as('placed'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('state', '=', 'delivered'), eb.not(machine)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('answered'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('state', '=', 'delivered'), machine]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('voicemail'),
        eb.fn
          .sum<number>(eb.case().when('state', 'in', ['failed', 'undelivered']).then(1).else(0).end())
          .as('notAnswered'),
      ];
    })
    .where('campaign_id', '=', v.campaignId)
    .where('kind', '=', 'campaign')
    .where('channel', '=', 'voice')
    .where('sent_at', 'is not', null),
);

/** How the campaign's placed calls ended (null without calls): voicemail is any of Twilio's machine_* answers. */
function callOutcomes(db: SqliteDb, campaignId: number): CallOutcomes | null {
  const row = callCounts.get(db, { campaignId });
  if (!row || row.placed === 0) return null;
  return { answered: row.answered, voicemail: row.voicemail, notAnswered: row.notAnswered };
}
