import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { AudienceFilter } from '../../shared/audience';
import type { ChannelReach } from '../../shared/campaign-channels';
import type { Channel } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { audienceWhere } from '../contacts';
import { canReachSql, pickSql, unreachableSql } from './channel-pick';
import { contactIdRange } from './queries-audience';

const SLICE = 25_000;

/**
 * Live counts per channel while the owner orders the channels: who each channel can reach and who gets the
 * campaign on it, with the same SQL the snapshot picks channels with. In slices of contact ids with a yield between
 * them, like countAudience, so a million contacts never block the main thread for long.
 */
export async function countChannelReach(
  db: SqliteDb,
  filter: AudienceFilter,
  channels: readonly Channel[],
  everyChannel: boolean,
  now: Date,
): Promise<ChannelReach> {
  const where = audienceWhere(db, filter, now);
  const sums = channels.flatMap((ch, i) => [
    `COALESCE(SUM(${canReachSql(ch)}), 0) AS r${i}`,
    `COALESCE(SUM(CASE WHEN ${pickSql(channels, ch, everyChannel)} THEN 1 ELSE 0 END), 0) AS g${i}`,
  ]);
  // hot path: the wizard's live count over up to a million contacts, in slices (raw like countAudience).
  const stmt = db.prepare(
    `SELECT COUNT(*) AS matched, COALESCE(SUM(CASE WHEN ${unreachableSql(channels)} THEN 1 ELSE 0 END), 0) AS unreachable,
            ${sums.join(', ')}
     FROM contacts c WHERE c.id > ? AND c.id <= ? AND (${where.sql})`,
  );
  const { lo, hi } = contactIdRange(db);
  const total: Record<string, number> = {};
  for (let from = lo; from < hi; from += SLICE) {
    const r = stmt.get(from, Math.min(hi, from + SLICE), ...where.params) as Record<string, number>;
    for (const [k, v] of Object.entries(r)) total[k] = (total[k] ?? 0) + v;
    if (from + SLICE < hi) await yieldToLoop();
  }
  const per = channels.map((channel, i) => ({ channel, reachable: total[`r${i}`] ?? 0, gets: total[`g${i}`] ?? 0 }));
  return {
    matched: total.matched ?? 0,
    channels: per,
    unreachable: total.unreachable ?? 0,
    messages: per.reduce((a, p) => a + p.gets, 0),
  };
}
