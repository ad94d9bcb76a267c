import { z } from 'zod';
import { channel } from '../define';
import type { LaunchFinding } from '../../campaign-launch';

/** Everything the launch confirmation states, as the core sees it at this moment. */
export interface LaunchCheck {
  id: number;
  name: string;
  /** Who gets it now, after opt-outs and unreachable numbers are left out. */
  eligible: number;
  matched: number;
  segment: { id: number; name: string } | null;
  tags: string[];
  excludeTags: string[];
  minDaysSinceContact: number | null;
  /** null: as soon as it is launched. */
  startsAt: string | null;
  recipientLocal: { date: string; time: string } | null;
  findings: LaunchFinding[];
  /** Above TYPED_COUNT_ABOVE the owner types `eligible` to confirm. */
  typedCountRequired: boolean;
  /** The owner's own numbers from `business.testPhones`, as stored (E.164). */
  testPhones: string[];
  acknowledgement: LaunchAcknowledgement | null;
}

export interface LaunchAcknowledgement {
  reason: string;
  findings: string[];
  at: string;
}

export interface TestSendResult {
  campaignId: number;
  /** The contact the message was rendered for; null when there are no contacts yet (a sample contact was used). */
  renderedFor: { id: number; phone: string; label: string } | null;
  messages: Array<{ outboxId: number; toPhone: string; variant: string | null; body: string }>;
}

const id = z.number().int().positive();

export const campaignLaunchChannels = {
  'campaigns:launchCheck': channel<LaunchCheck>()(z.object({ id }).strict()),
  /** Texts the campaign's message to the owner's own number(s), rendered for one contact; never counted as a send of the campaign. */
  'campaigns:sendTest': channel<TestSendResult>()(
    z.object({ id, contactPhone: z.string().trim().min(1).max(40).optional() }).strict(),
  ),
};
