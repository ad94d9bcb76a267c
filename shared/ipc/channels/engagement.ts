import { z } from 'zod';
import { CHANNELS } from '../../campaign-channels';
import { channel } from '../define';
import { ENGAGEMENT_BANDS, type EngagementBand, type EngagementInputs } from '../../analytics/engagement';
import type { FunnelStep } from './analytics';

/**
 * Engagement intelligence (issue 14 points 1–3): bands of the engagement score, one contact's score in words,
 * cohorts by month joined, and the funnel of a period or a campaign. Shapes of `analytics engagement|cohorts|funnel
 * --json` are the first fields of each view.
 */

/** Exactly `analytics engagement --json`: the bands add up to `total`, the number of contacts. */
export interface BandCounts {
  bands: Record<EngagementBand, number>;
  total: number;
}

export interface EngagementView extends BandCounts {
  /** Contacts waiting to be rescored after new events (the tick takes them a batch at a time). */
  waiting: number;
  lastRecomputeAt: string | null;
}

export interface ContactEngagementView extends EngagementInputs {
  contactId: number;
  score: number;
  band: EngagementBand;
  bandLabel: string;
  /** "Why this score", one sentence per part, the total and the band last. */
  why: string[];
  scoredAt: string | null;
}

export interface Cohort {
  /** YYYY-MM, the month the contacts joined (first import, added by hand or opted in by keyword). */
  month: string;
  size: number;
  /** Per month since joining (0 = the month itself, up to this month): the share still subscribed at its end (null when size is 0). */
  subscribed: Array<number | null>;
  /** Per month since joining: the share that replied, clicked or converted in that month. */
  engaged: Array<number | null>;
}

/** Exactly `analytics cohorts --json`. */
export interface CohortTable {
  cohorts: Cohort[];
}

/** Exactly `analytics funnel --json`. */
export interface FunnelCounts {
  sent: number;
  delivered: number;
  clicked: number;
  replied: number;
  converted: number;
}

export interface FunnelView extends FunnelCounts {
  from: string | null;
  to: string | null;
  campaignId: number | null;
  campaignName: string | null;
  steps: FunnelStep[];
  /** Per step after the first: the share lost against the step it is taken of (1 − its share); null when that is 0. */
  dropOff: Array<{ step: FunnelStep['step']; of: string; dropOff: number | null }>;
}

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date such as 2026-11-01');

export const engagementChannels = {
  /** Contacts per band (the score's bands), after rescoring what is waiting. */
  'engagement:bands': channel<EngagementView>()(z.object({}).strict()),
  /** One contact's score, band and "why this score". */
  'engagement:contact': channel<ContactEngagementView>()(z.object({ contactId: z.number().int().positive() }).strict()),
  /** Recomputes every contact's score as of now, on a worker thread. */
  'engagement:recompute': channel<{ contacts: number; scored: number; ms: number }>()(z.object({}).strict()),
  /** Cohorts by month joined: the last `months` months (this one included). */
  'engagement:cohorts': channel<CohortTable>()(
    z.object({ months: z.number().int().min(1).max(60).default(12) }).strict(),
  ),
  /** The funnel across a period (`from` inclusive, `to` exclusive; default the last 30 days) or of one campaign (all time unless a period is given). */
  'engagement:funnel': channel<FunnelView>()(
    z
      .object({
        campaignId: z.number().int().positive().optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        /** One channel's funnel: a step the channel cannot measure (replies on e-mails and calls) is left out. */
        channel: z.enum(CHANNELS, { message: 'a channel is sms, email or voice' }).optional(),
      })
      .strict(),
  ),
};

export const BAND_INPUT = z.enum(ENGAGEMENT_BANDS);
