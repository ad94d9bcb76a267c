import type { DeskCore } from '../../core';
import { planned } from './plan';
import { runOccurrence, type LaunchCampaign } from './occurrence';
import { seriesStore, type SeriesRow } from './store';
import { transaction } from '../../db/transaction';

/** Passed occurrences looked at in one go: years of a daily series closed all that time are recorded a batch at a time. */
const BATCH = 2000;

/** Moves a series' pointer past `handled` to its next occurrence; a series with no more is completed. */
export function advance(core: DeskCore, s: SeriesRow, handled: number | null): void {
  const store = seriesStore(core.db, core.kdb);
  const [next] = planned(s, { after: handled ?? undefined, limit: 1 });
  const nowIso = core.now().toISOString();
  const nextAt = next ? new Date(next.at).toISOString() : null;
  store.update(s.campaign_id, {
    next_at: nextAt,
    handled_through: handled === null ? s.handled_through : new Date(handled).toISOString(),
    updated_at: nowIso,
  });
  store.showNext(s.campaign_id, nextAt, nowIso);
  if (!next) {
    if (store.setStatus(s.campaign_id, 'completed', ['scheduled'], nowIso))
      core.audit('series.complete', String(s.campaign_id));
  }
}

/**
 * Runs the series whose next occurrence is due. Of the occurrences that have passed since the series was last
 * looked at, only the latest may run, and only while it is less than `schedule.graceMinutes` late: the others
 * (the app was closed) are recorded as missed and reported on the series, never sent in a burst of catch-ups.
 */
export async function runDueSeries(core: DeskCore, launch: LaunchCampaign): Promise<number[]> {
  const store = seriesStore(core.db, core.kdb);
  const launched: number[] = [];
  const now = core.now().getTime();
  const graceMs = core.settings.get('schedule.graceMinutes') * 60_000;
  for (const s of store.due(new Date(now).toISOString())) {
    let after = s.handled_through ? Date.parse(s.handled_through) : undefined;
    let missed = 0;
    let lastMissed = '';
    for (;;) {
      const passed = planned(s, { after, limit: BATCH, through: now });
      if (!passed.length) break;
      const latest = passed[passed.length - 1];
      const runsNow = passed.length < BATCH && now - latest.at <= graceMs;
      const nowIso = new Date(now).toISOString();
      transaction(
        core.db,
        () => {
          for (const o of runsNow ? passed.slice(0, -1) : passed) {
            const reason = `Missed: the app was not running at ${o.local.replace('T', ' ')} (${s.zone}), and it is more than ${graceMs / 60_000} minutes late now.`;
            if (
              store.recordOccurrence({
                series_id: s.campaign_id,
                at: new Date(o.at).toISOString(),
                status: 'missed',
                campaign_id: null,
                reason,
                recorded_at: nowIso,
              })
            ) {
              missed++;
              lastMissed = o.local.replace('T', ' ');
            }
          }
        },
        { immediate: true },
      );
      if (runsNow) {
        const r = await runOccurrence(core, s, latest, launch);
        if (r.campaignId !== null) launched.push(r.campaignId);
      }
      after = latest.at;
      if (passed.length < BATCH) break;
    }
    if (missed) {
      const note = `Skipped ${missed} occurrence${missed === 1 ? '' : 's'} missed while the app was closed (the last on ${lastMissed}).`;
      store.note(s.campaign_id, note);
      core.audit('series.missed', String(s.campaign_id), { missed, last: lastMissed });
    }
    advance(core, s, after ?? null);
  }
  if (launched.length) core.events.emit('app:dataChanged', { area: 'campaigns' });
  return launched;
}
