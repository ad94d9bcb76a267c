/** What the prediction models report (issue 14, point 6); the models themselves live in electron/analytics/predict. */

export interface TargetSummary {
  /** Holdout AUC; null when the holdout had too few events (or non-events) to compute it. */
  auc: number | null;
  /** Share of delivered texts that got a reply (an opt-out). */
  baseRate: number | null;
  /** True only when the model beats the base rate on the holdout; otherwise no prediction is shown. */
  usable: boolean;
  holdout: number;
  holdoutEvents: number;
  /** One sentence on why it is (not) usable. */
  reason: string;
}

export interface RankedContact {
  contactId: number;
  phone: string;
  name: string;
  replyProbability: number | null;
  optOutRisk: number | null;
  optOutHigh: boolean;
}

export interface PredictionsView {
  trainedAt: string | null;
  reply: TargetSummary | null;
  optOut: TargetSummary | null;
  /** The contacts most likely to reply, highest first (empty unless the reply model is usable). */
  likelyToReply: RankedContact[];
  /** The contacts most at risk of opting out, highest first (empty unless the opt-out model is usable). */
  atRisk: RankedContact[];
  /** Contacts the audience filter "exclude high opt-out risk" leaves out. */
  highRisk: number;
}
