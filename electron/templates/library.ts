import { templateRow } from './list';
import { AppError } from '../../shared/errors';
import type { TemplateDeleteResult, TemplateDetail } from '../../shared/ipc/channels/templates';
import type { Db } from '../db/db';
import type { Channel } from '../../shared/types/domain';
import {
  deleteTemplateRow,
  insertTemplate,
  setTemplateArchived,
  templateNames,
  templateWithId,
  touchTemplateUse,
  updateTemplateRow,
  type TemplateDbRow,
} from './queries';
import { transaction } from '../db/transaction';

/**
 * The template library: writes and single-template reads. Callers (the IPC handlers) validate lengths; these
 * functions normalise what is left (trimmed names, blank category/notes stored as NULL) and keep the rules that
 * matter for data: a template a campaign points at is never deleted, only archived.
 */

export interface TemplateFields {
  name: string;
  body: string;
  category?: string | null;
  notes?: string | null;
  /** 'sms' when not given; a template keeps its channel for good. */
  channel?: 'sms' | 'email';
  /** An e-mail's subject; texts have none. */
  subject?: string | null;
}

const NAME_MAX = 100;

function blankToNull(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function toDetail(r: TemplateDbRow): TemplateDetail {
  return { ...templateRow(r), campaignCount: r.campaign_count };
}

function notFound(id: number): AppError {
  return new AppError('not_found', `There is no template #${id}. It may have been deleted; reload the list.`);
}

export function findTemplate(db: Db, id: number): TemplateDetail | null {
  const row = templateWithId(db, id);
  return row ? toDetail(row) : null;
}

export function getTemplate(db: Db, id: number): TemplateDetail {
  const found = findTemplate(db, id);
  if (!found) throw notFound(id);
  return found;
}

/** An e-mail's subject is one line, trimmed; a text has no subject. */
function subjectFor(channel: Channel, subject: string | null | undefined): string | null {
  if (subject == null) return channel === 'email' ? '' : null;
  if (channel !== 'email') {
    throw new AppError('invalid_input', 'Only e-mail templates have a subject; a text message has none.');
  }
  return subject.replace(/\s+/g, ' ').trim();
}

export function createTemplate(db: Db, fields: TemplateFields, at: string): TemplateDetail {
  const channel = fields.channel ?? 'sms';
  const id = insertTemplate(
    db,
    {
      name: fields.name.trim(),
      body: fields.body,
      category: blankToNull(fields.category),
      notes: blankToNull(fields.notes),
      channel,
      subject: subjectFor(channel, fields.subject),
    },
    at,
  );
  return getTemplate(db, id);
}

/** Changes only the fields given; `updated_at` moves only when something actually changed, and `changed` says whether it did. */
export function updateTemplate(
  db: Db,
  id: number,
  patch: Partial<Omit<TemplateFields, 'channel'>>,
  at: string,
): { template: TemplateDetail; changed: boolean } {
  const current = getTemplate(db, id);
  const next = {
    name: patch.name === undefined ? current.name : patch.name.trim(),
    body: patch.body ?? current.body,
    category: patch.category === undefined ? current.category : blankToNull(patch.category),
    notes: patch.notes === undefined ? current.notes : blankToNull(patch.notes),
    subject: patch.subject === undefined ? current.subject : subjectFor(current.channel, patch.subject),
  };
  const changed =
    next.name !== current.name ||
    next.body !== current.body ||
    next.category !== current.category ||
    next.notes !== current.notes ||
    next.subject !== current.subject;
  if (!changed) return { template: current, changed: false };
  updateTemplateRow(db, id, next, at);
  return { template: getTemplate(db, id), changed: true };
}

/** "Weekend sale" → "Weekend sale (copy)", then "(copy 2)"…, so the library never shows two identical names from a duplicate. */
function copyName(db: Db, base: string): string {
  const taken = new Set(templateNames(db));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = `${base.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A fresh, unarchived, never-used template with the same body, category and notes. */
export function duplicateTemplate(db: Db, id: number, at: string, name?: string): TemplateDetail {
  const source = getTemplate(db, id);
  return createTemplate(
    db,
    {
      name: name?.trim() || copyName(db, source.name),
      body: source.body,
      category: source.category,
      notes: source.notes,
      ...(source.channel === 'email' ? { channel: 'email' as const, subject: source.subject } : {}),
    },
    at,
  );
}

export function archiveTemplate(db: Db, id: number, at: string): TemplateDetail {
  getTemplate(db, id);
  setTemplateArchived(db, id, at);
  return getTemplate(db, id);
}

export function unarchiveTemplate(db: Db, id: number): TemplateDetail {
  getTemplate(db, id);
  setTemplateArchived(db, id, null);
  return getTemplate(db, id);
}

/**
 * Deletes a template, unless a campaign points at it: then it is archived, because the campaign's history (and
 * the foreign key) must keep pointing at the text it was sent with. The check and the change are one transaction.
 */
export function deleteTemplate(db: Db, id: number, at: string): TemplateDeleteResult {
  return transaction(db, (): TemplateDeleteResult => {
    const template = getTemplate(db, id);
    const campaigns = template.campaignCount;
    if (campaigns > 0) {
      setTemplateArchived(db, id, at);
      const used = campaigns === 1 ? 'is used by a campaign' : `is used by ${campaigns} campaigns`;
      return {
        id,
        outcome: 'archived',
        campaignCount: campaigns,
        message: `"${template.name}" ${used}, so it was archived instead of deleted: the campaign history keeps the text it was sent with. Archived templates are hidden from the library unless you show them.`,
      };
    }
    deleteTemplateRow(db, id);
    return { id, outcome: 'deleted', campaignCount: 0, message: `"${template.name}" was deleted.` };
  });
}

/**
 * For campaigns: records that the template was used at `at`. Never moves the date backwards, so a campaign
 * launched from an older schedule cannot hide a more recent use.
 */
export function markTemplateUsed(db: Db, id: number, at: string): void {
  if (touchTemplateUse(db, id, at) === 0) throw notFound(id);
}
