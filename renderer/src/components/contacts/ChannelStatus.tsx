import { CHANNEL_LABEL, CHANNEL_STATUS_LABEL } from '../../../../shared/channel-status';
import type { Channel, ChannelReach, ChannelStatus as Status } from '../../../../shared/types/domain';
import { Badge } from '../ui';
import './channel-status.css';

const TONE: Record<Status, 'good' | 'warn' | 'bad' | 'neutral'> = {
  reachable: 'good',
  opted_out: 'bad',
  not_textable: 'warn',
  unsubscribed: 'bad',
  bounced: 'bad',
  complaint: 'bad',
  no_address: 'neutral',
  dnc: 'bad',
  no_consent: 'neutral',
};

const ORDER: Channel[] = ['sms', 'email', 'voice'];

/** Each channel's status in plain words: "SMS: Reachable · E-mail: Unsubscribed · Calls: No consent". */
export function ChannelStatusList({ reach }: { reach: ChannelReach }) {
  return (
    <ul className="ch-status" aria-label="Who can reach this contact">
      {ORDER.map((ch) => (
        <li key={ch}>
          <span className="ch-status-name">{CHANNEL_LABEL[ch]}</span>
          <Badge tone={TONE[reach[ch]]}>{CHANNEL_STATUS_LABEL[reach[ch]]}</Badge>
        </li>
      ))}
    </ul>
  );
}
