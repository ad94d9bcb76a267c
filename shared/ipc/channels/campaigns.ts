import { z } from 'zod';
import { channel } from '../define';
import { audienceFilterSchema, type AudienceCount } from '../../audience';
import { campaignDraftSchema, type CampaignDraft } from '../../campaigns';
import type { CampaignRow, CampaignStatus, Channel, OutboxState } from '../../types/domain';
import {
  campaignChannelListSchema,
  type CampaignEmail,
  type CampaignVoice,
  type ChannelReach,
} from '../../campaign-channels';

export interface CampaignDetail {
  id: number;
  name: string;
  status: CampaignStatus;
  templateId: number | null;
  body: string | null;
  audience: CampaignDraft['audience'];
  provider: 'sandbox' | 'quo' | 'twilio';
  fromNumber: string | null;
  schedule: CampaignDraft['schedule'];
  scheduledAt: string | null;
  quietHours: CampaignDraft['quietHours'] | null;
  ab: CampaignDraft['ab'] | null;
  /** Tracked short links; null follows the `links.trackByDefault` setting at launch. */
  trackLinks: boolean | null;
  notes: string | null;
  archived: boolean;
  createdAt: string;
  launchedAt: string | null;
  completedAt: string | null;
  scheduleMissedAt: string | null;
  lastError: string | null;
  /** The channels in the owner's order (a text campaign: ["sms"]). */
  channels: Channel[];
  /** Every channel a contact can be reached on, instead of the first one only. */
  everyChannel: boolean;
  /** The e-mail, when the campaign has the e-mail channel. */
  email: CampaignEmail | null;
  /** The call, when the campaign has the voice channel. */
  voice: CampaignVoice | null;
}

/** Messages held by quiet hours, by the instant their window opens (earliest first: the first is the first send). */
export interface QuietHoursWait {
  waiting: number;
  /** `zone`: a recipient zone of the group; `localTime`: the wall time there when they go (HH:MM, 24-hour). */
  groups: Array<{ at: string; count: number; zone: string; localTime: string }>;
}

export interface CampaignStatusView {
  id: number;
  status: CampaignStatus;
  audience: number;
  counts: {
    queued: number;
    sending: number;
    sent: number;
    delivered: number;
    failed: number;
    unknown: number;
    skipped: number;
  };
  states: Record<string, number>;
  scheduledAt: string | null;
  scheduleMissedAt: string | null;
  lastError: string | null;
  /** Null when nothing waits for quiet hours. */
  quietHours: QuietHoursWait | null;
}

export interface OutboxRow {
  id: number;
  toPhone: string;
  name: string | null;
  state: OutboxState;
  attempts: number;
  variant: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
}

const id = z.object({ id: z.number().int().positive() }).strict();

export const campaignChannels = {
  'campaigns:list': channel<CampaignRow[]>()(z.object({ includeArchived: z.boolean().default(false) }).strict()),
  'campaigns:get': channel<CampaignDetail>()(id),
  'campaigns:create': channel<CampaignDetail>()(campaignDraftSchema),
  'campaigns:update': channel<CampaignDetail>()(
    z.object({ id: z.number().int().positive(), draft: campaignDraftSchema }).strict(),
  ),
  'campaigns:duplicate': channel<CampaignDetail>()(id),
  'campaigns:archive': channel<CampaignDetail>()(
    z.object({ id: z.number().int().positive(), archived: z.boolean() }).strict(),
  ),
  'campaigns:audienceCount': channel<AudienceCount>()(z.object({ audience: audienceFilterSchema }).strict()),
  /** Who each of the campaign's channels reaches, in the owner's order (the wizard's live counts). */
  'campaigns:channelReach': channel<ChannelReach>()(
    z
      .object({
        audience: audienceFilterSchema,
        channels: campaignChannelListSchema,
        everyChannel: z.boolean().default(false),
      })
      .strict(),
  ),
  'campaigns:launch': channel<CampaignStatusView>()(
    z
      .object({
        id: z.number().int().positive(),
        confirmLate: z.boolean().default(false),
        /** The owner's reason for launching despite a blocking compliance finding (logged and kept with the campaign). */
        acknowledge: z.string().trim().min(1, 'give a reason').max(500).optional(),
        /** The audience count as the owner typed it; required above 1,000 recipients. */
        confirmCount: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  'campaigns:pause': channel<CampaignStatusView>()(id),
  'campaigns:resume': channel<CampaignStatusView>()(id),
  'campaigns:cancel': channel<CampaignStatusView>()(id),
  'campaigns:status': channel<CampaignStatusView>()(id),
  'campaigns:messages': channel<{ rows: OutboxRow[]; total: number }>()(
    z
      .object({
        id: z.number().int().positive(),
        state: z
          .enum(['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'retry_wait', 'unknown', 'skipped'])
          .optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
};
