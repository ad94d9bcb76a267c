import type { DateFieldRepeat } from '../../../shared/recurrence';
import { UsageError } from '../framework';

/** The options `campaigns create` takes for a birthday/anniversary (date-field) series. */
export const dateFieldCreateOptions = {
  'date-field': { type: 'string' },
  'days-before': { type: 'string' },
  time: { type: 'string' },
} as const;

export const dateFieldCreateUsage = '[--date-field KEY [--days-before N] [--time HH:MM] [--local-time]]';

/**
 * The draft's dateField from the command line, or nothing when --date-field is not given. The series starts
 * checking on `today` (YYYY-MM-DD in the business's zone); whether the field exists and holds dates is the
 * campaigns:create channel's check, so the CLI and the wizard refuse the same things.
 */
export function dateFieldFromOptions(values: Record<string, unknown>, today: string): { dateField?: DateFieldRepeat } {
  const key = values['date-field'];
  if (typeof key !== 'string') {
    // --local-time alone is a one-time campaign at each recipient's wall-clock time (campaign-options.ts).
    const stray = ['days-before', 'time'].filter((o) => values[o] !== undefined);
    if (stray.length) throw new UsageError(`${stray.map((o) => `--${o}`).join(', ')} only apply with --date-field KEY`);
    return {};
  }
  if (values.repeat !== undefined) throw new UsageError('a campaign repeats by --repeat or by --date-field, not both');
  if (values.at !== undefined)
    throw new UsageError("--date-field sends on each contact's date; give its time with --time HH:MM, not --at");
  const days = String(values['days-before'] ?? '0').trim();
  if (!/^\d+$/.test(days) || Number(days) > 60)
    throw new UsageError(`--days-before must be a whole number of days from 0 to 60, got "${days}"`);
  const time = String(values.time ?? '09:00').trim();
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
    throw new UsageError(`--time must be a 24-hour time such as 09:00, got "${time}"`);
  return {
    dateField: {
      fieldKey: key.trim(),
      daysBefore: Number(days),
      time,
      recipientLocal: values['local-time'] === true,
      startDate: today,
    },
  };
}
