import { CHANNELS } from '../../../../shared/campaign-channels';
import { REACHABLE_BY_LABEL } from '../../../../shared/channel-status';
import type { Channel } from '../../../../shared/types/domain';

/** The choices of the audience filter "can be reached by" (reachableBy), for a select: any channel, or one. */
export function ReachableByOptions() {
  return (
    <>
      <option value="">Any channel</option>
      {CHANNELS.map((c) => (
        <option key={c} value={c}>
          {REACHABLE_BY_LABEL[c]}
        </option>
      ))}
    </>
  );
}

/** The channel a "can be reached by" select's value names, or undefined for any channel. */
export const reachableByValue = (value: string): Channel | undefined => CHANNELS.find((c) => c === value);
