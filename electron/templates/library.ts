import { templateRow } from './list';
import { AppError } from '../../shared/errors';
import type { TemplateDeleteResult, TemplateDetail } from '../../shared/ipc/channels/templates';
import type { SqliteDb } from '../db/connection';

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
}

interface TemplateDbRow {
  id: number;
  name: string;
  body: string;
  category: string | null;
  notes: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  last_used_at: string | null;
  campaign_count: number;
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

export function findTemplate(db: SqliteDb, id: number): TemplateDetail | null {
  const row = db
    .prepare<[number], TemplateDbRow>(
      'SELECT t.*, (SELECT COUNT(*) FROM campaigns c WHERE c.template_id = t.id) AS campaign_count FROM templates t WHERE t.id = ?',
    )
    .get(id);
  return row ? toDetail(row) : null;
}

export function getTemplate(db: SqliteDb, id: number): TemplateDetail {
  const found = findTemplate(db, id);
  if (!found) throw notFound(id);
  return found;
}

export function createTemplate(db: SqliteDb, fields: TemplateFields, at: string): TemplateDetail {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO templates (name, body, category, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(fields.name.trim(), fields.body, blankToNull(fields.category), blankToNull(fields.notes), at, at);
  return getTemplate(db, Number(lastInsertRowid));
}

/** Changes only the fields given; `updated_at` moves only when something actually changed, and `changed` says whether it did. */
export function updateTemplate(db: SqliteDb, id: number, patch: Partial<TemplateFields>, at: string): { template: TemplateDetail; changed: boolean } {
  const current = getTemplate(db, id);
  const next = {
    name: patch.name === undefined ? current.name : patch.name.trim(),
    body: patch.body ?? current.body,
    category: patch.category === undefined ? current.category : blankToNull(patch.category),
    notes: patch.notes === undefined ? current.notes : blankToNull(patch.notes),
  };
  const changed = next.name !== current.name || next.body !== current.body || next.category !== current.category || next.notes !== current.notes;
  if (!changed) return { template: current, changed: false };
  db.prepare('UPDATE templates SET name = ?, body = ?, category = ?, notes = ?, updated_at = ? WHERE id = ?').run(
    next.name,
    next.body,
    next.category,
    next.notes,
    at,
    id,
  );
  return { template: getTemplate(db, id), changed: true };
}

/** "Weekend sale" → "Weekend sale (copy)", then "(copy 2)"…, so the library never shows two identical names from a duplicate. */
function copyName(db: SqliteDb, base: string): string {
  const taken = new Set(db.prepare<[], string>('SELECT name FROM templates').pluck().all());
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = `${base.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A fresh, unarchived, never-used template with the same body, category and notes. */
export function duplicateTemplate(db: SqliteDb, id: number, at: string, name?: string): TemplateDetail {
  const source = getTemplate(db, id);
  return createTemplate(db, { name: name?.trim() || copyName(db, source.name), body: source.body, category: source.category, notes: source.notes }, at);
}

export function archiveTemplate(db: SqliteDb, id: number, at: string): TemplateDetail {
  getTemplate(db, id);
  db.prepare('UPDATE templates SET archived_at = coalesce(archived_at, ?) WHERE id = ?').run(at, id);
  return getTemplate(db, id);
}

export function unarchiveTemplate(db: SqliteDb, id: number): TemplateDetail {
  getTemplate(db, id);
  db.prepare('UPDATE templates SET archived_at = NULL WHERE id = ?').run(id);
  return getTemplate(db, id);
}

/**
 * Deletes a template, unless a campaign points at it: then it is archived, because the campaign's history (and
 * the foreign key) must keep pointing at the text it was sent with. The check and the change are one transaction.
 */
export function deleteTemplate(db: SqliteDb, id: number, at: string): TemplateDeleteResult {
  return db.transaction((): TemplateDeleteResult => {
    const template = getTemplate(db, id);
    const campaigns = template.campaignCount;
    if (campaigns > 0) {
      db.prepare('UPDATE templates SET archived_at = coalesce(archived_at, ?) WHERE id = ?').run(at, id);
      const used = campaigns === 1 ? 'is used by a campaign' : `is used by ${campaigns} campaigns`;
      return {
        id,
        outcome: 'archived',
        campaignCount: campaigns,
        message: `"${template.name}" ${used}, so it was archived instead of deleted: the campaign history keeps the text it was sent with. Archived templates are hidden from the library unless you show them.`,
      };
    }
    db.prepare('DELETE FROM templates WHERE id = ?').run(id);
    return { id, outcome: 'deleted', campaignCount: 0, message: `"${template.name}" was deleted.` };
  })();
}

/**
 * For campaigns: records that the template was used at `at`. Never moves the date backwards, so a campaign
 * launched from an older schedule cannot hide a more recent use.
 */
export function markTemplateUsed(db: SqliteDb, id: number, at: string): void {
  const { changes } = db
    .prepare('UPDATE templates SET last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < ? THEN ? ELSE last_used_at END WHERE id = ?')
    .run(at, at, id);
  if (changes === 0) throw notFound(id);
}
