import { sql } from 'kysely';
import type { Channel, TemplateRow } from '../../shared/types/domain';
import type { Kdb } from '../db/kysely';

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
    const like = `%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`name LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`body LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`category LIKE ${like} ESCAPE '\\'`,
      ]),
    );
  }
  const rows = await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(templateRow);
}

/** A templates table row as the UI sees it. */
export function templateRow(r: {
  id: number;
  name: string;
  body: string;
  category: string | null;
  notes: string | null;
  channel: Channel;
  subject: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  last_used_at: string | null;
}): TemplateRow {
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
