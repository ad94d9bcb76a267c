import { DAY_NAMES, FEDERAL_END, FEDERAL_START, formatHHMM, parseHHMM, type ParsedPolicy } from './policy';
import type { StateRule } from './state-rules';

/** One edge of a day's window and the rule that put it there, in words for the reason text. */
export interface Edge {
  minute: number;
  by: string;
}

/** The local hours a recipient may be texted on one weekday: [start, end) in minutes after local midnight. */
export type DayWindow = { open: true; start: Edge; end: Edge } | { open: false; why: string };

/** Index 0 = Sunday … 6 = Saturday. */
export type WeekWindows = readonly DayWindow[];

const FEDERAL_LABEL = 'federal quiet hours 08:00–21:00';

function ruleLabel(rule: StateRule, day: number, start: string, end: string): string {
  const sameEveryDay = rule.hours.every((h) => h !== null && h.start === start && h.end === end);
  const when = sameEveryDay ? '' : ` on ${DAY_NAMES[day]}s`;
  return `${rule.verified ? '' : 'unverified '}${rule.name} rule ${start}–${end}${when}`;
}

/**
 * Intersects the federal window, every applicable state rule and the business's policy for each weekday.
 * Each limit can only narrow the window; on a tie the law is named rather than the policy, as it is the reason
 * the business cannot widen it.
 */
export function weekWindows(policy: ParsedPolicy, rules: readonly StateRule[]): WeekWindows {
  const policyLabel = `your sending window ${formatHHMM(policy.start)}–${formatHHMM(policy.end)}`;
  return DAY_NAMES.map((dayName, day): DayWindow => {
    if (policy.excludedDays.has(day)) return { open: false, why: `${dayName} is not one of your sending days` };
    let start: Edge = { minute: FEDERAL_START, by: FEDERAL_LABEL };
    let end: Edge = { minute: FEDERAL_END, by: FEDERAL_LABEL };
    for (const rule of rules) {
      const hours = rule.hours[day];
      if (hours === null) return { open: false, why: `the ${rule.name} rule allows no marketing texts on ${dayName}s` };
      const label = ruleLabel(rule, day, hours.start, hours.end);
      const ruleStart = parseHHMM(hours.start, `${rule.name} rule start`);
      const ruleEnd = parseHHMM(hours.end, `${rule.name} rule end`);
      if (ruleStart > start.minute) start = { minute: ruleStart, by: label };
      if (ruleEnd < end.minute) end = { minute: ruleEnd, by: label };
    }
    if (policy.start > start.minute) start = { minute: policy.start, by: policyLabel };
    if (policy.end < end.minute) end = { minute: policy.end, by: policyLabel };
    if (start.minute >= end.minute) {
      return { open: false, why: `on ${dayName}s the window is empty: ${start.by} and ${end.by} do not overlap` };
    }
    return { open: true, start, end };
  });
}

/** Whether local minute-of-day `minute` is inside the day's window. */
export function isInside(window: DayWindow, minute: number): boolean {
  return window.open && minute >= window.start.minute && minute < window.end.minute;
}

/** Why a local time is outside the day's window, in plain words, e.g. "21:14 in America/Chicago is after 21:00 (…)". */
export function whyOutside(window: DayWindow, zone: string, day: number, minute: number): string {
  const at = `${formatHHMM(minute)} in ${zone}`;
  if (!window.open) return `${DAY_NAMES[day]} ${at}: ${window.why}`;
  if (minute < window.start.minute) return `${at} is before ${formatHHMM(window.start.minute)} (${window.start.by})`;
  const endText = formatHHMM(window.end.minute);
  if (minute === window.end.minute)
    return `${at} is the ${endText} cut-off; sends must be before it (${window.end.by})`;
  return `${at} is after ${endText} (${window.end.by})`;
}
