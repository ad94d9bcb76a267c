import { entryTime, type CalendarEntry } from './entries';

const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** A day from 00:00 to 24:00: the hours no marketing text may go out shaded, campaigns as ticks at their times. */
export function QuietBar({ start, end, entries }: { start: string; end: string; entries: CalendarEntry[] }) {
  const pct = (t: string) => `${(minutes(t) / 1440) * 100}%`;
  return (
    <div className="cal-quiet" aria-label={`Texts go out ${start}–${end}; quiet hours before and after`}>
      <span className="cal-quiet-off" style={{ left: 0, width: pct(start) }} />
      <span className="cal-quiet-off" style={{ left: pct(end), right: 0 }} />
      {entries.map((e) => (
        <span key={`${e.campaignId}-${e.at}`} className="cal-quiet-tick" style={{ left: pct(entryTime(e)) }} />
      ))}
      <span className="cal-quiet-label">
        {start}–{end}
      </span>
    </div>
  );
}
