import type { CallOutcomes, ChannelResults } from '../../shared/campaign-channels';
import { microsToMinor } from '../../shared/analytics';
import type { Channel } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { allRows, qb } from '../db/sync-query';

/**
 * A campaign's results per channel, with the definitions of the roll-ups (rebuild.ts): sent = handed over (a sent
 * time), failed = failed or undelivered, outcomes by the channel of the message they are attributed to, a recipient
 * converted once per campaign (on the channel of their first attributed conversion). The channels add up to the
 * campaign's totals.
 */
export function channelResults(db: SqliteDb, campaignId: number, currency: string): ChannelResults[] {
  const sends = allRows(
    db,
    qb
      .selectFrom('outbox_messages')
      .select((eb) => [
        'channel',
        eb.fn.sum<number>(eb.case().when('sent_at', 'is not', null).then(1).else(0).end()).as('sent'),
        eb.fn.sum<number>(eb.case().when('state', '=', 'delivered').then(1).else(0).end()).as('delivered'),
        eb.fn.sum<number>(eb.case().when('state', 'in', ['failed', 'undelivered']).then(1).else(0).end()).as('failed'),
        eb.fn
          .sum<number>(
            eb.case().when('state', 'in', ['queued', 'sending', 'retry_wait', 'unknown', 'held']).then(1).else(0).end(),
          )
          .as('pending'),
        eb.fn.sum<number>(eb.fn.coalesce('cost_micros', eb.val(0))).as('spendMicros'),
      ])
      .where('campaign_id', '=', campaignId)
      .where('kind', '=', 'campaign')
      .groupBy('channel'),
  );
  const outcomes = allRows(
    db,
    qb
      .selectFrom('message_outcomes as o')
      .innerJoin('outbox_messages as m', 'm.id', 'o.outbox_id')
      .select((eb) => ['m.channel', 'o.kind', eb.fn.countAll<number>().as('n')])
      .where('o.campaign_id', '=', campaignId)
      .groupBy(['m.channel', 'o.kind']),
  );
  const conversions = allRows(
    db,
    qb
      .selectFrom('conversions as v')
      .leftJoin('outbox_messages as m', 'm.id', 'v.outbox_id')
      .select(['v.id', 'v.contact_id', 'v.amount_minor', 'm.channel'])
      .where('v.campaign_id', '=', campaignId)
      .orderBy('v.id'),
  );
  const calls = callOutcomes(db, campaignId);
  const by = new Map<Channel, ChannelResults & { spendMicros: number }>();
  const of = (channel: Channel) => {
    let r = by.get(channel);
    if (!r) {
      r = {
        channel,
        sent: 0,
        delivered: 0,
        failed: 0,
        replied: 0,
        clicked: 0,
        optedOut: 0,
        converted: 0,
        revenueMinor: 0,
        spendMinor: 0,
        pending: 0,
        spendMicros: 0,
      };
      by.set(channel, r);
    }
    return r;
  };
  for (const s of sends) Object.assign(of(s.channel), { ...s, channel: s.channel });
  if (calls) of('voice').calls = calls;
  for (const o of outcomes) {
    const r = of(o.channel);
    if (o.kind === 'replied') r.replied += o.n;
    else if (o.kind === 'clicked') r.clicked += o.n;
    else r.optedOut += o.n;
  }
  const converted = new Set<number>();
  for (const v of conversions) {
    // A conversion attributed without a message (a direct mark) belongs to the campaign's texts, as before channels.
    const r = of(v.channel ?? 'sms');
    r.revenueMinor += v.amount_minor;
    if (!converted.has(v.contact_id)) r.converted++;
    converted.add(v.contact_id);
  }
  const order: Channel[] = ['sms', 'email', 'voice'];
  return [...by.values()]
    .sort((a, b) => order.indexOf(a.channel) - order.indexOf(b.channel))
    .map(({ spendMicros, ...r }) => ({ ...r, spendMinor: microsToMinor(spendMicros, currency) }));
}

/** How the campaign's placed calls ended (null without calls): voicemail is any of Twilio's machine_* answers. */
function callOutcomes(db: SqliteDb, campaignId: number): CallOutcomes | null {
  const row = allRows(
    db,
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
      .where('campaign_id', '=', campaignId)
      .where('kind', '=', 'campaign')
      .where('channel', '=', 'voice')
      .where('sent_at', 'is not', null),
  )[0];
  if (!row || row.placed === 0) return null;
  return { answered: row.answered, voicemail: row.voicemail, notAnswered: row.notAnswered };
}
