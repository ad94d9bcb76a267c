import { z } from 'zod';
import { channel } from '../define';
import type { BestTimeCell, WeekdayHour } from '../../analytics/insights/best-time';
import {
  COMPARE_METRICS,
  MAX_GROUPS,
  MIN_GROUPS,
  type ComparedGroup,
  type GroupTest,
} from '../../analytics/insights/compare';
import type { PredictionsView } from '../../analytics/insights/predictions';
import type { AbMetric } from '../../abtests/wording';

export type { BestTimeCell, WeekdayHour, ComparedGroup, GroupTest, PredictionsView };

/** Engagement insights (issue 14, points 4–6): best time to send, segment comparison, predictions. */

export interface BestTimeView {
  /** All 168 weekday × hour cells (weekday 0 = Sunday), in the recipients' own local time. */
  cells: BestTimeCell[];
  recommendation: WeekdayHour | null;
  reason: string;
  /** Weekday-hours with enough delivered texts to be judged, and the rule's figures (to state it on screen). */
  judgedCells: number;
  rule: { minDeliveredPerCell: number; minCells: number };
}

export interface CompareView {
  metric: AbMetric;
  groups: ComparedGroup[];
  test: GroupTest;
  verdict: string;
  leader: string | null;
  /** Every rate's counts for each group, side by side. */
  outcomes: Array<{ name: string; delivered: number } & Record<AbMetric, number>>;
}

const groupSchema = z.union([
  z.object({ tag: z.string().trim().min(1).max(100) }).strict(),
  z.object({ segment: z.string().trim().min(1).max(100) }).strict(),
]);

export const insightChannels = {
  'insights:bestTime': channel<BestTimeView>()(z.object({}).strict()),
  'insights:compare': channel<CompareView>()(
    z
      .object({
        groups: z
          .array(groupSchema)
          .min(MIN_GROUPS, `choose at least ${MIN_GROUPS} tags or segments`)
          .max(MAX_GROUPS, `choose at most ${MAX_GROUPS} tags or segments`),
        metric: z.enum(COMPARE_METRICS).default('replied'),
      })
      .strict(),
  ),
  /** The models as last trained, and the contacts they rank highest. */
  'insights:predictions': channel<PredictionsView>()(z.object({}).strict()),
  /** Trains both models on a worker thread, scores every contact, and answers as `insights:predictions`. */
  'insights:train': channel<PredictionsView>()(z.object({}).strict()),
};
