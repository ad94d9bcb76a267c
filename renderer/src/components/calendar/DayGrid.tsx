import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { Holiday } from '../../../../shared/holidays';
import { addDays, dayLabel } from './dates';
import { canMove, type CalendarEntry } from './entries';
import { EntryChip } from './EntryChip';
import './calendar.css';

export interface DayGridProps {
  days: string[];
  /** Month view: days outside the month are dimmed. */
  month?: string;
  today: string;
  focused: string;
  entries: Map<string, CalendarEntry[]>;
  holidays: Map<string, Holiday>;
  /** Chips shown per day before "+N more" (month view); all in week view. */
  maxChips?: number;
  /** Extra content in each day (week view: the quiet-hours band). */
  dayExtra?(day: string): ReactNode;
  onFocus(day: string): void;
  onPick(entry: CalendarEntry): void;
  onMove(entry: { id: number; at: string }, day: string): void;
  className: string;
}

/**
 * Days in rows of seven, navigable from the keyboard: arrow keys move a day or a week, Home/End to the week's
 * ends, Enter opens the first campaign of the day. One day holds the tab stop (roving tabindex).
 */
export function DayGrid(p: DayGridProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const cell = ref.current?.querySelector<HTMLElement>(`[data-day="${p.focused}"]`);
    if (cell && ref.current?.contains(document.activeElement)) cell.focus();
  }, [p.focused]);
  const key = (ev: KeyboardEvent, day: string) => {
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    if (moves[ev.key] !== undefined) {
      ev.preventDefault();
      p.onFocus(addDays(day, moves[ev.key]));
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      const first = p.entries.get(day)?.[0];
      if (first) {
        ev.preventDefault();
        p.onPick(first);
      }
    }
  };
  const rows = Array.from({ length: p.days.length / 7 }, (_, r) => p.days.slice(r * 7, r * 7 + 7));
  return (
    <div className={`cal-grid ${p.className}`} role="grid" ref={ref} aria-label="Calendar">
      <div role="row" className="cal-row cal-head">
        {p.days.slice(0, 7).map((d) => (
          <div role="columnheader" key={d} className="cal-colhead">
            {dayLabel(d, p.month ? { weekday: 'short' } : { weekday: 'short', day: 'numeric', month: 'short' })}
          </div>
        ))}
      </div>
      {rows.map((row) => (
        <div role="row" className="cal-row" key={row[0]}>
          {row.map((d) => {
            const list = p.entries.get(d) ?? [];
            const holiday = p.holidays.get(d);
            const shown = p.maxChips ? list.slice(0, p.maxChips) : list;
            const outside = p.month && d.slice(0, 7) !== p.month.slice(0, 7);
            return (
              <div
                role="gridcell"
                key={d}
                data-day={d}
                tabIndex={d === p.focused ? 0 : -1}
                aria-selected={d === p.focused}
                className={`cal-day${outside ? ' outside' : ''}${d === p.today ? ' today' : ''}${holiday ? ' holiday' : ''}${d < p.today ? ' past' : ''}`}
                onClick={() => p.onFocus(d)}
                onKeyDown={(ev) => key(ev, d)}
                onDragOver={(ev) => d >= p.today && ev.preventDefault()}
                onDrop={(ev) => {
                  const raw = ev.dataTransfer.getData('text/cal-entry');
                  if (raw) p.onMove(JSON.parse(raw) as { id: number; at: string }, d);
                }}
              >
                {/* Named by its content (the chips' text included), so what is seen is what is read. */}
                <span className="sr-only">
                  {`${holiday ? `${holiday.name}: ` : ''}${dayLabel(d, { weekday: 'long', day: 'numeric', month: 'long' })}, ${list.length ? `${list.length} campaign${list.length === 1 ? '' : 's'}` : 'nothing scheduled'}.`}
                </span>
                <div className="cal-day-top" aria-hidden="true">
                  {p.month ? (
                    <span className="cal-daynum">{Number(d.slice(8))}</span>
                  ) : (
                    d === p.today && <span className="cal-today-label">Today</span>
                  )}
                  {holiday && ' '}
                  {holiday && (
                    <span
                      className="cal-holiday"
                      title={
                        holiday.actual ? `${holiday.name} (observed; the date is ${holiday.actual})` : holiday.name
                      }
                    >
                      {holiday.name}
                    </span>
                  )}
                </div>
                {p.dayExtra?.(d)}
                <div className="cal-chips">
                  {shown.map((e) => (
                    <EntryChip
                      key={`${e.campaignId}-${e.at}`}
                      entry={e}
                      movable={canMove(e, p.today)}
                      onPick={p.onPick}
                    />
                  ))}
                  {list.length > shown.length && <span className="cal-more">+{list.length - shown.length} more</span>}
                </div>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
