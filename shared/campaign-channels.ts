import { z } from 'zod';
import type { Channel } from './types/domain';

import { CHANNELS } from './channel-facts';

export { CHANNELS, CHANNEL_LABEL, MEASURED_ON } from './channel-facts';

/**
 * The channels in the owner's order (e.g. ["sms", "email"]: a text, else an e-mail). Each contact gets the first
 * one they can be reached on, unless the campaign sends on every channel.
 */
export const campaignChannelListSchema = z
  .array(z.enum(CHANNELS, { message: 'a channel is sms, email or voice' }))
  .min(1, 'choose at least one channel')
  .refine((list) => new Set(list).size === list.length, { message: 'list each channel once' });

/**
 * The e-mail of a campaign: a subject and a Markdown body (or an e-mail template), or a ready HTML body (a file
 * the owner wrote elsewhere; scripts are removed before it is stored).
 */
export const campaignEmailSchema = z
  .object({
    subject: z.string().trim().max(200, 'keep the subject under 200 characters').optional(),
    /** Markdown, with the same {placeholders} as a text. */
    body: z.string().max(100_000).optional(),
    /** An e-mail template (its subject is used when the campaign gives none). */
    templateId: z.number().int().positive().optional(),
    /** A ready HTML body (sanitised when saved). */
    html: z.string().max(500_000).optional(),
  })
  .strict();
export type CampaignEmail = z.infer<typeof campaignEmailSchema>;

/** The call of a campaign (electron/voice builds it per contact): a script with {{variables}}, or a recording. */
export const campaignVoiceSchema = z
  .object({
    script: z.string().max(3000).optional(),
    recordingUrl: z.string().url('give the recording as a web address (https://…)').optional(),
  })
  .strict();
export type CampaignVoice = z.infer<typeof campaignVoiceSchema>;

/** Who an audience reaches on each of a campaign's channels (the wizard's live counts, the CLI, the review step). */
export interface ChannelReach {
  /** Contacts the filter matches. */
  matched: number;
  channels: Array<{
    channel: Channel;
    /** Reachable on this channel at all (consent and a usable address). */
    reachable: number;
    /** Get the campaign on this channel: the first reachable channel in the owner's order, or every one. */
    gets: number;
  }>;
  /** Reachable on none of the channels: the campaign does not go to them. */
  unreachable: number;
  /** Messages in all (more than the people reached when the campaign sends on every channel). */
  messages: number;
}

/** One channel's share of a campaign's results; the channels add up to the campaign's totals. */
export interface ChannelResults {
  channel: Channel;
  sent: number;
  delivered: number;
  failed: number;
  replied: number;
  clicked: number;
  optedOut: number;
  /** Recipients whose first attributed conversion came from this channel's message. */
  converted: number;
  revenueMinor: number;
  /** Exact minor units (may be fractional), from what each message cost when it was handed over. */
  spendMinor: number;
  /** Still waiting or being sent on this channel. */
  pending: number;
  /** Calls only: how the placed calls ended, from Twilio's answering-machine detection in their status callbacks. */
  calls?: CallOutcomes;
}

/** How a campaign's calls ended; opting out by key press is the voice channel's `optedOut`. */
export interface CallOutcomes {
  /** Answered by a person (or answered and not told apart from one). */
  answered: number;
  /** Taken by a voicemail: the message was left after the beep. */
  voicemail: number;
  /** Placed but nobody answered (busy, no answer, failed). */
  notAnswered: number;
}
