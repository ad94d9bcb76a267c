import { AppError } from '../../../shared/errors';
import type { CalendarEntry } from '../../../shared/ipc/channels/series';
import type { DeskCore } from '../../core';
import { channelsOf } from '../channels';
import { getCampaign } from '../model';
import { planned, zonedIso } from './plan';
import { seriesStore } from './store';

/** Planned occurrences shown per series in one calendar range (a daily series over a long range stays bounded). */
const PER_SERIES = 400;

/**
 * What the calendar shows between two instants: one-off campaigns at their scheduled (or launch) time, each run
 * of a series, its missed or skipped occurrences, and its future occurrences expanded — times in the business zone.
 */
export function calendarEntries(
  core: DeskCore,
  fromIso: string,
  toIso: string,
): { entries: CalendarEntry[]; zone: string } {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (!(to > from))
    throw new AppError('invalid_input', `The calendar range must end after it starts (from ${fromIso}, to ${toIso}).`);
  const zone = core.settings.get('business.timezone');
  const store = seriesStore(core.db, core.kdb);
  const entries: CalendarEntry[] = store
    .calendarCampaigns(new Date(from).toISOString(), new Date(to).toISOString())
    .flatMap((c) =>
      c.at === null
        ? []
        : [
            {
              campaignId: c.id,
              name: c.name,
              at: zonedIso(Date.parse(c.at), zone),
              kind: c.kind ?? 'once',
              status: c.status,
              channels: channelsOf(c.channels_json),
              ...(c.series_id !== null ? { seriesId: c.series_id } : {}),
            },
          ],
    );
  for (const s of store.all()) {
    const parent = getCampaign(core.db, s.campaign_id);
    if (parent.archived) continue;
    const base = {
      campaignId: s.campaign_id,
      name: parent.name,
      kind: s.kind,
      seriesId: s.campaign_id,
      channels: parent.channels,
    };
    for (const o of store.occurrences(s.campaign_id)) {
      const at = Date.parse(o.at);
      if (o.campaign_id === null && at >= from && at <= to)
        entries.push({ ...base, at: zonedIso(at, zone), status: o.status });
    }
    if (parent.status !== 'scheduled' && parent.status !== 'paused' && parent.status !== 'draft') continue;
    const after = Math.max(
      from - 1,
      s.handled_through ? Date.parse(s.handled_through) : -Infinity,
      parent.status === 'draft' ? -Infinity : core.now().getTime(),
    );
    for (const o of planned(s, { after, through: to, limit: PER_SERIES })) {
      entries.push({
        ...base,
        at: zonedIso(o.at, zone),
        status: parent.status === 'scheduled' ? 'planned' : parent.status,
      });
    }
  }
  return { entries: entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.campaignId - b.campaignId), zone };
}

/** Drag-to-reschedule: a one-time campaign not yet started moves to a later instant; what has started cannot. */
export function rescheduleCampaign(core: DeskCore, id: number, atIso: string): { id: number; scheduledAt: string } {
  const c = getCampaign(core.db, id);
  const store = seriesStore(core.db, core.kdb);
  if (store.get(id))
    throw new AppError('invalid_input', `"${c.name}" repeats: change its repeat on the series page instead.`);
  if (c.status !== 'draft' && c.status !== 'scheduled')
    throw new AppError('conflict', `"${c.name}" is ${c.status}; only a campaign that has not started can be moved.`);
  const at = new Date(atIso);
  if (at.getTime() <= core.now().getTime()) throw new AppError('invalid_input', 'Choose a time in the future.');
  store.reschedule(
    id,
    JSON.stringify({ mode: 'at', at: at.toISOString() }),
    at.toISOString(),
    core.now().toISOString(),
  );
  core.audit('campaign.reschedule', String(id), { at: at.toISOString() });
  core.events.emit('app:dataChanged', { area: 'campaigns' });
  return { id, scheduledAt: at.toISOString() };
}
