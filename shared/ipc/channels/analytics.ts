import { z } from 'zod';
import type { ChannelResults } from '../../campaign-channels';
import { channel } from '../define';
import {
  RECIPIENT_FILTERS,
  SUMMARY_BUCKETS,
  type AttributionRule,
  type AttributionWindows,
  type ConversionSource,
  type OutcomeCounts,
  type OutcomeTotals,
  type RateIntervals,
  type Rates,
  type RecipientFilter,
  type SummaryBucket,
} from '../../analytics';
import { CHANNELS } from '../../campaign-channels';
import type { CampaignStatus, Channel } from '../../types/domain';
import { conversionChannels } from './conversions';
import { exportChannels } from './exports';

export * from './conversions';
export * from './exports';

/**
 * Results of campaigns and of periods (analytics.md). Every figure comes from the definitions in shared/analytics.
 * Money appears twice: as decimal numbers in the currency (the CLI's `--json` shape) and as integer minor units
 * (`…Minor`) for exact arithmetic and formatting with shared/analytics `formatMoney`.
 */

/** Exactly the CLI's `campaigns results <id> --json`: the counts of shared/analytics, money as decimals. */
export interface CampaignResultsSummary extends OutcomeCounts {
  id: number;
  name: string;
  revenue: number;
  spend: number;
  currency: string;
  rates: Rates;
  /** null when spend is 0 (the UI says "no revenue recorded" when revenue is 0 and nothing converted). */
  roi: number | null;
  epm: number | null;
  costPerConversion: number | null;
  windows: AttributionWindows;
}

export interface MoneyMinor {
  revenueMinor: number;
  spendMinor: number;
  /** Fractional minor units (revenue ÷ delivered). */
  epmMinor: number | null;
  costPerConversionMinor: number | null;
}

export interface FunnelStep {
  step: 'sent' | 'delivered' | 'clicked' | 'replied' | 'converted';
  label: string;
  count: number;
  /** Share of the step before (sent for delivered, delivered for the rest); null when that is 0. */
  ofPrevious: number | null;
}

/** Outcomes by time since the campaign's first send: hours for the first two days, then days. */
export interface OutcomeTimelinePoint {
  /** Hours from the first send to the start of this bucket. */
  fromHour: number;
  toHour: number;
  label: string;
  replied: number;
  clicked: number;
  optedOut: number;
  converted: number;
  revenueMinor: number;
}

export interface ReasonCount {
  /** Provider error code, or the opt-out's source. */
  code: string;
  label: string;
  count: number;
}

export interface CampaignResultsView extends CampaignResultsSummary {
  status: CampaignStatus;
  launchedAt: string | null;
  firstSentAt: string | null;
  /** The A/B report has the per-variant view; the results page links to it. */
  isAbTest: boolean;
  money: MoneyMinor;
  funnel: FunnelStep[];
  /** Wilson intervals at 95 %, null where the rate is null. */
  intervals: RateIntervals;
  timeline: OutcomeTimelinePoint[];
  undeliveredByReason: ReasonCount[];
  optOutsBySource: ReasonCount[];
  conversionsBySource: Array<{ source: ConversionSource; label: string; count: number; revenueMinor: number }>;
  /** Messages not yet handed over or still open (their outcomes may still come). */
  pending: number;
  /** The results per channel (one entry for a text campaign); they add up to the totals above. */
  channels: ChannelResults[];
  /** "Attribution: last touch, 5-day click window, 24-hour delivery window." */
  windowsNote: string;
  generatedAt: string;
}

export interface RecipientRow {
  outboxId: number;
  contactId: number | null;
  name: string;
  phone: string;
  variant: string | null;
  state: string;
  errorCode: string | null;
  errorMessage: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  segments: number;
  /** What this message cost (segments × price at send time), micro-units of the currency; null before it was handed over. */
  costMicros: number | null;
  replied: boolean;
  clicked: boolean;
  optedOut: boolean;
  converted: boolean;
  revenueMinor: number;
  /** Which window gave it its outcomes ("delivery" / "click" / "direct"), null when none. */
  attribution: AttributionRule | null;
}

export interface RecipientsPage {
  total: number;
  rows: RecipientRow[];
  currency: string;
}

/** Exactly the CLI's `analytics summary --json`. */
export interface AnalyticsSummaryCli extends Omit<OutcomeCounts, 'failed'> {
  from: string;
  to: string;
  revenue: number;
  spend: number;
  roi: number | null;
  /** Contacts added in the period (list growth). */
  newContacts: number;
  /** Everyone who opted out in the period, attributed to a campaign or not. */
  optOuts: number;
  topCampaigns: Array<{ id: number; name: string; revenue: number; roi: number | null }>;
}

/** List growth over a period or a chart bucket. */
export interface ListGrowth {
  /** Contacts added. */
  newContacts: number;
  /** Everyone who opted out, attributed to a campaign or not. */
  optOuts: number;
}

/** One period's figures (the current one, or the one before it for comparison). */
export interface PeriodFigures extends OutcomeTotals, ListGrowth {
  from: string;
  to: string;
  roi: number | null;
  epmMinor: number | null;
  rates: Rates;
}

export interface SummaryPoint extends Omit<OutcomeTotals, 'failed'>, ListGrowth {
  /** Bucket start (a day as YYYY-MM-DD; a week by its Monday; a month by its first day). */
  start: string;
  label: string;
}

export interface TopCampaignRow {
  id: number;
  name: string;
  revenue: number;
  roi: number | null;
  revenueMinor: number;
  spendMinor: number;
  sent: number;
  delivered: number;
  replyRate: number | null;
  converted: number;
}

/**
 * One channel's figures over a period, from the daily roll-ups (migration 0032); the channels add up to the period's
 * totals. A figure the channel cannot measure is null, not 0 (MEASURED_ON: replies come back only to texts, clicks
 * need a link, which a call has not); opens are never counted.
 */
export interface ChannelPeriodFigures extends Omit<OutcomeTotals, 'replied' | 'clicked'> {
  channel: Channel;
  replied: number | null;
  clicked: number | null;
  roi: number | null;
  /** The rates of shared/analytics; null where the figure is not measured or nothing was delivered. */
  rates: Rates;
}

export interface AnalyticsSummaryView extends AnalyticsSummaryCli {
  currency: string;
  /** The channel the figures, series and top campaigns are of; null for all channels. */
  channel: Channel | null;
  /**
   * The current period per channel (every channel with anything in the period, texts, e-mails, calls in that order),
   * whatever `channel` is: they add up to the all-channels totals.
   */
  channels: ChannelPeriodFigures[];
  /**
   * Attributed conversions and revenue in the period per source (QuickBooks, imported orders, keywords…), highest
   * revenue first; across channels whatever `channel` is (that roll-up has no channel).
   */
  revenueBySource: CampaignResultsView['conversionsBySource'];
  bucket: SummaryBucket;
  current: PeriodFigures;
  /** The same length of time just before `from`. */
  previous: PeriodFigures;
  /** Relative change current vs previous per figure; null where the previous figure is 0. */
  change: Partial<Record<keyof Omit<PeriodFigures, 'from' | 'to' | 'rates' | 'roi' | 'epmMinor'>, number | null>>;
  series: SummaryPoint[];
  topCampaignRows: TopCampaignRow[];
  windows: AttributionWindows;
  windowsNote: string;
  /** False until anything was ever sent: the app's home stays the campaigns page until then. */
  anythingSent: boolean;
  /** Days are UTC calendar days (roll-ups are kept per UTC day). */
  dayNote: string;
  generatedAt: string;
}

/** A campaign list row's results columns (reply rate, revenue, ROI), from the roll-ups. */
export interface CampaignResultsColumns {
  id: number;
  sent: number;
  delivered: number;
  replyRate: number | null;
  revenueMinor: number;
  spendMinor: number;
  roi: number | null;
}

export interface RebuildResult {
  campaigns: number;
  days: number;
  ms: number;
}

const id = z.number().int().positive();
const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date such as 2026-11-01');

export const analyticsChannels = {
  'analytics:campaignResults': channel<CampaignResultsView>()(z.object({ campaignId: id }).strict()),
  'analytics:recipients': channel<RecipientsPage>()(
    z
      .object({
        campaignId: id,
        outcome: z.enum(RECIPIENT_FILTERS).default('all' satisfies RecipientFilter),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /** `from` inclusive, `to` exclusive; both default to the last 30 days. */
  'analytics:summary': channel<AnalyticsSummaryView>()(
    z
      .object({
        from: isoDate.optional(),
        to: isoDate.optional(),
        bucket: z.enum(SUMMARY_BUCKETS).default('day'),
        top: z.number().int().min(1).max(50).default(5),
        /** Only this channel's figures (list growth and revenue by source stay across channels). */
        channel: z.enum(CHANNELS, { message: 'a channel is sms, email or voice' }).optional(),
      })
      .strict(),
  ),
  /** Results columns for the campaign list (all campaigns, or the ids given). */
  'analytics:campaignColumns': channel<CampaignResultsColumns[]>()(
    z.object({ ids: z.array(id).max(10_000).optional() }).strict(),
  ),
  /** Recomputes every roll-up from the stored outcomes (off the main thread). */
  'analytics:rebuild': channel<RebuildResult>()(z.object({}).strict()),
  ...conversionChannels,
  ...exportChannels,
};
