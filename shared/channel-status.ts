import type { Channel, ChannelStatus } from './types/domain';

/** The channel's name on screen. */
export const CHANNEL_LABEL: Record<Channel, string> = { sms: 'SMS', email: 'E-mail', voice: 'Calls' };

/** The audience filter "can be reached by" (reachableBy), per channel, in plain words. */
export const REACHABLE_BY_LABEL: Record<Channel, string> = {
  sms: 'Reachable by text',
  email: 'Reachable by e-mail',
  voice: 'Reachable by call',
};

/** A channel's status in plain words, for the contact list and detail. */
export const CHANNEL_STATUS_LABEL: Record<ChannelStatus, string> = {
  reachable: 'Reachable',
  opted_out: 'Opted out',
  not_textable: 'Not textable',
  unsubscribed: 'Unsubscribed',
  bounced: 'Bounced',
  complaint: 'Marked as spam',
  no_address: 'No e-mail address',
  dnc: 'Do not call',
  no_consent: 'No consent',
};
