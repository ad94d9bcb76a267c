import { CHANNEL_LABEL, type ChannelReach } from '../../../../shared/campaign-channels';
import type { Channel } from '../../../../shared/types/domain';
import { formatMoney, plural } from './format';
import type { MessageModel } from './useMessageModel';

/** What one message costs on the e-mail and voice channels (null: free, the simulated providers). */
export interface ChannelPrices {
  email: number | null;
  voice: number | null;
}

/** The review's per-channel lines: how many get the campaign on each channel and what that costs. */
export function ChannelReview({
  reach,
  model,
  prices,
}: {
  reach: ChannelReach | null;
  model: MessageModel;
  prices: ChannelPrices;
}) {
  if (!reach) return <p className="muted">Counting…</p>;
  const cost = (c: Channel, gets: number): string => {
    if (c === 'sms') {
      if (!model.cost) return 'measuring…';
      // The texts' estimate is for everyone textable; a multi-channel campaign texts only those whose channel it is.
      const each = model.cost.messages ? model.cost.total / model.cost.messages : 0;
      return `≈ ${formatMoney(each * gets)}`;
    }
    const price = prices[c];
    if (price === null) return `${formatMoney(0)} (simulated)`;
    return `${formatMoney(price * gets)} at ${formatMoney(price)} per ${c === 'email' ? 'e-mail' : 'call'}`;
  };
  return (
    <>
      <ul className="ch-review-channels" data-testid="review-channels">
        {reach.channels.map((r) => (
          <li key={r.channel}>
            <strong>{CHANNEL_LABEL[r.channel]}</strong>: {plural(r.gets, 'person', 'people')}{' '}
            <span className="muted">· {cost(r.channel, r.gets)}</span>
          </li>
        ))}
      </ul>
      {reach.unreachable > 0 && (
        <p className="muted small">
          {plural(reach.unreachable, 'contact')} can be reached on none of these channels and will not get it.
        </p>
      )}
    </>
  );
}
