import type { Db } from '../db/db';
import type { Handlers } from '../ipc/dispatch';
import { tagCountRows } from './queries-tags';

export function createTagHandlers(core: { db: Db }): Pick<Handlers, 'contacts:tags'> {
  return {
    'contacts:tags': () => tagCountRows(core.db),
  };
}
