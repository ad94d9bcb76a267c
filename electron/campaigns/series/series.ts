import { AppError } from '../../../shared/errors';
import type { CampaignDraft } from '../../../shared/campaigns';
import type { OccurrenceStatus, OccurrenceView, SeriesView } from '../../../shared/recurrence';
import type { DeskCore } from '../../core';
import { createCampaign, getCampaign, writeDraft, type CampaignRecord } from '../model';
import { describeRule, formatRule, parseRule } from '../recurrence/rule';
import { checkRepeat, checkZone } from '../recurrence/validate';
import { dateFieldOf, EARLIEST_ZONE, planned, zonedIso } from './plan';
import { advance } from './runner';
import { seriesStore, type SeriesRow } from './store';
import { transaction } from '../../db/transaction';

type SeriesFields = Pick<SeriesRow, 'kind' | 'rule' | 'start_local' | 'zone' | 'skip_recent_days' | 'date_field_json'>;

/** A repeating campaign's own schedule is its first occurrence (what the wizard shows as its date and time). */
function withFirstOccurrence(draft: CampaignDraft, fields: SeriesFields | null): CampaignDraft {
  if (!fields || fields.kind !== 'recurring') return draft;
  const [first] = planned(
    { ...fields, campaign_id: 0, next_at: null, handled_through: null, created_at: '', updated_at: '' },
    { limit: 1 },
  );
  return first ? { ...draft, schedule: { mode: 'at', at: new Date(first.at).toISOString() } } : draft;
}

/** The repeat a draft asks for, checked whole (it fires, ends after it starts, its zone and field exist). */
function seriesFields(core: DeskCore, draft: CampaignDraft): SeriesFields | null {
  if (draft.repeat) {
    const zone = draft.repeat.zone ?? core.settings.get('business.timezone');
    const checked = checkRepeat(draft.repeat.rule, draft.repeat.start, zone);
    return {
      kind: 'recurring',
      rule: formatRule(checked.rule),
      start_local: checked.start,
      zone,
      skip_recent_days: draft.repeat.skipRecentDays ?? null,
      date_field_json: null,
    };
  }
  if (draft.dateField) {
    const f = draft.dateField;
    const type = seriesStore(core.db, core.kdb).fieldType(f.fieldKey);
    if (!type) throw new AppError('not_found', `There is no contact field "${f.fieldKey}".`);
    if (type !== 'date')
      throw new AppError(
        'invalid_input',
        `The contact field "${f.fieldKey}" holds text, not dates; choose a date field such as a birthday.`,
      );
    const zone = f.recipientLocal ? EARLIEST_ZONE : checkZone(core.settings.get('business.timezone'));
    return {
      kind: 'birthday',
      rule: 'FREQ=DAILY',
      start_local: `${f.startDate}T${f.time}`,
      zone,
      skip_recent_days: null,
      date_field_json: JSON.stringify(f),
    };
  }
  return null;
}

/** Creates a campaign, and its series when the draft repeats: both or neither. */
export function createCampaignOrSeries(core: DeskCore, draft: CampaignDraft): CampaignRecord {
  const fields = seriesFields(core, draft);
  const nowIso = core.now().toISOString();
  return transaction(core.db, () => {
    const c = createCampaign(
      core.db,
      withFirstOccurrence(draft, fields),
      { provider: core.settings.get('provider') },
      core.now(),
    );
    if (fields)
      seriesStore(core.db, core.kdb).insert({
        campaign_id: c.id,
        ...fields,
        next_at: null,
        handled_through: null,
        created_at: nowIso,
        updated_at: nowIso,
      });
    return c;
  });
}

/** Edits a series: what has run stays as it was; the change applies to occurrences after now. */
export function updateSeries(core: DeskCore, id: number, draft: CampaignDraft): CampaignRecord {
  const store = seriesStore(core.db, core.kdb);
  const current = getCampaign(core.db, id);
  const existing = store.get(id);
  const fields = seriesFields(core, draft);
  if (!fields)
    throw new AppError(
      'invalid_input',
      `Campaign "${current.name}" repeats; give its repeat, or end the series instead.`,
    );
  if (!['draft', 'scheduled', 'paused'].includes(current.status))
    throw new AppError('conflict', `Series "${current.name}" is ${current.status}; duplicate it to start a new one.`);
  if (!existing && current.status !== 'draft')
    throw new AppError(
      'conflict',
      `Campaign "${current.name}" is ${current.status}; only a draft can be made to repeat.`,
    );
  const now = core.now();
  transaction(core.db, () => {
    writeDraft(core.db, current, withFirstOccurrence(draft, fields), current.status, now);
    const handled = Math.max(existing?.handled_through ? Date.parse(existing.handled_through) : 0, now.getTime());
    if (existing) store.update(id, { ...fields, updated_at: now.toISOString() });
    else
      store.insert({
        campaign_id: id,
        ...fields,
        next_at: null,
        handled_through: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
    const s = store.get(id);
    if (s && current.status !== 'draft') advance(core, s, handled);
  });
  core.audit('series.edit', String(id));
  return getCampaign(core.db, id);
}

export const isSeries = (core: DeskCore, id: number): boolean => seriesStore(core.db, core.kdb).get(id) !== undefined;

function seriesOf(core: DeskCore, id: number): SeriesRow {
  const s = seriesStore(core.db, core.kdb).get(id);
  if (!s) throw new AppError('not_found', `Campaign ${id} is not a recurring campaign.`);
  return s;
}

function transition(core: DeskCore, id: number, to: string, from: string[], verb: string): SeriesRow {
  const s = seriesOf(core, id);
  const c = getCampaign(core.db, id);
  if (!seriesStore(core.db, core.kdb).setStatus(id, to, from, core.now().toISOString())) {
    throw new AppError(
      'conflict',
      `Series "${c.name}" is ${c.status}; only a ${from.join(' or ')} series can be ${verb}.`,
    );
  }
  core.audit(`series.${verb}`, String(id));
  core.events.emit('app:dataChanged', { area: 'campaigns' });
  return s;
}

/** Starts a series: occurrences from now on (one a little late, within the grace period, still runs). */
export function activateSeries(core: DeskCore, id: number): void {
  const s = transition(core, id, 'scheduled', ['draft'], 'started');
  const graceMs = core.settings.get('schedule.graceMinutes') * 60_000;
  advance(core, s, core.now().getTime() - graceMs - 1);
}

export function pauseSeries(core: DeskCore, id: number): void {
  transition(core, id, 'paused', ['scheduled'], 'paused');
}

/** Resumes a paused series: occurrences that passed while it was paused are recorded as skipped, not sent late. */
export function resumeSeries(core: DeskCore, id: number): void {
  const s = transition(core, id, 'scheduled', ['paused'], 'resumed');
  const now = core.now();
  const store = seriesStore(core.db, core.kdb);
  const after = s.handled_through ? Date.parse(s.handled_through) : undefined;
  transaction(core.db, () => {
    for (const o of planned(s, { after, limit: 2000, through: now.getTime() })) {
      store.recordOccurrence({
        series_id: id,
        at: new Date(o.at).toISOString(),
        status: 'skipped',
        campaign_id: null,
        reason: 'The series was paused.',
        recorded_at: now.toISOString(),
      });
    }
    advance(core, s, now.getTime());
  });
}

/** Ends a series: no more occurrences; one already sending carries on (pause or cancel it on its own). */
export function endSeries(core: DeskCore, id: number): void {
  transition(core, id, 'cancelled', ['draft', 'scheduled', 'paused'], 'ended');
  const store = seriesStore(core.db, core.kdb);
  const nowIso = core.now().toISOString();
  store.update(id, { next_at: null, updated_at: nowIso });
  store.showNext(id, null, nowIso);
}

export function seriesView(core: DeskCore, id: number): SeriesView | null {
  const s = seriesStore(core.db, core.kdb).get(id);
  if (!s) return null;
  const time = s.start_local.slice(11);
  const field = dateFieldOf(s);
  return {
    campaignId: id,
    kind: s.kind,
    rule: s.rule,
    summary: field
      ? `Every day at ${time}${field.recipientLocal ? ' recipient-local' : ''}: contacts whose ${field.fieldKey} is ${field.daysBefore ? `${field.daysBefore} days later` : 'that day'}`
      : describeRule(parseRule(s.rule, s.zone), time),
    zone: s.zone,
    start: s.start_local,
    skipRecentDays: s.skip_recent_days,
    dateField: field,
    nextAt: s.next_at ? zonedIso(Date.parse(s.next_at), s.zone) : null,
  };
}

const RUN_STATUS: Record<string, OccurrenceStatus> = {
  sending: 'sending',
  completed: 'completed',
  cancelled: 'cancelled',
  paused: 'paused',
  scheduled: 'launched',
  draft: 'launched',
};

/** Past occurrences (run, skipped or missed) and the next `count` planned ones. */
export function seriesOccurrences(core: DeskCore, id: number, count: number): OccurrenceView[] {
  const s = seriesOf(core, id);
  const store = seriesStore(core.db, core.kdb);
  const status = getCampaign(core.db, id).status;
  const runs = new Map(store.runs(id).map((r) => [r.id, r.status]));
  const past: OccurrenceView[] = store.occurrences(id).map((o) => ({
    at: zonedIso(Date.parse(o.at), s.zone),
    status:
      o.campaign_id !== null
        ? (RUN_STATUS[runs.get(o.campaign_id) ?? ''] ?? 'launched')
        : o.status === 'missed'
          ? 'missed'
          : 'skipped',
    ...(o.campaign_id !== null ? { campaignId: o.campaign_id } : {}),
    ...(o.reason ? { reason: o.reason } : {}),
  }));
  if (status === 'cancelled' || status === 'completed') return past;
  const after = s.handled_through
    ? Date.parse(s.handled_through)
    : status === 'draft'
      ? undefined
      : core.now().getTime();
  const next = planned(s, { after, limit: count }).map((o): OccurrenceView => ({
    at: zonedIso(o.at, s.zone),
    status: status === 'paused' ? 'paused' : 'planned',
  }));
  return [...past, ...next];
}
