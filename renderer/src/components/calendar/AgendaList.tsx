import type { Holiday } from '../../../../shared/holidays';
import { dayLabel } from './dates';
import { ENTRY_LABEL, ENTRY_TONE, entryTime, type CalendarEntry } from './entries';
import './calendar.css';
import { Button } from '../ui';
import { ChannelMarks } from './ChannelMarks';

/** The days ahead as a list: each day with campaigns (or a holiday), its campaigns by time. */
export function AgendaList({
  days,
  entries,
  holidays,
  onPick,
}: {
  days: string[];
  entries: Map<string, CalendarEntry[]>;
  holidays: Map<string, Holiday>;
  onPick(e: CalendarEntry): void;
}) {
  const shown = days.filter((d) => entries.has(d) || holidays.has(d));
  if (!shown.length) return <p className="muted cal-agenda-empty">Nothing scheduled in these {days.length} days.</p>;
  return (
    <ol className="cal-agenda">
      {shown.map((d) => (
        <li key={d} className="cal-agenda-day">
          <h3>
            {dayLabel(d, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}
            {holidays.get(d) && <span className="cal-holiday">{holidays.get(d)?.name}</span>}
          </h3>
          <ul>
            {(entries.get(d) ?? []).map((e) => (
              <li key={`${e.campaignId}-${e.at}`}>
                <Button className="cal-agenda-item" onClick={() => onPick(e)}>
                  <span className="cal-agenda-time">{entryTime(e)}</span>
                  <span className="cal-agenda-name">{e.name}</span>
                  <ChannelMarks channels={e.channels} long />
                  <span className="muted small">
                    {e.kind === 'once' ? 'One time' : e.kind === 'birthday' ? 'Birthday' : 'Repeats'}
                  </span>
                  <span className={`badge ${ENTRY_TONE[e.status] ?? ''}`}>{ENTRY_LABEL[e.status] ?? e.status}</span>
                </Button>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
