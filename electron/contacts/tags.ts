import type { SqliteDb } from '../db/connection';
import type { Handlers } from '../ipc/dispatch';
import { tagCountRows } from './queries-tags';

export function createTagHandlers(core: { db: SqliteDb }): Pick<Handlers, 'contacts:tags'> {
  return {
    'contacts:tags': () => tagCountRows(core.db),
  };
}
