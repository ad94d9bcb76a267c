import type { TemplateRow } from '../../shared/types/domain';
import type { Kdb } from '../db/kysely';

export async function listTemplates(kdb: Kdb, q: { search?: string; includeArchived: boolean }): Promise<TemplateRow[]> {
  let query = kdb.selectFrom('templates').selectAll();
  if (!q.includeArchived) query = query.where('archived_at', 'is', null);
  const search = q.search?.trim();
  if (search) query = query.where((eb) => eb.or([eb('name', 'like', `%${search}%`), eb('body', 'like', `%${search}%`), eb('category', 'like', `%${search}%`)]));
  const rows = await query.orderBy('updated_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    body: r.body,
    category: r.category,
    notes: r.notes,
    archived: r.archived_at !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastUsedAt: r.last_used_at,
  }));
}
