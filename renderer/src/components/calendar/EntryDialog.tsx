import { useState } from 'react';
import { api } from '../../api/client';
import { businessInstant } from '../campaigns/business-time';
import { dayLabel } from './dates';
import { ENTRY_LABEL, canMove, entryDay, entryTime, type CalendarEntry } from './entries';
import './calendar.css';

/** What a click on a calendar entry shows: open the campaign, or move a one-time campaign that has not started. */
export function EntryDialog({ entry, zone, today, onOpen, onClose, onMoved }: { entry: CalendarEntry; zone: string; today: string; onOpen(id: number): void; onClose(): void; onMoved(): void }) {
  const [date, setDate] = useState(entryDay(entry));
  const [time, setTime] = useState(entryTime(entry));
  const [error, setError] = useState<string | null>(null);
  const movable = canMove(entry, today);
  const move = async () => {
    const at = businessInstant(date, time, zone);
    if (!at) return setError('Choose a date and a time.');
    try {
      await api.calendar.reschedule({ id: entry.campaignId, at: at.iso });
      onMoved();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="cal-dialog-backdrop" onClick={onClose}>
      <div className="cal-dialog" role="dialog" aria-modal="true" aria-labelledby="cal-dialog-title" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <h2 id="cal-dialog-title">{entry.name}</h2>
        <p className="muted">
          {dayLabel(entryDay(entry), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })} at {entryTime(entry)} ({zone}) · {ENTRY_LABEL[entry.status] ?? entry.status}
          {entry.kind === 'recurring' && ' · part of a repeating campaign'}
          {entry.kind === 'birthday' && ' · birthday campaign'}
        </p>
        {movable && (
          <fieldset className="cal-move">
            <legend>Reschedule</legend>
            <label>
              Date <input type="date" min={today} value={date} onChange={(e) => setDate(e.target.value)} />
            </label>
            <label>
              Time <input type="time" step={300} value={time} onChange={(e) => setTime(e.target.value)} />
            </label>
            <button type="button" className="secondary" onClick={() => void move()}>
              Move
            </button>
          </fieldset>
        )}
        {error && <p className="error-text">{error}</p>}
        <div className="cal-dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
          <button type="button" autoFocus onClick={() => onOpen(entry.campaignId)}>
            Open {entry.seriesId === entry.campaignId ? 'series' : 'campaign'}
          </button>
        </div>
      </div>
    </div>
  );
}
