/**
 * Attribution (analytics.md): last touch — an outcome belongs to the most recent campaign message to that contact
 * delivered (or, without delivery receipts, sent) before it, if it falls within `deliveryHours` of that delivery,
 * or within `clickDays` of a click on that message's tracked link. The windows are settings; each outcome stores
 * the windows it was attributed with, so changing them applies only to later outcomes.
 */
export interface AttributionWindows {
  clickDays: number;
  deliveryHours: number;
}

export const DEFAULT_WINDOWS: AttributionWindows = { clickDays: 5, deliveryHours: 24 };

/** Which window attributed an outcome: after a delivery, after a click, or the owner said so (a manual mark on a message). */
export type AttributionRule = 'delivery' | 'click' | 'direct';

/** "5-day click, 24-hour delivery window" — every report states the windows it used. */
export function windowsSentence(w: AttributionWindows): string {
  return `Attribution: last touch, ${w.clickDays}-day click window, ${w.deliveryHours}-hour delivery window.`;
}

const HOUR_MS = 3_600_000;

/** Whether an outcome at `at` falls in a window of a message delivered at `deliveredAt`, clicked at `clickedAt`. */
export function attributedBy(
  at: number,
  deliveredAt: number,
  clickedAt: number | null,
  w: AttributionWindows,
): AttributionRule | null {
  if (at < deliveredAt) return null;
  if (clickedAt !== null && at >= clickedAt && at <= clickedAt + w.clickDays * 24 * HOUR_MS) return 'click';
  if (at <= deliveredAt + w.deliveryHours * HOUR_MS) return 'delivery';
  return null;
}
