import { sql, type Expression, type SqlBool } from 'kysely';
import type { Channel } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { allRows, firstRow, qb } from '../db/sync-query';
import { channelPick } from './channel-pick';

/** Gmail's consumer domains: what "to Gmail" means for the bulk-sender rules (docs/channels.md). */
export const GMAIL_DOMAINS = ['gmail.com', 'googlemail.com'] as const;

const isGmail = (column: 'c.email' | 'o.to_email') =>
  sql<SqlBool>`(${sql.join(
    GMAIL_DOMAINS.map((d) => sql`lower(${sql.ref(column)}) LIKE ${`%@${d}`}`),
    sql` OR `,
  )})`;

/** Of the audience's contacts with an id in (from, to], how many get the campaign by e-mail at a Gmail address. */
export function gmailRecipientsInSlice(
  db: SqliteDb,
  audience: Expression<SqlBool>,
  channels: readonly Channel[],
  everyChannel: boolean,
  from: number,
  to: number,
): number {
  const row = firstRow(
    db,
    qb
      .selectFrom('contacts as c')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('c.id', '>', from)
      .where('c.id', '<=', to)
      .where(audience)
      // the same pick as the snapshot's (channel-pick.ts), so the count is who will really get an e-mail
      .where(channelPick.gets(channels, 'email', everyChannel))
      .where(isGmail('c.email')),
  );
  return Number(row?.n ?? 0);
}

/**
 * E-mails to Gmail addresses in the outbox for the day [dayStart, dayEnd), other campaigns' and one-off sends alike:
 * handed over that day, or still waiting to go when the day is today.
 */
export function gmailOutboxForDay(
  db: SqliteDb,
  day: { start: string; end: string; isToday: boolean },
  exceptCampaignId: number,
): number {
  const row = firstRow(
    db,
    qb
      .selectFrom('outbox_messages as o')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('o.channel', '=', 'email')
      .where((eb) => eb.or([eb('o.campaign_id', 'is', null), eb('o.campaign_id', '<>', exceptCampaignId)]))
      .where(isGmail('o.to_email'))
      .where((eb) => {
        const handedOver = eb.and([eb('o.sent_at', '>=', day.start), eb('o.sent_at', '<', day.end)]);
        if (!day.isToday) return handedOver;
        return eb.or([handedOver, eb('o.state', 'in', ['queued', 'retry_wait', 'held', 'sending'])]);
      }),
  );
  return Number(row?.n ?? 0);
}

/** Other campaigns scheduled to start in [dayStart, dayEnd) that send e-mail (their audience is counted apart). */
export function emailCampaignsScheduledForDay(
  db: SqliteDb,
  day: { start: string; end: string },
  exceptCampaignId: number,
): number[] {
  const query = qb
    .selectFrom('campaigns')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('id', '<>', exceptCampaignId)
    .where('scheduled_at', '>=', day.start)
    .where('scheduled_at', '<', day.end)
    .where('channels_json', 'like', '%"email"%');
  return allRows(db, query).map((r) => r.id);
}
