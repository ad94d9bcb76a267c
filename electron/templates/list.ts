import type { Selectable } from 'kysely';
import type { Channel, TemplateRow } from '../../shared/types/domain';
import type { Kdb } from '../db/kysely';
import type { DB } from '../db/schema';
import { containsPattern, likeInsensitive } from '../db/sql-fns';

/**
 * The library, most recently edited first. Search looks in the name, the text and the category; `%` and `_`
 * typed by the owner are matched literally, not as SQL wildcards.
 */
export async function listTemplates(
  kdb: Kdb,
  q: { search?: string; includeArchived: boolean; channel?: Channel },
): Promise<TemplateRow[]> {
  let query = kdb.selectFrom('templates').selectAll();
  if (q.channel) query = query.where('channel', '=', q.channel);
  if (!q.includeArchived) query = query.where('archived_at', 'is', null);
  const search = q.search?.trim();
  if (search) {
    const like = containsPattern(search);
    query = query.where((eb) =>
      eb.or([
        likeInsensitive(eb.ref('name'), like),
        likeInsensitive(eb.ref('body'), like),
        likeInsensitive(eb.ref('category'), like),
      ]),
    );
  }
  const rows = await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(templateRow);
}

/** A templates table row as the UI sees it. */
export function templateRow(r: Selectable<DB['templates']>): TemplateRow {
  return {
    id: r.id,
    name: r.name,
    body: r.body,
    category: r.category,
    notes: r.notes,
    channel: r.channel,
    subject: r.subject,
    archived: r.archived_at !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastUsedAt: r.last_used_at,
  };
}
