import { z } from 'zod';
import { channel } from '../define';
import type { AbMetric, PeekingGuard, VerdictReason } from '../../abtests';
import type { CampaignRow, CampaignStatus } from '../../types/domain';

/** One variant's numbers. Counts are recipients (a contact who replied twice counts once), except `clicks`. */
export interface AbVariantReport {
  index: number;
  /** The name the variant was given ("A", "Short version"). */
  name: string;
  /** How sentences call it: "Variant A" for a one- or two-letter name, the name itself otherwise. */
  label: string;
  /** The text, the e-mail's Markdown body, or the call's script (with a recording, what the owner said it is). */
  body: string;
  /** An e-mail variant's subject line; null for a text. */
  subject: string | null;
  /** A call variant's recording (https), played instead of a script; null otherwise. */
  recordingUrl: string | null;
  /** Share of the test audience, in percent. */
  ratio: number;
  /** Test messages assigned to this variant (whatever their state). */
  messages: number;
  sent: number;
  delivered: number;
  failed: number;
  /** Not yet handed to the provider, or sent with its outcome still open. */
  pending: number;
  /** Skipped: opted out before sending, or the campaign was cancelled. */
  skipped: number;
  clicked: number;
  /** Every counted click, repeats included (link previews never count). */
  clicks: number;
  replied: number;
  optedOut: number;
  converted: number;
  /** The measured metric among the messages the rate is taken over (`denominator`). */
  successes: number;
  /** Delivered messages (or sent ones, when the provider sends no delivery receipts). */
  denominator: number;
  /** successes ÷ denominator, with its Wilson interval at the configured confidence; null before anything counts. */
  rate: number | null;
  interval: { low: number; high: number } | null;
}

export interface AbVerdictView {
  sentence: string;
  recommendation: string;
  reason: VerdictReason;
  decided: boolean;
  winner: number | null;
  /** The chi-square test on the messages whose attribution window has closed; null while a variant has none. */
  test: { statistic: number; dof: number; pValue: number; method: string } | null;
  guard: PeekingGuard;
  /** When the verdict became final (then it never changes). */
  decidedAt: string | null;
}

export type WinnerReleaseState =
  /** Every variant goes to its share of the whole audience: there is no held-back rest. */
  | 'not_applicable'
  | 'waiting_for_verdict'
  | 'awaiting_approval'
  | 'sending'
  | 'sent'
  /** Decided without a single winner: the owner chooses which variant the rest gets. */
  | 'owner_choice'
  /** The test could not decide by its deadline (abtests.decisionDeadlineHours) and has no default variant: the owner must choose. */
  | 'decision_needed'
  | 'cancelled';

export interface AbReport {
  campaign: {
    id: number;
    name: string;
    status: CampaignStatus;
    provider: string;
    trackLinks: boolean | null;
    launchedAt: string | null;
  };
  metric: AbMetric;
  /** "replies", "link clicks", … */
  metricNoun: string;
  confidence: number;
  minSamplePerVariant: number;
  testPercent: number | null;
  /** What rates are taken over, and why, when it is not `delivered`. */
  basis: 'delivered' | 'sent';
  /** The channel the variants went out on: texts, the campaign's e-mails, or its calls. */
  channel: 'sms' | 'email' | 'voice';
  basisNote: string | null;
  attributionHours: number;
  /** Test messages whose attribution window has closed: the verdict is judged on these alone. */
  settledMessages: number;
  settledNote: string;
  variants: AbVariantReport[];
  verdict: AbVerdictView;
  /** SMS has no read receipts for marketing texts: said once, plainly. */
  openedNote: string;
  winner: {
    mode: 'automatic' | 'approve';
    state: WinnerReleaseState;
    /** The variant the rest gets (or got), when chosen. */
    variant: number | null;
    chosenBy: 'verdict' | 'owner' | null;
    sentAt: string | null;
    /** The rest of the audience, by state: held (waiting), then what happened after the winner went out. */
    remainder: {
      held: number;
      queued: number;
      sent: number;
      delivered: number;
      failed: number;
      skipped: number;
    } | null;
    /** One sentence for the owner about the rest of the audience. */
    note: string;
  };
  generatedAt: string;
}

export interface SendWinnerResult {
  campaignId: number;
  variant: number;
  variantName: string;
  chosenBy: 'verdict' | 'owner';
  /** Held messages now queued with the winner's text (by this call). */
  released: number;
  /** Held contacts not sent to: opted out or deleted since the test started. */
  skipped: number;
  /** The winner had already gone out (or started to) before this call. */
  alreadySent: boolean;
  sentAt: string;
}

export interface ConversionResult {
  id: number;
  campaignId: number;
  contactId: number;
  outboxId: number | null;
  /** False when this recipient had already converted (one conversion per recipient and campaign). */
  created: boolean;
}

const id = z.number().int().positive();

export const abtestChannels = {
  /** The campaigns that are A/B tests, archived ones left out. */
  'abtests:list': channel<CampaignRow[]>()(z.object({}).strict()),
  'abtests:report': channel<AbReport>()(z.object({ id }).strict()),
  /** `variant` (0-based) lets the owner choose when there is no single winner; without it the verdict's winner goes. */
  'abtests:sendWinner': channel<SendWinnerResult>()(
    z.object({ id, variant: z.number().int().min(0).max(4).optional() }).strict(),
  ),
  'abtests:markConversion': channel<ConversionResult>()(
    z.union([z.object({ outboxId: id }).strict(), z.object({ contactId: id, campaignId: id }).strict()]),
  ),
  'abtests:exportCsv': channel<{ fileName: string; csv: string }>()(z.object({ id }).strict()),
};
