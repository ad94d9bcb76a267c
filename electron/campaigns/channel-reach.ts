import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { AudienceFilter } from '../../shared/audience';
import type { ChannelReach } from '../../shared/campaign-channels';
import type { Channel } from '../../shared/types/domain';
import type { SqliteDb } from '../db/connection';
import { audienceCondition } from '../contacts';
import { channelReachSliceCounts, contactIdRange } from './queries-audience';

const SLICE = 25_000;

/**
 * Live counts per channel while the owner orders the channels: who each channel can reach and who gets the
 * campaign on it, by the rules the snapshot picks channels with. In slices of contact ids with a yield between
 * them, like countAudience, so a million contacts never block the main thread for long.
 */
export async function countChannelReach(
  db: SqliteDb,
  filter: AudienceFilter,
  channels: readonly Channel[],
  everyChannel: boolean,
  now: Date,
): Promise<ChannelReach> {
  const audience = audienceCondition(db, filter, now);
  const { lo, hi } = contactIdRange(db);
  let matched = 0;
  let unreachable = 0;
  const per = channels.map((channel) => ({ channel, reachable: 0, gets: 0 }));
  for (let from = lo; from < hi; from += SLICE) {
    const r = channelReachSliceCounts(db, audience, { channels, everyChannel, from, to: Math.min(hi, from + SLICE) });
    matched += r.matched;
    unreachable += r.unreachable;
    r.channels.forEach((c, i) => {
      per[i].reachable += c.reachable;
      per[i].gets += c.gets;
    });
    if (from + SLICE < hi) await yieldToLoop();
  }
  return { matched, channels: per, unreachable, messages: per.reduce((a, p) => a + p.gets, 0) };
}
