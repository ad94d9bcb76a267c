import { CHANNEL_LABEL } from '../../../../shared/campaign-channels';
import type { Channel } from '../../../../shared/types/domain';

/** The short names a calendar chip has room for; the long ones (CHANNEL_LABEL) are read out and shown in lists. */
export const CHANNEL_SHORT: Record<Channel, string> = { sms: 'SMS', email: 'Email', voice: 'Call' };

/** A campaign's channels in the owner's order, in words: "Text (SMS), else Voice call". */
export function channelsInWords(channels: Channel[], every = false): string {
  return channels.map((c) => CHANNEL_LABEL[c]).join(every ? ' and ' : ', else ');
}

/**
 * A campaign's channels as small labelled marks, in the owner's order ("SMS › Call": a text, else a call). The
 * marks are text, so they read the same in both themes and to a screen reader (which hears the full names).
 */
export function ChannelMarks({ channels, long = false }: { channels: Channel[]; long?: boolean }) {
  return (
    <span className="cal-channels" data-testid="entry-channels">
      <span className="sr-only">Channels: {channelsInWords(channels)}.</span>
      {channels.map((c, i) => (
        <span key={c} className="cal-ch-step" aria-hidden="true">
          {i > 0 && <span className="cal-ch-then">›</span>}
          <span className={`cal-ch cal-ch-${c}`}>{long ? CHANNEL_LABEL[c] : CHANNEL_SHORT[c]}</span>
        </span>
      ))}
    </span>
  );
}
