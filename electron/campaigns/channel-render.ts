import type { Channel } from '../../shared/types/domain';
import type { DeskCore } from '../core';
import type { OutboxProviderId } from '../providers';
import { voiceProviderId } from '../voice';
import type { CampaignRecord } from './model';
import type { LinkTracker } from '../abtests';
import type { ChannelMessage, ContactValues } from './snapshot-channels';
import { emailContent, emailProviderId } from './channel-email';
import { voiceContent } from './channel-voice';

/** The provider a campaign's message goes through on a channel (each has its own queue, rate and breaker). */
export function channelProvider(core: DeskCore, c: CampaignRecord, channel: Channel): OutboxProviderId {
  if (channel === 'sms') return c.provider;
  if (channel === 'voice') return voiceProviderId(core.settings);
  return emailProviderId(core.settings);
}

/**
 * How one contact's e-mail or call is written: the e-mail by the e-mail templates' renderer with the recipient's own
 * unsubscribe link, the call by the voice builder (identification, key-press opt-out, the message); an e-mail or
 * call A/B test's variant by the campaign's split. Problems in the content are found here, before anything is written.
 */
export function channelRenderer(
  core: DeskCore,
  c: CampaignRecord,
  channel: Exclude<Channel, 'sms'>,
  links?: LinkTracker,
): (contact: ContactValues, outboxId: number) => ChannelMessage {
  if (channel === 'email') return emailContent(core, c, links);
  return voiceContent(core, c);
}
