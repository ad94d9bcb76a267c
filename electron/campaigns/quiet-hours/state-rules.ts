/**
 * State telephone-solicitation rules that are stricter than the federal 8:00–21:00 window, applied by the
 * recipient's area code (compliance.md, "Quiet hours"). A data table so a new state is one more entry.
 *
 * Rules we have not verified against the statute are still applied — compliance.md: "where a rule is uncertain
 * we take the stricter reading" — and carry `verified: false` so the UI can say so.
 */

/** Allowed local sending hours for one day, [start, end), 'HH:MM'. */
export interface DayHours {
  start: string;
  end: string;
}

/** Index 0 = Sunday … 6 = Saturday; null means no marketing texts at all that day. */
export type WeekHours = readonly [
  DayHours | null,
  DayHours | null,
  DayHours | null,
  DayHours | null,
  DayHours | null,
  DayHours | null,
  DayHours | null,
];

export interface StateRule {
  /** ISO 3166-2 subdivision, e.g. 'US-FL'. */
  region: string;
  /** The state's name as a business owner would say it. */
  name: string;
  hours: WeekHours;
  /** At most this many messages on the same subject to one recipient in any 24 hours. */
  maxPerSubjectPer24h?: number;
  verified: boolean;
  /** Where the rule comes from, for the compliance screen. */
  source: string;
}

function everyDay(start: string, end: string): WeekHours {
  const h = { start, end };
  return [h, h, h, h, h, h, h];
}

function weekdaysAndWeekends(weekdays: DayHours, weekends: DayHours): WeekHours {
  return [weekends, weekdays, weekdays, weekdays, weekdays, weekdays, weekends];
}

const UNVERIFIED_SOURCE = 'Reported in compliance guides; statute text not yet checked by us.';

export const STATE_RULES: readonly StateRule[] = [
  {
    region: 'US-FL',
    name: 'Florida',
    hours: everyDay('08:00', '20:00'),
    maxPerSubjectPer24h: 3,
    verified: true,
    source: 'Florida Telephone Solicitation Act, Fla. Stat. § 501.059(8)(a)',
  },
  {
    region: 'US-OK',
    name: 'Oklahoma',
    hours: everyDay('08:00', '20:00'),
    maxPerSubjectPer24h: 3,
    verified: true,
    source: 'Oklahoma Telephone Solicitation Act of 2022, Okla. Stat. tit. 15, § 775C.4',
  },
  {
    region: 'US-WA',
    name: 'Washington',
    hours: everyDay('08:00', '20:00'),
    verified: true,
    source: 'Rev. Code Wash. § 80.36.390',
  },
  {
    region: 'US-CT',
    name: 'Connecticut',
    hours: everyDay('09:00', '20:00'),
    verified: false,
    source: UNVERIFIED_SOURCE,
  },
  { region: 'US-MD', name: 'Maryland', hours: everyDay('08:00', '20:00'), verified: false, source: UNVERIFIED_SOURCE },
  {
    region: 'US-MS',
    name: 'Mississippi',
    hours: everyDay('08:00', '20:00'),
    verified: false,
    source: UNVERIFIED_SOURCE,
  },
  {
    region: 'US-NJ',
    name: 'New Jersey',
    hours: everyDay('08:00', '20:00'),
    verified: false,
    source: UNVERIFIED_SOURCE,
  },
  {
    region: 'US-TX',
    name: 'Texas',
    hours: [
      { start: '12:00', end: '21:00' },
      { start: '09:00', end: '21:00' },
      { start: '09:00', end: '21:00' },
      { start: '09:00', end: '21:00' },
      { start: '09:00', end: '21:00' },
      { start: '09:00', end: '21:00' },
      { start: '09:00', end: '21:00' },
    ],
    verified: false,
    source: UNVERIFIED_SOURCE,
  },
  {
    region: 'US-RI',
    name: 'Rhode Island',
    hours: weekdaysAndWeekends({ start: '09:00', end: '18:00' }, { start: '10:00', end: '17:00' }),
    verified: false,
    source: UNVERIFIED_SOURCE,
  },
];

/**
 * The rules that apply to a recipient. `regions` are the subdivisions their area code serves; when we could not
 * place a US number in a state at all, every US state rule applies (the stricter reading).
 */
export function stateRulesFor(location: { country?: string; regions: readonly string[] }): StateRule[] {
  if (location.regions.length > 0) return STATE_RULES.filter((rule) => location.regions.includes(rule.region));
  if (location.country === 'US') return STATE_RULES.filter((rule) => rule.region.startsWith('US-'));
  return [];
}

/** The tightest same-subject cap among the rules, or undefined when none of them has one. */
export function maxPerSubjectPer24h(rules: readonly StateRule[]): number | undefined {
  const caps = rules.flatMap((rule) => (rule.maxPerSubjectPer24h === undefined ? [] : [rule.maxPerSubjectPer24h]));
  return caps.length > 0 ? Math.min(...caps) : undefined;
}
