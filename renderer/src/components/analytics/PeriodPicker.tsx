import { useId } from 'react';
import { Button, Select, TextInput } from '../ui';

export type PeriodChoice = '7d' | '30d' | '90d' | 'year' | 'custom';
export type Bucket = 'day' | 'week' | 'month';

export interface Period {
  choice: PeriodChoice;
  /** Custom range as YYYY-MM-DD, both days included. */
  customFrom: string;
  customTo: string;
  bucket: Bucket;
}

const CHOICES: Array<{ id: PeriodChoice; label: string }> = [
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: '90d', label: '90 days' },
  { id: 'year', label: 'Year' },
  { id: 'custom', label: 'Custom' },
];

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The summary's range for a choice: whole UTC days (the roll-ups' days) ending with today; `to` is exclusive. */
export function periodRange(p: Period, now: Date): { from: string; to: string } | null {
  const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY;
  if (p.choice === 'custom') {
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(p.customFrom) ||
      !/^\d{4}-\d{2}-\d{2}$/.test(p.customTo) ||
      p.customFrom > p.customTo
    )
      return null;
    return {
      from: `${p.customFrom}T00:00:00.000Z`,
      to: new Date(Date.parse(`${p.customTo}T00:00:00.000Z`) + DAY).toISOString(),
    };
  }
  const days = p.choice === '7d' ? 7 : p.choice === '30d' ? 30 : p.choice === '90d' ? 90 : 365;
  return { from: new Date(tomorrow - days * DAY).toISOString(), to: new Date(tomorrow).toISOString() };
}

export function defaultPeriod(now: Date): Period {
  return {
    choice: '30d',
    customFrom: isoDay(now.getTime() - 29 * DAY),
    customTo: isoDay(now.getTime()),
    bucket: 'day',
  };
}

/** A sensible bucket when the period changes: days up to 90 days, weeks up to a year, months beyond. */
function bucketFor(choice: PeriodChoice): Bucket {
  return choice === 'year' ? 'month' : choice === '90d' ? 'week' : 'day';
}

/** 7/30/90 days, a year or a custom range, and how the charts group it (day, week, month). */
export function PeriodPicker({ value, onChange }: { value: Period; onChange(p: Period): void }) {
  const id = useId();
  return (
    <div className="an-period" role="group" aria-label="Period">
      <div className="an-segmented">
        {CHOICES.map((c) => (
          <Button
            key={c.id}
            className={value.choice === c.id ? 'active' : ''}
            aria-pressed={value.choice === c.id}
            onClick={() =>
              onChange({ ...value, choice: c.id, bucket: c.id === 'custom' ? value.bucket : bucketFor(c.id) })
            }
          >
            {c.label}
          </Button>
        ))}
      </div>
      {value.choice === 'custom' && (
        <span className="an-custom">
          <label htmlFor={`${id}-from`}>From</label>
          <TextInput
            id={`${id}-from`}
            type="date"
            value={value.customFrom}
            max={value.customTo}
            onChange={(e) => onChange({ ...value, customFrom: e.target.value })}
          />
          <label htmlFor={`${id}-to`}>to</label>
          <TextInput
            id={`${id}-to`}
            type="date"
            value={value.customTo}
            min={value.customFrom}
            onChange={(e) => onChange({ ...value, customTo: e.target.value })}
          />
        </span>
      )}
      <label htmlFor={`${id}-bucket`} className="an-bucket-label">
        Charts by
      </label>
      <Select
        id={`${id}-bucket`}
        value={value.bucket}
        onChange={(e) => onChange({ ...value, bucket: e.target.value as Bucket })}
      >
        <option value="day">day</option>
        <option value="week">week</option>
        <option value="month">month</option>
      </Select>
    </div>
  );
}
