import { sql } from 'kysely';
import {
  bestTimeCells,
  recommendBestTime,
  type BestTimeCell,
  type BestTimeCounts,
  type BestTimeVerdict,
} from '../../../shared/analytics/insights/best-time';
import type { SqliteDb } from '../../db/connection';
import { allRows, qb } from '../../db/sync-query';
import { recipientLocation, readLocal } from '../../campaigns';

export interface BestTimeReport extends BestTimeVerdict {
  cells: BestTimeCell[];
}

/**
 * Delivered campaign texts with their replies and clicks, by recipient zone and UTC hour of sending. Grouped by the
 * number's first five characters (+1 and the area code; "+" and four digits hold any country code), which is all the
 * quiet-hours code reads to place a number, so a million texts come back as a few thousand rows.
 */
function countsByPrefixAndHour(db: SqliteDb) {
  const sentAt = sql<string>`coalesce(o.sent_at, o.delivered_at)`;
  return allRows(
    db,
    qb
      .selectFrom('outbox_messages as o')
      .select((eb) => [
        eb.fn<string>('substr', ['o.to_phone', sql.lit(1), sql.lit(5)]).as('prefix'),
        eb.fn.min('o.to_phone').as('phone'),
        eb.fn<string>('substr', [sentAt, sql.lit(1), sql.lit(13)]).as('hour'),
        eb.fn.countAll<number>().as('delivered'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(
                eb.exists(
                  eb
                    .selectFrom('message_outcomes as m')
                    .select('m.id')
                    .whereRef('m.outbox_id', '=', 'o.id')
                    .where('m.kind', '=', 'replied'),
                ),
              )
              .then(1)
              .else(0)
              .end(),
          )
          .as('replied'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(
                eb.exists(
                  eb
                    .selectFrom('message_outcomes as m')
                    .select('m.id')
                    .whereRef('m.outbox_id', '=', 'o.id')
                    .where('m.kind', '=', 'clicked'),
                ),
              )
              .then(1)
              .else(0)
              .end(),
          )
          .as('clicked'),
      ])
      .where('o.kind', '=', 'campaign')
      .where('o.state', '=', 'delivered')
      .where(sentAt, 'is not', null)
      .groupBy(['prefix', 'hour']),
  );
}

/**
 * Reply and click counts by the recipient's local weekday and hour, the zone worked out from the number exactly as
 * quiet hours do (area code, else country, else the business's zone). A number that may be in several zones is read
 * in the first of them.
 */
export function bestTimeCounts(db: SqliteDb, businessZone: string): BestTimeCounts[] {
  const zones = new Map<string, string>();
  const zoneOf = (prefix: string, phone: string): string => {
    let zone = zones.get(prefix);
    if (zone === undefined) {
      try {
        zone = recipientLocation(phone, businessZone).zones[0] ?? businessZone;
      } catch {
        zone = businessZone;
      }
      zones.set(prefix, zone);
    }
    return zone;
  };
  const out: BestTimeCounts[] = [];
  for (const r of countsByPrefixAndHour(db)) {
    const at = Date.parse(`${r.hour}:00:00.000Z`);
    if (Number.isNaN(at)) continue;
    const local = readLocal(zoneOf(r.prefix, r.phone), at);
    out.push({
      weekday: local.weekday,
      hour: Math.floor(local.minute / 60),
      delivered: Number(r.delivered),
      replied: Number(r.replied),
      clicked: Number(r.clicked),
    });
  }
  return out;
}

export function bestTimeReport(db: SqliteDb, businessZone: string): BestTimeReport {
  const cells = bestTimeCells(bestTimeCounts(db, businessZone));
  return { cells, ...recommendBestTime(cells) };
}
