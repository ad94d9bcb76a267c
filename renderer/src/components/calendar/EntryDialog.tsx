import { useState } from 'react';
import { api } from '../../api/client';
import { businessInstant } from '../campaigns/business-time';
import { Button, Modal, TextInput } from '../ui';
import { dayLabel } from './dates';
import { ENTRY_LABEL, canMove, entryDay, entryTime, type CalendarEntry } from './entries';
import { ChannelMarks } from './ChannelMarks';
import './calendar.css';

/** What a click on a calendar entry shows: open the campaign, or move a one-time campaign that has not started. */
export function EntryDialog({
  entry,
  zone,
  today,
  onOpen,
  onClose,
  onMoved,
}: {
  entry: CalendarEntry;
  zone: string;
  today: string;
  onOpen(id: number): void;
  onClose(): void;
  onMoved(): void;
}) {
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
  const when = `${dayLabel(entryDay(entry), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })} at ${entryTime(entry)} (${zone}) · ${ENTRY_LABEL[entry.status] ?? entry.status}`;
  const part =
    entry.kind === 'recurring'
      ? ' · part of a repeating campaign'
      : entry.kind === 'birthday'
        ? ' · birthday campaign'
        : '';
  return (
    <Modal
      title={entry.name}
      subtitle={when + part}
      size="small"
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
          <Button onClick={() => onOpen(entry.campaignId)}>
            Open {entry.seriesId === entry.campaignId ? 'series' : 'campaign'}
          </Button>
        </>
      }
    >
      <p className="cal-entry-channels">
        <span className="muted small">{entry.channels.length > 1 ? 'Channels, in order: ' : 'Channel: '}</span>
        <ChannelMarks channels={entry.channels} long />
      </p>
      {movable && (
        <fieldset className="cal-move">
          <legend>Reschedule</legend>
          <label>
            Date <TextInput type="date" min={today} value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <label>
            Time <TextInput type="time" step={300} value={time} onChange={(e) => setTime(e.target.value)} />
          </label>
          <Button variant="secondary" onClick={() => void move()}>
            Move
          </Button>
        </fieldset>
      )}
      {error && <p className="error-text">{error}</p>}
    </Modal>
  );
}
