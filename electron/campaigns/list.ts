import type { CampaignRow, CampaignStatus, OutboxState } from '../../shared/types/domain';
import type { Kdb } from '../db/kysely';

export async function listCampaigns(
  kdb: Kdb,
  q: { includeArchived: boolean; abOnly?: boolean },
): Promise<CampaignRow[]> {
  let query = kdb.selectFrom('campaigns').selectAll();
  if (!q.includeArchived) query = query.where('archived_at', 'is', null);
  // The runs of a recurring campaign are listed on its series page, not one row each here.
  query = query.where('series_id', 'is', null);
  if (q.abOnly) query = query.where('ab_json', 'is not', null);
  const campaigns = await query.orderBy('created_at', 'desc').execute();
  if (!campaigns.length) return [];
  // Counts kept by triggers (migration 0008), not counted from the outbox on every refresh of the list.
  const counts = await kdb
    .selectFrom('outbox_state_counts')
    .select(['campaign_key', 'state', 'n'])
    .where('n', '>', 0)
    .where(
      'campaign_key',
      'in',
      campaigns.map((c) => c.id),
    )
    .execute();
  const byCampaign = new Map<number, Partial<Record<OutboxState, number>>>();
  for (const c of counts) {
    const m = byCampaign.get(c.campaign_key) ?? {};
    m[c.state as OutboxState] = Number(c.n);
    byCampaign.set(c.campaign_key, m);
  }
  return campaigns.map((c) => {
    const m = byCampaign.get(c.id) ?? {};
    return {
      id: c.id,
      name: c.name,
      status: c.status as CampaignStatus,
      provider: c.provider,
      isAbTest: c.ab_json !== null,
      scheduledAt: c.scheduled_at,
      createdAt: c.created_at,
      counts: m,
      total: Object.values(m).reduce((a, b) => a + (b ?? 0), 0),
    };
  });
}
