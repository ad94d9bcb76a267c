import { CHANNELS } from '../../../../shared/campaign-channels';
import type { Channel } from '../../../../shared/types/domain';
import { Button } from '../ui';

/** The channel a page's figures are of: one channel, or null for all of them. */
export type ChannelChoice = Channel | null;

/** The channels in the plural, as a filter names them. */
export const CHANNEL_PLURAL: Record<Channel, string> = { sms: 'Texts', email: 'E-mails', voice: 'Calls' };

/** All channels / Texts / E-mails / Calls, as the period picker's segmented buttons. */
export function ChannelFilter({ value, onChange }: { value: ChannelChoice; onChange(c: ChannelChoice): void }) {
  const choices: Array<{ id: ChannelChoice; label: string }> = [
    { id: null, label: 'All channels' },
    ...CHANNELS.map((c) => ({ id: c, label: CHANNEL_PLURAL[c] })),
  ];
  return (
    <div className="an-segmented" role="group" aria-label="Channel" data-testid="channel-filter">
      {choices.map((c) => (
        <Button
          key={c.id ?? 'all'}
          className={value === c.id ? 'active' : ''}
          aria-pressed={value === c.id}
          onClick={() => onChange(c.id)}
        >
          {c.label}
        </Button>
      ))}
    </div>
  );
}
