import { AppError } from '../../shared/errors';
import { CHANNEL_LABEL } from '../../shared/campaign-channels';
import type { Channel } from '../../shared/types/domain';
import type { DeskCore } from '../core';
import type { CampaignRecord } from './model';
import { channelRowWriter, type ChunkWriter } from './snapshot-channels';
import { pickSql } from './channel-pick';
import { countChannelReach } from './channel-reach';
import { channelProvider, channelRenderer } from './channel-render';
import type { MessagePick } from './variants';
import type { LinkTracker } from '../abtests';

const EXAMPLE_CONTACT = { id: 0, phone: '+15550100000', first_name: 'Ana', last_name: null, email: 'ana@example.com' };

/** The writer of a multi-channel campaign's e-mails or calls (texts keep the snapshot's own writers). */
export function channelWriter(
  core: DeskCore,
  c: CampaignRecord,
  channel: Exclude<Channel, 'sms'>,
  where: { sql: string; params: unknown[] },
  from: string,
  notBefore: MessagePick['notBefore'],
  links: LinkTracker,
): ChunkWriter {
  return channelRowWriter({
    db: core.db,
    c,
    channel,
    provider: channelProvider(core, c, channel),
    from,
    where,
    pick: pickSql(c.channels, channel, c.everyChannel),
    notBefore,
    render: channelRenderer(core, c, channel, links),
    links,
  });
}

/**
 * Refuses to launch a multi-channel campaign that cannot be sent, in the owner's words: the texts as a text
 * campaign is checked, each other channel's provider, and someone reachable on at least one channel.
 */
export async function checkChannelsLaunchable(
  core: DeskCore,
  c: CampaignRecord,
  checkTexts: () => Promise<void>,
): Promise<void> {
  if (c.channels.includes('sms')) await checkTexts();
  for (const ch of c.channels) {
    if (ch === 'sms') continue;
    core.provider(channelProvider(core, c, ch)); // throws a clear error when the provider is not set up
    // The content and the settings it needs are checked on an example contact before anything is written.
    channelRenderer(core, c, ch)(EXAMPLE_CONTACT, 0);
  }
  const reach = await countChannelReach(core.db, c.audience, c.channels, c.everyChannel, core.now());
  if (reach.messages === 0) {
    const names = c.channels.map((ch) => CHANNEL_LABEL[ch].toLowerCase()).join(' or ');
    throw new AppError(
      'invalid_input',
      `No one in this audience can be reached by ${names} (${reach.matched} matched; each needs consent on the channel and an address for it).`,
    );
  }
}
