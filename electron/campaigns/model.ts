import { AppError } from '../../shared/errors';
import { campaignDraftSchema, type CampaignDraft } from '../../shared/campaigns';
import type { CampaignStatus } from '../../shared/types/domain';
import type { CampaignDetail } from '../../shared/ipc/channels/campaigns';
import type { SqliteDb } from '../db/connection';
import {
  campaignRow,
  insertCopy,
  insertDraft,
  setArchived,
  templateBody,
  updateDraft,
  type CampaignDraftColumns,
  type CampaignRow,
} from './queries';
import { channelsOf, validateChannels } from './channels';
import { sanitizeEmailHtml } from './email-html';

/** A campaign as the core sees it: what the UI sees plus where its snapshot stands. */
export interface CampaignRecord extends CampaignDetail {
  snapshotState: 'none' | 'running' | 'complete';
  snapshotCursor: number;
}

function toRecord(r: CampaignRow): CampaignRecord {
  return {
    id: r.id,
    name: r.name,
    status: r.status as CampaignStatus,
    templateId: r.template_id,
    body: r.body,
    audience: JSON.parse(r.audience_json || '{}') as CampaignRecord['audience'],
    provider: r.provider as CampaignRecord['provider'],
    fromNumber: r.from_number,
    schedule: r.schedule_json ? (JSON.parse(r.schedule_json) as CampaignRecord['schedule']) : { mode: 'now' },
    scheduledAt: r.scheduled_at,
    quietHours: r.quiet_hours_json ? (JSON.parse(r.quiet_hours_json) as CampaignRecord['quietHours']) : null,
    ab: r.ab_json ? (JSON.parse(r.ab_json) as CampaignRecord['ab']) : null,
    trackLinks: r.track_links === null ? null : r.track_links === 1,
    notes: r.notes,
    archived: r.archived_at !== null,
    createdAt: r.created_at,
    launchedAt: r.launched_at,
    completedAt: r.completed_at,
    snapshotState: r.snapshot_state,
    snapshotCursor: r.snapshot_cursor,
    scheduleMissedAt: r.schedule_missed_at,
    lastError: r.last_error,
    channels: channelsOf(r.channels_json),
    everyChannel: r.every_channel === 1,
    email: r.email_json ? (JSON.parse(r.email_json) as CampaignRecord['email']) : null,
    voice: r.voice_json ? (JSON.parse(r.voice_json) as CampaignRecord['voice']) : null,
  };
}

export function getCampaign(db: SqliteDb, id: number): CampaignRecord {
  const r = campaignRow(db, id);
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

function validateMessage(db: SqliteDb, draft: CampaignDraft, defaultProvider: string, voiceProvider?: string): void {
  validateChannels(db, draft, defaultProvider, voiceProvider);
  if (draft.channels && !draft.channels.includes('sms')) {
    if (draft.templateId !== undefined || draft.body?.trim())
      throw new AppError(
        'invalid_input',
        'The campaign has a text message but does not send texts: add sms to its channels or leave the text out.',
      );
    return;
  }
  if (draft.ab && (draft.ab.channel ?? 'sms') === 'sms') return; // text variants carry their own bodies
  if (draft.templateId === undefined && !draft.body?.trim())
    throw new AppError('invalid_input', 'Write a message or pick a template for this campaign.');
  if (draft.templateId !== undefined && draft.body !== undefined)
    throw new AppError('invalid_input', 'Give either a template or a message body, not both.');
  if (draft.templateId !== undefined && templateBody(db, draft.templateId) === undefined) {
    throw new AppError('not_found', `Template ${draft.templateId} does not exist.`);
  }
}

/** The e-mail as stored: a ready HTML body without scripts (sanitised once, when saved). */
function safeEmail(email: NonNullable<CampaignDraft['email']>): NonNullable<CampaignDraft['email']> {
  if (email.html === undefined) return email;
  const html = sanitizeEmailHtml(email.html);
  if (!html)
    throw new AppError('invalid_input', 'The HTML file has nothing to send once scripts and unsafe parts are removed.');
  return { ...email, html };
}

/** The draft as column values. */
function draftValues(draft: CampaignDraft, provider: CampaignRecord['provider']): CampaignDraftColumns {
  return {
    name: draft.name,
    template_id: draft.templateId ?? null,
    body: draft.body ?? null,
    audience_json: JSON.stringify(draft.audience),
    provider: draft.provider ?? provider,
    from_number: draft.fromNumber ?? null,
    schedule_json: JSON.stringify(draft.schedule),
    scheduled_at: scheduledInstant(draft.schedule),
    quiet_hours_json: draft.quietHours ? JSON.stringify(draft.quietHours) : null,
    ab_json: draft.ab ? JSON.stringify(draft.ab) : null,
    notes: draft.notes ?? null,
    track_links: draft.trackLinks === undefined ? null : Number(draft.trackLinks),
    // A text campaign keeps NULL (SMS only), as campaigns did before there were channels.
    channels_json: draft.channels && draft.channels.join() !== 'sms' ? JSON.stringify(draft.channels) : null,
    every_channel: draft.everyChannel ? 1 : 0,
    email_json: draft.email ? JSON.stringify(safeEmail(draft.email)) : null,
    voice_json: draft.voice ? JSON.stringify(draft.voice) : null,
  };
}

export function createCampaign(
  db: SqliteDb,
  input: unknown,
  defaults: { provider: CampaignRecord['provider']; voiceProvider?: string },
  now: Date,
): CampaignRecord {
  const draft = campaignDraftSchema.parse(input);
  validateMessage(db, draft, defaults.provider, defaults.voiceProvider);
  return getCampaign(db, insertDraft(db, draftValues(draft, defaults.provider), now.toISOString()));
}

/** Only a draft (or a scheduled campaign not yet started) can be edited; what was sent stays as it was. */
export function updateCampaign(
  db: SqliteDb,
  id: number,
  input: unknown,
  now: Date,
  voiceProvider?: string,
): CampaignRecord {
  const current = getCampaign(db, id);
  if (current.status !== 'draft' && current.status !== 'scheduled') {
    throw new AppError(
      'conflict',
      `Campaign "${current.name}" is ${current.status}; only drafts and scheduled campaigns can be edited. Duplicate it instead.`,
    );
  }
  writeDraft(db, current, input, 'draft', now, voiceProvider);
  return getCampaign(db, id);
}

/** Saves an edited draft's message, audience and settings over a campaign row, leaving it in `status`. */
export function writeDraft(
  db: SqliteDb,
  current: CampaignRecord,
  input: unknown,
  status: CampaignRecord['status'],
  now: Date,
  voiceProvider?: string,
): void {
  const draft = campaignDraftSchema.parse(input);
  validateMessage(db, draft, current.provider, voiceProvider);
  updateDraft(db, current.id, draftValues(draft, current.provider), status, now.toISOString());
}

export function duplicateCampaign(db: SqliteDb, id: number, now: Date): CampaignRecord {
  const c = getCampaign(db, id);
  return getCampaign(db, insertCopy(db, c.id, now.toISOString()));
}

export function archiveCampaign(db: SqliteDb, id: number, archived: boolean, now: Date): CampaignRecord {
  const c = getCampaign(db, id);
  if (archived && (c.status === 'sending' || c.status === 'scheduled')) {
    throw new AppError('conflict', `Campaign "${c.name}" is ${c.status}; pause or cancel it before archiving.`);
  }
  setArchived(db, id, archived ? now.toISOString() : null, now.toISOString());
  return getCampaign(db, id);
}

/** The message text a campaign sends (inline body, or its template's body as it is at launch). */
export function campaignBody(db: SqliteDb, c: CampaignRecord): string {
  if (c.body) return c.body;
  if (c.templateId !== null) {
    const body = templateBody(db, c.templateId);
    if (body !== undefined) return body;
  }
  throw new AppError('invalid_input', `Campaign "${c.name}" has no message.`);
}
