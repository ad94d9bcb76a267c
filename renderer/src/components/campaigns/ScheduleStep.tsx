import type { ReactNode } from 'react';
import { businessInstant, businessToday, inBusinessWords } from './business-time';
import { QUIET_HOURS_EXPLAINED } from './describe';
import { WEEKDAYS, WEEKDAYS_SHORT } from './format';
import type { FieldErrors } from './wizard-checks';
import { FEDERAL_END, FEDERAL_START, type ScheduleMode, type WizardState } from './wizard-state';
import { FieldError } from './WizardParts';
import { RepeatEditor } from '../calendar/RepeatEditor';
import { Button, Checkbox, Choice, Radio, Select, TextInput } from '../ui';

/** Quarter hours from 08:00 to 21:00: the only choices there are, so the window can never be widened. */
function quarterHours(from: string, to: string, current: string): string[] {
  const out: string[] = [];
  for (let m = 8 * 60; m <= 21 * 60; m += 15) {
    const t = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    if (t >= from && t <= to) out.push(t);
  }
  // A time set elsewhere (the CLI) off the quarter-hour grid stays selectable as long as it is inside the limits.
  if (current >= FEDERAL_START && current <= FEDERAL_END && !out.includes(current)) out.push(current);
  return out.sort();
}

function ModeOption({
  mode,
  state,
  update,
  title,
  children,
}: {
  mode: ScheduleMode;
  state: WizardState;
  update(p: Partial<WizardState>): void;
  title: string;
  children?: ReactNode;
}) {
  const on = state.scheduleMode === mode;
  return (
    <div className={`cw-mode${on ? ' on' : ''}`}>
      <Radio
        className="cw-mode-title"
        name="cw-schedule"
        checked={on}
        onChange={() => update({ scheduleMode: mode })}
        label={title}
      />
      {on && children && <div className="cw-mode-body">{children}</div>}
    </div>
  );
}

export function ScheduleStep({
  state,
  update,
  zone,
  now,
  errors,
  campaignId,
}: {
  state: WizardState;
  update(patch: Partial<WizardState>): void;
  zone: string;
  now: Date;
  errors: FieldErrors;
  campaignId?: number;
}) {
  const today = businessToday(zone, now);
  const at = businessInstant(state.atDate, state.atTime, zone);
  const localOutside = state.localTime < state.quietStart || state.localTime >= state.quietEnd;
  const toggleDay = (d: number, off: boolean) =>
    update({ excludedDays: off ? [...state.excludedDays, d] : state.excludedDays.filter((x) => x !== d) });

  return (
    <div className="cw-schedule">
      <fieldset className="cw-card cw-modes" aria-describedby={errors.schedule ? 'cw-schedule-error' : undefined}>
        <legend>When to send</legend>
        <ModeOption mode="now" state={state} update={update} title="Send now">
          <p className="muted small">Sending starts as soon as you launch.</p>
        </ModeOption>
        <ModeOption mode="at" state={state} update={update} title="At a date and time">
          <div className="cw-row">
            <div className="cw-field">
              <label htmlFor="cw-at-date">Date</label>
              <TextInput
                id="cw-at-date"
                type="date"
                min={today}
                value={state.atDate}
                onChange={(e) => update({ atDate: e.target.value })}
              />
            </div>
            <div className="cw-field">
              <label htmlFor="cw-at-time">Time</label>
              <TextInput
                id="cw-at-time"
                type="time"
                step={300}
                value={state.atTime}
                onChange={(e) => update({ atTime: e.target.value })}
              />
            </div>
          </div>
          <p className="muted small">
            In your business time zone, <strong>{zone}</strong> (Settings → business.timezone).
            {at && <> That is {inBusinessWords(at.iso, zone)}.</>}
          </p>
          {at?.shifted && (
            <p className="warn-text small">
              {state.atTime} does not exist on that day in {zone} (the clocks go forward); it would go out at {at.time}.
            </p>
          )}
        </ModeOption>
        <ModeOption
          mode="recipient_local"
          state={state}
          update={update}
          title="At the same local time for each recipient"
        >
          <div className="cw-row">
            <div className="cw-field">
              <label htmlFor="cw-local-date">Date</label>
              <TextInput
                id="cw-local-date"
                type="date"
                min={today}
                value={state.localDate}
                onChange={(e) => update({ localDate: e.target.value })}
              />
            </div>
            <div className="cw-field">
              <label htmlFor="cw-local-time">Local time</label>
              <TextInput
                id="cw-local-time"
                type="time"
                step={300}
                value={state.localTime}
                onChange={(e) => update({ localTime: e.target.value })}
              />
            </div>
          </div>
          <p className="muted small">
            Someone in Los Angeles gets it at {state.localTime || '…'} Los Angeles time, someone in New York at{' '}
            {state.localTime || '…'} New York time.
          </p>
          <Checkbox
            label="Each recipient's best hour that day"
            checked={state.bestHour}
            onChange={(e) => update({ bestHour: e.target.checked })}
          />
          {state.bestHour && (
            <p className="muted small" data-testid="best-hour-explained">
              Goes out at the hour your own history shows people answer most on that weekday (Analytics → Best time to
              send), in each recipient&apos;s time and inside your sending window. While your history names no such
              hour, it goes at {state.localTime || 'the time above'}.
            </p>
          )}
          {state.localTime && localOutside && (
            <p className="warn-text small">
              {state.localTime} is outside your sending window ({state.quietStart}–{state.quietEnd}); the messages would
              wait for the window to open.
            </p>
          )}
        </ModeOption>
        <FieldError id="cw-schedule-error" message={errors.schedule} />
      </fieldset>
      {state.scheduleMode === 'at' && (
        <RepeatEditor
          choice={state.repeat}
          date={state.atDate}
          time={state.atTime}
          campaignId={campaignId}
          onChange={(repeat) => update({ repeat })}
        />
      )}

      <fieldset className="cw-card cw-quiet" aria-describedby="cw-quiet-explained">
        <legend>Quiet hours</legend>
        <p id="cw-quiet-explained" className="cw-explain">
          {QUIET_HOURS_EXPLAINED}
        </p>
        <div className="cw-row">
          <div className="cw-field">
            <label htmlFor="cw-quiet-start">Earliest local time</label>
            <Select
              id="cw-quiet-start"
              value={state.quietStart}
              onChange={(e) => update({ quietStart: e.target.value })}
            >
              {quarterHours(FEDERAL_START, '20:45', state.quietStart).map((t) => (
                <option key={t} value={t} disabled={t >= state.quietEnd}>
                  {t}
                </option>
              ))}
            </Select>
          </div>
          <div className="cw-field">
            <label htmlFor="cw-quiet-end">Latest local time</label>
            <Select id="cw-quiet-end" value={state.quietEnd} onChange={(e) => update({ quietEnd: e.target.value })}>
              {quarterHours('08:15', FEDERAL_END, state.quietEnd).map((t) => (
                <option key={t} value={t} disabled={t <= state.quietStart}>
                  {t}
                </option>
              ))}
            </Select>
          </div>
          <Button
            variant="secondary"
            size="small"
            className="cw-widest"
            disabled={state.quietStart === FEDERAL_START && state.quietEnd === FEDERAL_END}
            onClick={() => update({ quietStart: FEDERAL_START, quietEnd: FEDERAL_END })}
          >
            Widest allowed (08:00–21:00)
          </Button>
        </div>
        <p className="muted small">
          The law allows 08:00 to 21:00 at the recipient; you can only narrow it. Some states are stricter, and their
          rules apply on top.
        </p>
        <fieldset className="cw-days">
          <legend>Don’t send on</legend>
          {WEEKDAYS_SHORT.map((d, i) => {
            const off = state.excludedDays.includes(i);
            return (
              <Choice
                key={d}
                type="checkbox"
                className={`cw-day${off ? ' on' : ''}`}
                aria-label={WEEKDAYS[i]}
                checked={off}
                disabled={!off && state.excludedDays.length >= 6}
                onChange={(e) => toggleDay(i, e.target.checked)}
                label={d}
              />
            );
          })}
        </fieldset>
        <FieldError id="cw-quiet-error" message={errors.quietHours} />
      </fieldset>
    </div>
  );
}
