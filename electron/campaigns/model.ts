import { AppError } from '../../shared/errors';
import { campaignDraftSchema, type CampaignDraft } from '../../shared/campaigns';
import type { CampaignStatus } from '../../shared/types/domain';
import type { CampaignDetail } from '../../shared/ipc/channels/campaigns';
import type { SqliteDb } from '../db/connection';

/** A campaign as the core sees it: what the UI sees plus where its snapshot stands. */
export interface CampaignRecord extends CampaignDetail {
  snapshotState: 'none' | 'running' | 'complete';
  snapshotCursor: number;
}

type Row = Record<string, unknown>;

function toRecord(r: Row): CampaignRecord {
  return {
    id: r.id as number,
    name: r.name as string,
    status: r.status as CampaignStatus,
    templateId: (r.template_id as number | null) ?? null,
    body: (r.body as string | null) ?? null,
    audience: JSON.parse((r.audience_json as string) || '{}') as CampaignRecord['audience'],
    provider: r.provider as CampaignRecord['provider'],
    fromNumber: (r.from_number as string | null) ?? null,
    schedule: r.schedule_json ? (JSON.parse(r.schedule_json as string) as CampaignRecord['schedule']) : { mode: 'now' },
    scheduledAt: (r.scheduled_at as string | null) ?? null,
    quietHours: r.quiet_hours_json ? (JSON.parse(r.quiet_hours_json as string) as CampaignRecord['quietHours']) : null,
    ab: r.ab_json ? (JSON.parse(r.ab_json as string) as CampaignRecord['ab']) : null,
    trackLinks: r.track_links === null || r.track_links === undefined ? null : r.track_links === 1,
    notes: (r.notes as string | null) ?? null,
    archived: r.archived_at !== null,
    createdAt: r.created_at as string,
    launchedAt: (r.launched_at as string | null) ?? null,
    completedAt: (r.completed_at as string | null) ?? null,
    snapshotState: r.snapshot_state as CampaignRecord['snapshotState'],
    snapshotCursor: r.snapshot_cursor as number,
    scheduleMissedAt: (r.schedule_missed_at as string | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
  };
}

export function getCampaign(db: SqliteDb, id: number): CampaignRecord {
  const r = db.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new AppError('not_found', `Campaign ${id} does not exist.`);
  return toRecord(r);
}

/** The instant a schedule asks for; recipient-local schedules start their snapshot at the earliest zone's time. */
export function scheduledInstant(schedule: CampaignDraft['schedule']): string | null {
  if (schedule.mode === 'at') return new Date(schedule.at).toISOString();
  if (schedule.mode === 'recipient_local') {
    // The earliest a local time occurs anywhere is at UTC+14; each message then waits for its own local time.
    // A "best hour" campaign may go out at any hour of that day: its snapshot starts at the day's first instant.
    const [h, m] = schedule.bestHour ? [0, 0] : schedule.time.split(':').map(Number);
    const [y, mo, d] = schedule.date.split('-').map(Number);
    return new Date(Date.UTC(y, mo - 1, d, h - 14, m)).toISOString();
  }
  return null;
}

function validateMessage(db: SqliteDb, draft: CampaignDraft): void {
  if (draft.ab) return; // variants carry their own bodies
  if (draft.templateId === undefined && !draft.body?.trim()) throw new AppError('invalid_input', 'Write a message or pick a template for this campaign.');
  if (draft.templateId !== undefined && draft.body !== undefined) throw new AppError('invalid_input', 'Give either a template or a message body, not both.');
  if (draft.templateId !== undefined && !db.prepare('SELECT 1 FROM templates WHERE id = ?').get(draft.templateId)) {
    throw new AppError('not_found', `Template ${draft.templateId} does not exist.`);
  }
}

/** The draft as column values, in the order of DRAFT_COLUMNS. */
const DRAFT_COLUMNS = ['name', 'template_id', 'body', 'audience_json', 'provider', 'from_number', 'schedule_json', 'scheduled_at', 'quiet_hours_json', 'ab_json', 'notes', 'track_links'] as const;
function draftValues(draft: CampaignDraft, provider: CampaignRecord['provider']): unknown[] {
  return [
    draft.name,
    draft.templateId ?? null,
    draft.body ?? null,
    JSON.stringify(draft.audience),
    draft.provider ?? provider,
    draft.fromNumber ?? null,
    JSON.stringify(draft.schedule),
    scheduledInstant(draft.schedule),
    draft.quietHours ? JSON.stringify(draft.quietHours) : null,
    draft.ab ? JSON.stringify(draft.ab) : null,
    draft.notes ?? null,
    draft.trackLinks === undefined ? null : Number(draft.trackLinks),
  ];
}

export function createCampaign(db: SqliteDb, input: unknown, defaults: { provider: CampaignRecord['provider'] }, now: Date): CampaignRecord {
  const draft = campaignDraftSchema.parse(input);
  validateMessage(db, draft);
  const at = now.toISOString();
  const info = db
    .prepare(`INSERT INTO campaigns (${DRAFT_COLUMNS.join(', ')}, status, created_at, updated_at) VALUES (${DRAFT_COLUMNS.map(() => '?').join(', ')}, 'draft', ?, ?)`)
    .run(...draftValues(draft, defaults.provider), at, at);
  return getCampaign(db, Number(info.lastInsertRowid));
}

/** Only a draft (or a scheduled campaign not yet started) can be edited; what was sent stays as it was. */
export function updateCampaign(db: SqliteDb, id: number, input: unknown, now: Date): CampaignRecord {
  const current = getCampaign(db, id);
  if (current.status !== 'draft' && current.status !== 'scheduled') {
    throw new AppError('conflict', `Campaign "${current.name}" is ${current.status}; only drafts and scheduled campaigns can be edited. Duplicate it instead.`);
  }
  writeDraft(db, current, input, 'draft', now);
  return getCampaign(db, id);
}

/** Saves an edited draft's message, audience and settings over a campaign row, leaving it in `status`. */
export function writeDraft(db: SqliteDb, current: CampaignRecord, input: unknown, status: CampaignRecord['status'], now: Date): void {
  const draft = campaignDraftSchema.parse(input);
  validateMessage(db, draft);
  db.prepare(`UPDATE campaigns SET ${DRAFT_COLUMNS.map((c) => `${c} = ?`).join(', ')}, status = ?, schedule_missed_at = NULL, updated_at = ? WHERE id = ?`).run(
    ...draftValues(draft, current.provider),
    status,
    now.toISOString(),
    current.id,
  );
}

export function duplicateCampaign(db: SqliteDb, id: number, now: Date): CampaignRecord {
  const c = getCampaign(db, id);
  const at = now.toISOString();
  const info = db
    .prepare(
      `INSERT INTO campaigns (name, status, template_id, body, audience_json, provider, from_number, schedule_json, scheduled_at, quiet_hours_json, ab_json, notes, track_links, created_at, updated_at)
       SELECT name || ' (copy)', 'draft', template_id, body, audience_json, provider, from_number, '{"mode":"now"}', NULL, quiet_hours_json, ab_json, notes, track_links, ?, ? FROM campaigns WHERE id = ?`,
    )
    .run(at, at, c.id);
  return getCampaign(db, Number(info.lastInsertRowid));
}

export function archiveCampaign(db: SqliteDb, id: number, archived: boolean, now: Date): CampaignRecord {
  const c = getCampaign(db, id);
  if (archived && (c.status === 'sending' || c.status === 'scheduled')) {
    throw new AppError('conflict', `Campaign "${c.name}" is ${c.status}; pause or cancel it before archiving.`);
  }
  db.prepare('UPDATE campaigns SET archived_at = ?, updated_at = ? WHERE id = ?').run(archived ? now.toISOString() : null, now.toISOString(), id);
  return getCampaign(db, id);
}

/** The message text a campaign sends (inline body, or its template's body as it is at launch). */
export function campaignBody(db: SqliteDb, c: CampaignRecord): string {
  if (c.body) return c.body;
  if (c.templateId !== null) {
    const t = db.prepare('SELECT body FROM templates WHERE id = ?').get(c.templateId) as { body: string } | undefined;
    if (t) return t.body;
  }
  throw new AppError('invalid_input', `Campaign "${c.name}" has no message.`);
}
