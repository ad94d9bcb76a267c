import type { TagCount } from '../../shared/ipc/channels/tags';
import type { SqliteDb } from '../db/connection';
import type { Handlers } from '../ipc/dispatch';

/** Every tag with the number of contacts carrying it; names sort the way the owner reads them (case-insensitive). */
export function tagCounts(db: SqliteDb): TagCount[] {
  return db
    .prepare<[], TagCount>(
      `SELECT t.name AS name, COUNT(ct.contact_id) AS count
       FROM tags t LEFT JOIN contact_tags ct ON ct.tag_id = t.id
       GROUP BY t.id ORDER BY t.name COLLATE NOCASE, t.id`,
    )
    .all();
}

export function createTagHandlers(core: { db: SqliteDb }): Pick<Handlers, 'contacts:tags'> {
  return {
    'contacts:tags': () => tagCounts(core.db),
  };
}
