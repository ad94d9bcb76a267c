import type { CampaignRow, CampaignStatus, OutboxState } from '../../shared/types/domain';
import type { Kdb } from '../db/kysely';

export async function listCampaigns(kdb: Kdb, q: { includeArchived: boolean; abOnly?: boolean }): Promise<CampaignRow[]> {
  let query = kdb.selectFrom('campaigns').selectAll();
  if (!q.includeArchived) query = query.where('archived_at', 'is', null);
  if (q.abOnly) query = query.where('ab_json', 'is not', null);
  const campaigns = await query.orderBy('created_at', 'desc').execute();
  if (!campaigns.length) return [];
  const counts = await kdb
    .selectFrom('outbox_messages')
    .select(['campaign_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', '=', 'campaign')
    .where(
      'campaign_id',
      'in',
      campaigns.map((c) => c.id),
    )
    .groupBy(['campaign_id', 'state'])
    .execute();
  const byCampaign = new Map<number, Partial<Record<OutboxState, number>>>();
  for (const c of counts) {
    const m = byCampaign.get(c.campaign_id!) ?? {};
    m[c.state as OutboxState] = Number(c.n);
    byCampaign.set(c.campaign_id!, m);
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
