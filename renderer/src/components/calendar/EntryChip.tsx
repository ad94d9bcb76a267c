import { ENTRY_LABEL, ENTRY_TONE, entryTime, type CalendarEntry } from './entries';
import { Button } from '../ui';
import { ChannelMarks, channelsInWords } from './ChannelMarks';

/** One campaign on the calendar: time, name, coloured by status; draggable when it can be moved. */
export function EntryChip({
  entry,
  movable,
  onPick,
}: {
  entry: CalendarEntry;
  movable: boolean;
  onPick(e: CalendarEntry): void;
}) {
  const tone = ENTRY_TONE[entry.status] ?? 'neutral';
  return (
    <Button
      className={`cal-chip ${tone}`}
      draggable={movable}
      tabIndex={-1}
      onDragStart={(ev) =>
        ev.dataTransfer.setData('text/cal-entry', JSON.stringify({ id: entry.campaignId, at: entry.at }))
      }
      onClick={(ev) => {
        ev.stopPropagation();
        onPick(entry);
      }}
      title={`${entryTime(entry)} ${entry.name} — ${ENTRY_LABEL[entry.status] ?? entry.status}${entry.kind === 'once' ? '' : entry.kind === 'birthday' ? ' (birthday)' : ' (repeats)'} · ${channelsInWords(entry.channels)}`}
    >
      <span className="cal-chip-time">{entryTime(entry)}</span>
      {entry.kind !== 'once' && (
        <span aria-label={entry.kind === 'birthday' ? 'birthday' : 'repeats'} className="cal-chip-kind">
          {entry.kind === 'birthday' ? '✱' : '↻'}
        </span>
      )}
      <span className="cal-chip-name">{entry.name}</span>
      {/* Texts are the default: a chip marks its channels only when it is not a text campaign (the legend says so). */}
      {entry.channels.join() !== 'sms' && <ChannelMarks channels={entry.channels} />}
    </Button>
  );
}
