import type { AudienceCount } from '../../../../shared/audience';
import { businessInstant, inBusinessWords } from './business-time';
import { WEEKDAYS, listInWords, plural } from './format';
import { FEDERAL_END, FEDERAL_START, type WizardState } from './wizard-state';

const quote = (tags: string[]) => tags.map((t) => `“${t}”`);

/** "Contacts tagged “vip” or “regulars”, except those tagged “staff”, not texted in the last 30 days." */
export function audienceInWords(s: Pick<WizardState, 'tags' | 'tagMode' | 'excludeTags' | 'minDays'>): string {
  let text = s.tags.length
    ? `Contacts tagged ${listInWords(quote(s.tags), s.tagMode === 'all' ? 'and' : 'or')}`
    : 'All contacts';
  if (s.tags.length > 1 && s.tagMode === 'all')
    text = `Contacts tagged with all of ${listInWords(quote(s.tags), 'and')}`;
  if (s.excludeTags.length) text += `, except those tagged ${listInWords(quote(s.excludeTags), 'or')}`;
  const days = Number(s.minDays);
  if (s.minDays.trim() !== '' && days > 0) text += `, not texted in the last ${plural(days, 'day')}`;
  return `${text}.`;
}

export const EXCLUSION_WORDS: Array<{ key: keyof AudienceCount['excluded']; label: string; why: string }> = [
  { key: 'optedOut', label: 'opted out', why: 'they texted STOP or asked not to be texted' },
  { key: 'notTextable', label: 'can’t receive texts', why: 'a landline, or a number marked as not textable' },
  { key: 'invalidPhone', label: 'invalid number', why: 'not a full international phone number' },
];

/** "2 left out: 1 opted out, 1 invalid number." — or null when nobody is. */
export function exclusionsInWords(count: AudienceCount): string | null {
  const parts = EXCLUSION_WORDS.filter((w) => count.excluded[w.key] > 0).map(
    (w) => `${count.excluded[w.key].toLocaleString()} ${w.label}`,
  );
  const total = count.matched - count.eligible;
  return total > 0 ? `${total.toLocaleString()} left out: ${parts.join(', ')}.` : null;
}

export function scheduleInWords(
  s: Pick<WizardState, 'scheduleMode' | 'atDate' | 'atTime' | 'localDate' | 'localTime'> &
    Partial<Pick<WizardState, 'bestHour'>>,
  zone: string,
): string {
  if (s.scheduleMode === 'now') return 'As soon as you launch it.';
  if (s.scheduleMode === 'at') {
    const at = businessInstant(s.atDate, s.atTime, zone);
    return at ? `On ${inBusinessWords(at.iso, zone)} (your business time zone, ${zone}).` : 'At a time not yet chosen.';
  }
  const date = new Date(`${s.localDate}T12:00:00Z`).toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  if (s.bestHour)
    return `On ${date} at each recipient’s best hour in their own time zone (${s.localTime} while your history names none).`;
  return `On ${date} at ${s.localTime} in each recipient’s own time zone.`;
}

export function quietHoursInWords(s: Pick<WizardState, 'quietStart' | 'quietEnd' | 'excludedDays'>): string {
  const widest = s.quietStart === FEDERAL_START && s.quietEnd === FEDERAL_END;
  let text = `Between ${s.quietStart} and ${s.quietEnd} in each recipient’s local time${widest ? ' (the widest the law allows)' : ''}`;
  if (s.excludedDays.length)
    text += `, never on ${listInWords(
      [...s.excludedDays].sort((a, b) => a - b).map((d) => `${WEEKDAYS[d]}s`),
      'or',
    )}`;
  return `${text}. Stricter state rules apply on top.`;
}

export const QUIET_HOURS_EXPLAINED =
  'A message that would reach someone outside this window — in their own time zone — waits until their window opens; it is never sent early and never dropped.';
