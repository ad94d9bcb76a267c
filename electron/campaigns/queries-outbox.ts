import type { OutboxRow } from '../../shared/ipc/channels/campaigns';
import type { OutboxState } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { allRows, firstRow, qb } from '../db/sync-query';

/** A campaign's messages as the campaign page lists them (latest change first), and how many there are. */
export function campaignMessages(
  db: SqliteDb,
  campaignId: number,
  page: { state?: OutboxState; limit: number; offset: number },
): { rows: OutboxRow[]; total: number } {
  let mine = qb
    .selectFrom('outbox_messages as m')
    .where('m.campaign_id', '=', campaignId)
    .where('m.kind', '=', 'campaign');
  if (page.state) mine = mine.where('m.state', '=', page.state);
  const total =
    firstRow(
      db,
      mine.select((eb) => eb.fn.countAll<number>().as('n')),
    )?.n ?? 0;
  const rows = allRows(
    db,
    mine
      .leftJoin('contacts as c', 'c.id', 'm.contact_id')
      .select((eb) => [
        'm.id',
        'm.to_phone as toPhone',
        eb
          .fn<string | null>('nullif', [
            eb.fn('trim', [
              eb(
                eb(eb.fn.coalesce('c.first_name', eb.val('')), '||', ' '),
                '||',
                eb.fn.coalesce('c.last_name', eb.val('')),
              ),
            ]),
            eb.val(''),
          ])
          .as('name'),
        eb.ref('m.state').$castTo<OutboxState>().as('state'),
        'm.attempts',
        'm.variant',
        'm.error_code as errorCode',
        'm.error_message as errorMessage',
        'm.next_attempt_at as nextAttemptAt',
        'm.sent_at as sentAt',
        'm.delivered_at as deliveredAt',
      ])
      .orderBy('m.updated_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(page.limit)
      .offset(page.offset),
  );
  return { rows, total };
}
