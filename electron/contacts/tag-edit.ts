import type { AudienceFilter } from '../../shared/audience';
import { AppError } from '../../shared/errors';
import type { SqliteDb } from '../db/connection';
import { audienceWhere, type SqlWhere } from './filter';

/** Tag ids for names, creating the tags that do not exist yet (names compare case-insensitively). */
export function ensureTagIds(db: SqliteDb, names: string[], nowIso: string): number[] {
  const find = db.prepare('SELECT id FROM tags WHERE name = ?').pluck();
  const insert = db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?)');
  const ids = new Set<number>();
  for (const name of names) {
    const id = (find.get(name) as number | undefined) ?? Number(insert.run(name, nowIso).lastInsertRowid);
    ids.add(id);
  }
  return [...ids];
}

export type ContactSelection = { contactIds: number[]; filter?: undefined } | { filter: AudienceFilter; contactIds?: undefined };

/** The selection as a WHERE clause over `contacts c`. */
export function selectionWhere(db: SqliteDb, selection: ContactSelection, now: Date): SqlWhere {
  if (selection.filter) return audienceWhere(db, selection.filter, now);
  return { sql: 'c.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(selection.contactIds)] };
}

/**
 * Adds, removes or sets tags on the selected contacts, in one transaction and in SQL (a filter may select a
 * million contacts). Returns how many contacts were selected.
 */
export function editTags(db: SqliteDb, selection: ContactSelection, tags: string[], mode: 'add' | 'remove' | 'set', now: Date): number {
  return db
    .transaction(() => {
      const where = selectionWhere(db, selection, now);
      db.exec('CREATE TEMP TABLE IF NOT EXISTS tag_edit_contacts (id INTEGER PRIMARY KEY)');
      db.exec('DELETE FROM temp.tag_edit_contacts');
      const selected = db.prepare(`INSERT INTO temp.tag_edit_contacts (id) SELECT c.id FROM contacts c WHERE ${where.sql}`).run(...where.params).changes;
      if (selection.contactIds && selected < new Set(selection.contactIds).size) {
        throw new AppError('not_found', 'Some of these contacts no longer exist (they may have been deleted). Nothing was changed; refresh the list.');
      }
      const ids = mode === 'remove' ? existingTagIds(db, tags) : ensureTagIds(db, tags, now.toISOString());
      const list = JSON.stringify(ids);
      if (mode === 'set') {
        db.prepare('DELETE FROM contact_tags WHERE contact_id IN (SELECT id FROM temp.tag_edit_contacts) AND tag_id NOT IN (SELECT value FROM json_each(?))').run(list);
      }
      if (mode === 'remove') {
        db.prepare('DELETE FROM contact_tags WHERE contact_id IN (SELECT id FROM temp.tag_edit_contacts) AND tag_id IN (SELECT value FROM json_each(?))').run(list);
      } else {
        db.prepare('INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) SELECT s.id, t.value FROM temp.tag_edit_contacts s, json_each(?) t').run(list);
      }
      db.exec('DELETE FROM temp.tag_edit_contacts');
      return selected;
    })
    .immediate();
}

function existingTagIds(db: SqliteDb, names: string[]): number[] {
  const find = db.prepare('SELECT id FROM tags WHERE name = ?').pluck();
  return names.map((n) => find.get(n) as number | undefined).filter((id): id is number => id !== undefined);
}
