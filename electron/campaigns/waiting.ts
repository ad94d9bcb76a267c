import { DateTime } from 'luxon';
import type { QuietHoursWait } from '../../shared/ipc/channels/campaigns';
import type { DeskCore } from '../core';
import { allRows, qb } from '../db/sync-query';
import { recipientLocation } from './quiet-hours/recipient-location';

/**
 * The campaign's messages held by quiet hours (the dispatcher marks them `quiet_hours` with the instant their window
 * opens), grouped by that instant, earliest first. Each group names one recipient zone and the wall time there, so
 * the page can say "wait for 8:00 in their time zone (first send 8:00 EST, 13:00 UTC)". Null when none wait.
 */
export function quietHoursWait(core: Pick<DeskCore, 'db' | 'settings'>, campaignId: number): QuietHoursWait | null {
  const query = qb
    .selectFrom('outbox_messages')
    .select((eb) => ['next_attempt_at as at', eb.fn.countAll<number>().as('count'), eb.fn.min('to_phone').as('phone')])
    .where('campaign_id', '=', campaignId)
    .where('state', 'in', ['queued', 'retry_wait'])
    .where('error_code', '=', 'quiet_hours')
    .where('next_attempt_at', 'is not', null)
    .groupBy('next_attempt_at')
    .orderBy('next_attempt_at')
    .limit(200);
  const rows = allRows(core.db, query);
  if (!rows.length) return null;
  const businessZone = core.settings.get('business.timezone');
  const groups = rows.flatMap((r) => {
    if (!r.at) return [];
    const at = DateTime.fromISO(r.at, { zone: 'utc' });
    // A number that may be in several zones goes when the last of them opens: the zone where it is earliest.
    const zones = recipientLocation(r.phone, businessZone).zones;
    const local = zones
      .map((zone) => ({ zone, wall: at.setZone(zone) }))
      .sort((a, b) => a.wall.hour * 60 + a.wall.minute - (b.wall.hour * 60 + b.wall.minute))[0];
    const zone = local?.zone ?? businessZone;
    return [
      {
        at: r.at,
        count: Number(r.count),
        zone,
        localTime: (local?.wall ?? at.setZone(businessZone)).toFormat('HH:mm'),
      },
    ];
  });
  return { waiting: groups.reduce((n, g) => n + g.count, 0), groups };
}
