import { rate, rates, roi, type OutcomeTotals, type Rates } from '../../shared/analytics';
import { CHANNELS, MEASURED_ON } from '../../shared/channel-facts';
import type { ChannelPeriodFigures } from '../../shared/ipc/channels/analytics';
import type { Channel } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { allRows, qb } from '../db/sync-query';
import { rollupSums, totalsOf } from './totals';

/**
 * A channel's totals as the period summary shows them: what the channel cannot measure is null, not 0 (MEASURED_ON),
 * and so is its rate.
 */
export function channelFigures(channel: Channel, t: OutcomeTotals): ChannelPeriodFigures {
  const measured = MEASURED_ON[channel];
  const r = rates(t);
  return {
    channel,
    ...t,
    replied: measured.includes('replied') ? t.replied : null,
    clicked: measured.includes('clicked') ? t.clicked : null,
    roi: roi(t.revenueMinor, t.spendMinor),
    rates: {
      ...r,
      reply: measured.includes('replied') ? r.reply : null,
      click: measured.includes('clicked') ? r.click : null,
    },
  };
}

/**
 * The period's figures per channel, from the daily roll-ups (a few rows per day: never the outbox), texts, e-mails,
 * calls in that order; a channel with nothing in the period is left out.
 */
export function channelBreakdown(
  db: SqliteDb,
  currency: string,
  fromDay: string,
  toDay: string,
): ChannelPeriodFigures[] {
  const rows = allRows(
    db,
    qb
      .selectFrom('campaign_daily')
      .select((eb) => ['channel', ...rollupSums(eb)])
      .where('day', '>=', fromDay)
      .where('day', '<', toDay)
      .groupBy('channel'),
  );
  return rows
    .filter((r) => Object.entries(r).some(([k, v]) => k !== 'channel' && v !== 0))
    .sort((a, b) => CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel))
    .map((r) => channelFigures(r.channel, totalsOf(r, currency)));
}

/**
 * The all-channels rates, each over the channels that measure it: the reply rate over the texts delivered, the click
 * rate over the texts and e-mails delivered (a call has no link), the rest over everything delivered. Over every
 * message, e-mails and calls — which can get no reply — would pull the reply rate down for nothing.
 */
export function ratesAcrossChannels(channels: ChannelPeriodFigures[], all: Rates): Rates {
  const over = (m: 'replied' | 'clicked') => {
    const measuring = channels.filter((c) => MEASURED_ON[c.channel].includes(m));
    const hits = measuring.reduce((a, c) => a + (c[m] ?? 0), 0);
    const delivered = measuring.reduce((a, c) => a + c.delivered, 0);
    return rate(Math.min(hits, delivered), delivered);
  };
  return { ...all, reply: over('replied'), click: over('clicked') };
}
