import { useCallback, useEffect, useMemo, useState } from 'react';
import { holidaysBetween } from '../../../shared/holidays';
import { api, onEvent } from '../api/client';
import { businessInstant } from '../components/campaigns/business-time';
import { AgendaList } from '../components/calendar/AgendaList';
import { addDays, addMonths, dayLabel, monthGrid, rangeInstant, todayIn, weekDays } from '../components/calendar/dates';
import { DayGrid } from '../components/calendar/DayGrid';
import { byDay, entryTime, type CalendarEntry } from '../components/calendar/entries';
import { EntryDialog } from '../components/calendar/EntryDialog';
import { QuietBar } from '../components/calendar/QuietBar';
import { Button, ErrorBanner, PageHeader, Segmented } from '../components/ui';
import { useApp } from '../store/app';
import { ChannelMarks } from '../components/calendar/ChannelMarks';
import type { Channel } from '../../../shared/types/domain';

type View = 'month' | 'week' | 'agenda';
type ChannelFilter = Channel | 'all';
const CHANNEL_FILTERS: Array<[ChannelFilter, string]> = [
  ['all', 'All channels'],
  ['sms', 'Texts'],
  ['email', 'E-mails'],
  ['voice', 'Calls'],
];
const AGENDA_DAYS = 30;

/** Scheduled, repeating, birthday and sent campaigns by month, week or as a list, in the business's time zone. */
export function CalendarPage() {
  const [view, setView] = useState<View>('month');
  const [channel, setChannel] = useState<ChannelFilter>('all');
  const [zone, setZone] = useState('America/New_York');
  const today = todayIn(zone);
  const [focused, setFocused] = useState(today);
  const [entries, setEntries] = useState<CalendarEntry[]>([]);
  const [quiet, setQuiet] = useState({ start: '08:00', end: '21:00' });
  const [picked, setPicked] = useState<CalendarEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const openCampaign = useApp((s) => s.openCampaign);

  const days = useMemo(
    () =>
      view === 'month'
        ? monthGrid(focused)
        : view === 'week'
          ? weekDays(focused)
          : Array.from({ length: AGENDA_DAYS }, (_, i) => addDays(focused, i)),
    [view, focused],
  );
  const load = useCallback(async () => {
    try {
      const r = await api.calendar.entries({
        from: rangeInstant(days[0], -1),
        to: rangeInstant(days[days.length - 1], 2),
      });
      setZone(r.zone);
      setEntries(r.entries.filter((e) => e.at.slice(0, 10) >= days[0] && e.at.slice(0, 10) <= days[days.length - 1]));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [days]);
  useEffect(() => {
    void load();
    return onEvent('app:dataChanged', (p) => p.area === 'campaigns' && void load());
  }, [load]);
  useEffect(() => {
    void Promise.all([api.settings.get({ key: 'quietHours.start' }), api.settings.get({ key: 'quietHours.end' })]).then(
      ([s, e]) => setQuiet({ start: String(s.value), end: String(e.value) }),
    );
  }, []);

  const grouped = useMemo(
    () => byDay(channel === 'all' ? entries : entries.filter((e) => e.channels.includes(channel))),
    [entries, channel],
  );
  const holidays = useMemo(() => holidaysBetween(days[0], days[days.length - 1]), [days]);
  const step = (n: number) =>
    setFocused(view === 'month' ? addMonths(focused, n) : addDays(focused, n * (view === 'week' ? 7 : AGENDA_DAYS)));
  const title =
    view === 'month'
      ? dayLabel(focused, { month: 'long', year: 'numeric' })
      : `${dayLabel(days[0], { day: 'numeric', month: 'short' })} – ${dayLabel(days[days.length - 1], { day: 'numeric', month: 'short', year: 'numeric' })}`;
  const move = async (e: { id: number; at: string }, day: string) => {
    const at = businessInstant(day, e.at.slice(11, 16), zone);
    if (!at) return;
    try {
      await api.calendar.reschedule({ id: e.id, at: at.iso });
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const grid = {
    days,
    today,
    focused,
    entries: grouped,
    holidays,
    onFocus: setFocused,
    onPick: setPicked,
    onMove: (e: { id: number; at: string }, d: string) => void move(e, d),
  };

  return (
    <div className="page cal-page">
      <PageHeader
        title="Calendar"
        subtitle={`Times in ${zone}. Texts go out ${quiet.start}–${quiet.end} at each recipient's location; shaded hours are quiet.`}
      />
      <ErrorBanner message={error} />
      <div className="cal-toolbar">
        <div className="cal-nav">
          <Button variant="secondary" aria-label="Previous" onClick={() => step(-1)}>
            ‹
          </Button>
          <Button variant="secondary" onClick={() => setFocused(today)}>
            Today
          </Button>
          <Button variant="secondary" aria-label="Next" onClick={() => step(1)}>
            ›
          </Button>
          <h2 className="cal-title">{title}</h2>
        </div>
        <Segmented
          label="View"
          name="cal-view"
          value={view}
          onChange={setView}
          options={(['month', 'week', 'agenda'] as const).map((v) => ({
            value: v,
            label: v[0].toUpperCase() + v.slice(1),
          }))}
        />
        <Segmented
          label="Channel"
          name="cal-channel"
          value={channel}
          onChange={setChannel}
          options={CHANNEL_FILTERS.map(([c, label]) => ({ value: c, label }))}
        />
      </div>
      <div className="cal-legend small muted">
        <span className="cal-chip info">Planned</span>
        <span className="cal-chip warn">Sending / paused</span>
        <span className="cal-chip good">Sent</span>
        <span className="cal-chip bad">Missed</span>
        <span className="cal-chip neutral">Draft / cancelled / skipped</span>
        <span className="cal-holiday">US federal holiday</span>
        <span className="cal-legend-channels">
          <ChannelMarks channels={['sms', 'voice']} /> a text, else a call (no mark: texts only)
        </span>
        <span>↻ repeats · ✱ birthday · drag a one-time campaign to another day to move it</span>
      </div>
      {view === 'month' && <DayGrid {...grid} className="cal-month" month={focused} maxChips={3} />}
      {view === 'week' && (
        <DayGrid
          {...grid}
          className="cal-week"
          dayExtra={(d) => (
            <QuietBar
              start={quiet.start}
              end={quiet.end}
              entries={(grouped.get(d) ?? []).filter((e) => entryTime(e))}
            />
          )}
        />
      )}
      {view === 'agenda' && <AgendaList days={days} entries={grouped} holidays={holidays} onPick={setPicked} />}
      {picked && (
        <EntryDialog
          entry={picked}
          zone={zone}
          today={today}
          onClose={() => setPicked(null)}
          onOpen={openCampaign}
          onMoved={() => (setPicked(null), void load())}
        />
      )}
    </div>
  );
}
