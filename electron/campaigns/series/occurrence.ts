import { DateTime } from 'luxon';
import type { CampaignDraftInput } from '../../../shared/campaigns';
import type { DeskCore } from '../../core';
import { createCampaign, getCampaign, type CampaignRecord } from '../model';
import type { Occurrence } from '../recurrence/expand';
import { dateFieldAudience, dateFieldOf, EARLIEST_ZONE } from './plan';
import { seriesStore, type SeriesRow } from './store';
import { transaction } from '../../db/transaction';

/** Launches a campaign (lifecycle.ts's launchCampaign, passed in: lifecycle runs the series, so it cannot be imported here). */
export type LaunchCampaign = (core: DeskCore, id: number) => Promise<unknown>;

/** The series' campaign as the draft of one occurrence: a fresh audience with the series' exclusions added. */
function occurrenceDraft(parent: CampaignRecord, s: SeriesRow, o: Occurrence): CampaignDraftInput {
  const field = dateFieldOf(s);
  const [date, time] = o.local.split('T');
  const recipientLocal = field?.recipientLocal && s.zone === EARLIEST_ZONE;
  return {
    name: `${parent.name} · ${DateTime.fromISO(date).toFormat('d LLL yyyy')}`.slice(0, 100),
    ...(parent.templateId !== null ? { templateId: parent.templateId } : {}),
    ...(parent.body !== null && !parent.ab ? { body: parent.body } : {}),
    audience: {
      ...parent.audience,
      occurrenceOf: {
        seriesId: s.campaign_id,
        ...(s.skip_recent_days !== null ? { skipRecentDays: s.skip_recent_days } : {}),
        ...(field ? { dateField: dateFieldAudience(field, date) } : {}),
      },
    },
    provider: parent.provider,
    ...(parent.fromNumber ? { fromNumber: parent.fromNumber } : {}),
    schedule: recipientLocal
      ? { mode: 'recipient_local', date, time }
      : { mode: 'at', at: new Date(o.at).toISOString() },
    ...(parent.quietHours ? { quietHours: parent.quietHours } : {}),
    ...(parent.ab ? { ab: parent.ab } : {}),
    ...(parent.trackLinks !== null ? { trackLinks: parent.trackLinks } : {}),
    ...(parent.notes ? { notes: parent.notes } : {}),
  };
}

/**
 * Runs one occurrence as its own campaign: a child campaign row (grouped under the series) whose audience is
 * snapshotted now. The occurrence is recorded first, in the same transaction as the child, so it can never run
 * twice. When the launch is refused (no one left to text, say), the child is removed and the occurrence is
 * recorded as skipped with the reason.
 */
export async function runOccurrence(
  core: DeskCore,
  s: SeriesRow,
  o: Occurrence,
  launch: LaunchCampaign,
): Promise<{ campaignId: number | null; skipped?: string }> {
  const store = seriesStore(core.db, core.kdb);
  const parent = getCampaign(core.db, s.campaign_id);
  const nowIso = core.now().toISOString();
  const at = new Date(o.at).toISOString();
  const childId = transaction(
    core.db,
    () => {
      if (
        !store.recordOccurrence({
          series_id: s.campaign_id,
          at,
          status: 'launched',
          campaign_id: null,
          reason: null,
          recorded_at: nowIso,
        })
      )
        return null;
      const child = createCampaign(core.db, occurrenceDraft(parent, s, o), { provider: parent.provider }, core.now());
      store.fileRun(s.campaign_id, at, child.id);
      return child.id;
    },
    { immediate: true },
  );
  if (childId === null) return { campaignId: null, skipped: 'already run' };
  try {
    await launch(core, childId);
  } catch (err) {
    const reason = (err as Error).message;
    transaction(core.db, () => store.skipRun(s.campaign_id, at, childId, reason), { immediate: true });
    core.audit('series.occurrence_skipped', String(s.campaign_id), { at, reason });
    return { campaignId: null, skipped: reason };
  }
  const field = dateFieldOf(s);
  if (field)
    store.rememberYearlySends(s.campaign_id, childId, dateFieldAudience(field, o.local.slice(0, 10))?.year ?? 0);
  core.audit('series.occurrence', String(s.campaign_id), { at, campaignId: childId });
  return { campaignId: childId };
}
