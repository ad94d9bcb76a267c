import { AppError } from '../../shared/errors';
import type { ContactContext } from '../../shared/templates';
import type { SqliteDb } from '../db/connection';
import { ownRecord } from '../../shared/own-keys';
import { preparedQuery } from '../db/prepared-query';
import { audiencePage, fieldIdsByKey, type AudienceFilter } from './queries';

export interface StreamOptions {
  /** Contacts read per query; between two chunks the event loop gets a turn. */
  chunkSize?: number;
  /** What to do between chunks; by default yields to the event loop so other IPC calls keep being answered. */
  pause?: () => Promise<void>;
  /** Checked between chunks: true abandons the pass with a `cancelled` error (a newer request replaced it). */
  shouldStop?: () => boolean;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Visits every audience contact in id order with the values a template needs, reading with a prepared
 * statement's iterator in keyset-paged chunks: memory stays flat for a million contacts, and the connection is
 * free between chunks (better-sqlite3 refuses other statements while an iterator is open).
 *
 * Only the custom fields the template uses are read. The contact object passed to `visit` is reused for the
 * next row: read it during the call, do not keep it.
 */
export async function streamAudience(
  db: SqliteDb,
  filter: AudienceFilter,
  fieldKeys: readonly string[],
  visit: (id: number, contact: ContactContext) => void,
  options: StreamOptions = {},
): Promise<void> {
  const chunkSize = options.chunkSize ?? 10_000;
  const pause = options.pause ?? yieldToEventLoop;
  const keys = [...new Set(fieldKeys)];
  const fieldIds = new Map(fieldIdsByKey(db, keys).map((f) => [f.key, f.id] as const));
  // A key with no custom field never has a value, so it is not selected at all.
  const selected = keys.filter((k) => fieldIds.has(k));
  const ids = selected.map((k) => fieldIds.get(k)!);

  const fields = ownRecord<string | null>();
  const contact: ContactContext & { fields: Record<string, string | null> } = {
    firstName: null,
    lastName: null,
    phone: null,
    email: null,
    fields,
  };
  // Built, compiled and prepared once for the whole pass: only where the page starts changes from one page to the next.
  const page = preparedQuery((v: { afterId: number }) => audiencePage(filter, ids, v.afterId, chunkSize));
  let afterId = 0;
  for (;;) {
    let read = 0;
    // hot path: a million contacts per measure; value arrays (in audiencePage's select order) skip an object per row.
    for (const row of page.iterateValues(db, { afterId })) {
      const id = row[0] as number;
      contact.phone = row[1] as string;
      contact.firstName = row[2] as string | null;
      contact.lastName = row[3] as string | null;
      contact.email = row[4] as string | null;
      for (let i = 0; i < selected.length; i++) fields[selected[i]] = row[5 + i] as string | null;
      visit(id, contact);
      afterId = id;
      read++;
    }
    if (read < chunkSize) return;
    await pause();
    if (options.shouldStop?.()) throw new AppError('cancelled', 'This measurement was replaced by a newer one.');
  }
}
