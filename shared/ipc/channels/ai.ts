import { z } from 'zod';
import { channel } from '../define';
import { DRAFT_TONES, VARIANT_CHANGES, type TriageLabel, type VariantChange } from '../../ai';
import type { SmsEncoding, TemplateIssueCode } from '../../templates';

/** Gemini writing help (integrations.md): optional, off until an API key is set; nothing is sent without a click. */

export interface AiStatus {
  connected: boolean;
  model: string;
  baseUrl: string;
  triageReplies: boolean;
  /** Replies labelled "possible opt-out" the owner has not looked at yet. */
  waitingReview: number;
  /** The last problem background triage met (key, retired model, limits), or null. */
  lastProblem: string | null;
}

export interface DraftWarning {
  code: TemplateIssueCode | 'over_one_segment';
  message: string;
  /** An error must be fixed before the text can be used. */
  severity: 'error' | 'warning';
}

/** A suggested text after the template validation, segment counter and compliance lint. */
export interface DraftCheck {
  text: string;
  segments: number;
  encoding: SmsEncoding;
  characters: number;
  warnings: DraftWarning[];
  /** False while any warning is an error. */
  usable: boolean;
}

export interface VariantIdea extends DraftCheck {
  change: VariantChange;
  /** What this variant does differently, in a few words. */
  difference: string;
}

export interface ReplyTriageView {
  inboundId: number;
  label: TriageLabel | null;
  confidence: number | null;
  /** A possible opt-out phrase waiting for the owner: never acted on automatically. */
  flagged: boolean;
  reviewedAt: string | null;
  /** Why no label could be given (safety block, cut-off answer). */
  problem: string | null;
  classifiedAt: string;
}

const brief = z
  .string({ error: 'write a one-line brief' })
  .trim()
  .min(3, 'write a one-line brief, e.g. "20% off roses this weekend"')
  .max(300, 'keep the brief under 300 characters');
const id = z.number().int().positive();

export const aiChannels = {
  'ai:status': channel<AiStatus>()(z.object({}).strict()),
  /** Asks the model a tiny question: proves the key, the model name and the address. */
  'ai:check': channel<{ model: string }>()(z.object({}).strict()),
  'ai:draft': channel<{ drafts: DraftCheck[] }>()(
    z
      .object({
        brief,
        tone: z.enum(DRAFT_TONES, { error: `choose a tone: ${DRAFT_TONES.join(', ')}` }).default('friendly'),
        fitsOneSegment: z.boolean().default(true),
        count: z.number().int().min(1, 'ask for 1 to 5 options').max(5, 'ask for 1 to 5 options').default(3),
      })
      .strict(),
  ),
  'ai:variants': channel<{ variants: VariantIdea[] }>()(
    z
      .object({
        message: z
          .string({ error: 'write the message to vary first' })
          .trim()
          .min(1, 'write the message to vary first')
          .max(1600, 'a text can be at most 1600 characters'),
        change: z.enum(VARIANT_CHANGES, { error: `choose what to change: ${VARIANT_CHANGES.join(', ')}` }),
        count: z.number().int().min(1, 'ask for 1 to 4 variants').max(4, 'ask for 1 to 4 variants').default(2),
      })
      .strict(),
  ),
  /** Labels one reply now (also what the background triage does, a bounded number per minute). */
  'ai:triage': channel<ReplyTriageView>()(z.object({ inboundId: id }).strict()),
  /** The labels of one conversation's replies, for the inbox. */
  'ai:replyLabels': channel<ReplyTriageView[]>()(z.object({ contactId: id }).strict()),
  /** The owner looked at a "possible opt-out" reply (and opted the contact out by hand, or not). */
  'ai:markReviewed': channel<{ reviewed: boolean }>()(z.object({ inboundId: id }).strict()),
  'ai:summary': channel<{ summary: string }>()(z.object({ campaignId: id }).strict()),
};
