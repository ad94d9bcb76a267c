import { type Expression, type SqlBool } from 'kysely';
import type { AudienceFilter } from '../../shared/audience';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/db';
import { idList } from '../db/sql-fns';
import { audienceCondition, contactScope } from './filter';
import { editContactTags, insertTag, tagIdByName } from './queries-tags';
import { transaction } from '../db/transaction';

/** Tag ids for names, creating the tags that do not exist yet (names compare case-insensitively). */
export function ensureTagIds(db: Db, names: string[], nowIso: string): number[] {
  const ids = new Set<number>();
  for (const name of names) ids.add(tagIdByName(db, name) ?? insertTag(db, name, nowIso));
  return [...ids];
}

export type ContactSelection =
  { contactIds: number[]; filter?: undefined } | { filter: AudienceFilter; contactIds?: undefined };

/** The selection as a condition over `contacts c`. */
export function selectionWhere(db: Db, selection: ContactSelection, now: Date): Expression<SqlBool> {
  if (selection.filter) return audienceCondition(db, selection.filter, now);
  return contactScope()('c.id', 'in', idList(selection.contactIds));
}

/**
 * Adds, removes or sets tags on the selected contacts, in one transaction and in SQL (a filter may select a
 * million contacts). Returns how many contacts were selected.
 */
export function editTags(
  db: Db,
  selection: ContactSelection,
  tags: string[],
  mode: 'add' | 'remove' | 'set',
  now: Date,
): number {
  return transaction(
    db,
    () => {
      const where = selectionWhere(db, selection, now);
      const ids = mode === 'remove' ? existingTagIds(db, tags) : ensureTagIds(db, tags, now.toISOString());
      const selected = editContactTags(db, where, ids, mode);
      if (selection.contactIds && selected < new Set(selection.contactIds).size) {
        throw new AppError(
          'not_found',
          'Some of these contacts no longer exist (they may have been deleted). Nothing was changed; refresh the list.',
        );
      }
      return selected;
    },
    { immediate: true },
  );
}

function existingTagIds(db: Db, names: string[]): number[] {
  return names.map((n) => tagIdByName(db, n)).filter((id): id is number => id !== undefined);
}
