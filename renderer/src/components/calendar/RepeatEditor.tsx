import { useEffect, useState } from 'react';
import type { RepeatPreview } from '../../../../shared/ipc/channels/series';
import { api } from '../../api/client';
import { DAY_CODES, nthWeekdayOf, ruleOf, type RepeatChoice } from './repeat-choice';
import { dayLabel } from './dates';
import { DateFieldEditor } from './DateFieldEditor';
import './calendar.css';
import { Choice, Radio, Select, TextInput } from '../ui';

const FREQ_LABEL = {
  none: 'Does not repeat',
  DAILY: 'Daily',
  WEEKLY: 'Weekly',
  MONTHLY: 'Monthly',
  YEARLY: 'Yearly',
  DATE: "On each contact's date (birthday, anniversary…)",
} as const;
const UNIT = {
  none: '',
  DAILY: 'day(s)',
  WEEKLY: 'week(s)',
  MONTHLY: 'month(s)',
  YEARLY: 'year(s)',
  DATE: '',
} as const;
const DAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ORDINAL = ['', '1st', '2nd', '3rd', '4th', '5th'];

/**
 * The wizard's Repeat section: daily, weekly on chosen days, monthly (same day, "2nd Tuesday", last day) or
 * yearly, every N, ending never / on a date / after N sends. The core checks the rule and answers in words with
 * the next dates, so the owner sees exactly what will happen (and why a rule that never fires is refused).
 */
export function RepeatEditor({
  choice,
  date,
  time,
  onChange,
  campaignId,
}: {
  choice: RepeatChoice;
  date: string;
  time: string;
  onChange(c: RepeatChoice): void;
  campaignId?: number;
}) {
  const [preview, setPreview] = useState<RepeatPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (patch: Partial<RepeatChoice>) =>
    onChange({ ...choice, ...patch, custom: 'custom' in patch ? (patch.custom ?? '') : '' });
  const on = choice.freq !== 'DATE' && (choice.freq !== 'none' || choice.custom.trim() !== '');

  // A saved series opened for editing: its rule as it is stored.
  useEffect(() => {
    if (campaignId === undefined) return;
    void api.series.get({ id: campaignId }).then((s) => {
      if (s?.dateField)
        return onChange({
          ...choice,
          freq: 'DATE',
          fieldKey: s.dateField.fieldKey,
          daysBefore: String(s.dateField.daysBefore),
          recipientLocal: s.dateField.recipientLocal,
        });
      if (s)
        onChange({
          ...choice,
          freq: (s.rule.match(/FREQ=(\w+)/)?.[1] as RepeatChoice['freq']) ?? 'DAILY',
          custom: s.rule,
          skipRecentDays: s.skipRecentDays ? String(s.skipRecentDays) : '',
        });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per campaign opened
  }, [campaignId]);

  const rule = on ? ruleOf(choice, date) : '';
  useEffect(() => {
    if (!rule || !date || !time) return setPreview(null);
    const t = setTimeout(() => {
      api.series
        .preview({ rule, start: `${date}T${time}`, count: 5 })
        .then((p) => (setPreview(p), setProblem(null)))
        .catch((e: Error) => (setPreview(null), setProblem(e.message)));
    }, 200);
    return () => clearTimeout(t);
  }, [rule, date, time]);

  const nth = date ? nthWeekdayOf(date) : '1MO';
  return (
    <fieldset className="cw-card repeat-editor" aria-describedby="repeat-preview">
      <legend>Repeat</legend>
      <div className="repeat-row">
        <label className="repeat-field">
          <span>Repeats</span>
          <Select
            value={choice.freq}
            onChange={(e) => set({ freq: e.target.value as RepeatChoice['freq'] })}
            aria-label="Repeats"
          >
            {Object.entries(FREQ_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </Select>
        </label>
        {on && (
          <label className="repeat-field">
            <span>Every</span>
            <span className="repeat-inline">
              <TextInput
                type="number"
                min={1}
                max={1000}
                value={choice.interval}
                onChange={(e) => set({ interval: e.target.value })}
                aria-label="Interval"
              />
              {UNIT[choice.freq]}
            </span>
          </label>
        )}
      </div>
      {choice.freq === 'DATE' && <DateFieldEditor choice={choice} date={date} time={time} onChange={onChange} />}
      {choice.freq === 'WEEKLY' && (
        <div className="repeat-days" role="group" aria-label="On these days">
          {DAY_CODES.map((code, i) => (
            <Choice
              key={code}
              type="checkbox"
              className={choice.weekdays.includes(code) ? 'on' : ''}
              checked={choice.weekdays.includes(code)}
              onChange={(e) =>
                set({
                  weekdays: e.target.checked ? [...choice.weekdays, code] : choice.weekdays.filter((d) => d !== code),
                })
              }
              label={DAY_SHORT[i]}
            />
          ))}
        </div>
      )}
      {choice.freq === 'MONTHLY' && (
        <div className="repeat-row" role="radiogroup" aria-label="On which day of the month">
          <Radio
            name="repeat-monthly"
            checked={choice.monthly === 'day'}
            onChange={() => set({ monthly: 'day' })}
            label={<> On day {Number(date.slice(8))}</>}
          />
          <Radio
            name="repeat-monthly"
            checked={choice.monthly === 'nth'}
            onChange={() => set({ monthly: 'nth' })}
            label={
              <>
                {' '}
                On the {ORDINAL[Number(nth[0])]} {date ? dayLabel(date, { weekday: 'long' }) : ''}
              </>
            }
          />
          <Radio
            name="repeat-monthly"
            checked={choice.monthly === 'last'}
            onChange={() => set({ monthly: 'last' })}
            label="On the last day"
          />
        </div>
      )}
      {on && (
        <>
          <div className="repeat-row" role="radiogroup" aria-label="Ends">
            <span className="repeat-label">Ends</span>
            <Radio
              name="repeat-end"
              checked={choice.end === 'never'}
              onChange={() => set({ end: 'never' })}
              label="Never"
            />
            <Radio
              name="repeat-end"
              checked={choice.end === 'until'}
              onChange={() => set({ end: 'until' })}
              label={
                <>
                  {' '}
                  On
                  <TextInput
                    type="date"
                    value={choice.until}
                    min={date}
                    disabled={choice.end !== 'until'}
                    onChange={(e) => set({ until: e.target.value })}
                    aria-label="End date"
                  />
                </>
              }
            />
            <Radio
              name="repeat-end"
              checked={choice.end === 'count'}
              onChange={() => set({ end: 'count' })}
              label={
                <>
                  {' '}
                  After
                  <TextInput
                    type="number"
                    min={1}
                    value={choice.count}
                    disabled={choice.end !== 'count'}
                    onChange={(e) => set({ count: e.target.value })}
                    aria-label="Number of sends"
                  />{' '}
                  sends
                </>
              }
            />
          </div>
          <label className="repeat-field">
            <span>Skip contacts an earlier date texted in the last</span>
            <span className="repeat-inline">
              <TextInput
                type="number"
                min={1}
                max={3650}
                placeholder="—"
                value={choice.skipRecentDays}
                onChange={(e) => onChange({ ...choice, skipRecentDays: e.target.value })}
                aria-label="Skip recent days"
              />{' '}
              days
            </span>
          </label>
          <label className="repeat-field repeat-rrule">
            <span>Rule (RFC 5545 RRULE — edit for anything the choices above do not offer)</span>
            <TextInput
              type="text"
              value={rule}
              onChange={(e) => set({ custom: e.target.value })}
              spellCheck={false}
              aria-label="RRULE"
            />
          </label>
          <div id="repeat-preview" className="repeat-preview" aria-live="polite">
            {problem && <p className="error-text">{problem}</p>}
            {preview && (
              <>
                <p className="repeat-summary">{preview.summary}</p>
                <p className="muted small">
                  Next:{' '}
                  {preview.occurrences
                    .map(
                      (o) =>
                        `${dayLabel(o.slice(0, 10), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })} ${o.slice(11, 16)}`,
                    )
                    .join(' · ')}
                </p>
              </>
            )}
          </div>
        </>
      )}
    </fieldset>
  );
}
