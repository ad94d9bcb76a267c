import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Badge, EmptyState, ErrorBanner, Loading, PageHeader, formatWhen } from '../components/ui';
import type { CampaignRow } from '../../../shared/types/domain';

const TONE: Record<CampaignRow['status'], 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  draft: 'neutral',
  scheduled: 'info',
  sending: 'info',
  paused: 'warn',
  completed: 'good',
  cancelled: 'bad',
};

export function CampaignTable({ rows }: { rows: CampaignRow[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Status</th>
          <th>Progress</th>
          <th>Delivered</th>
          <th>Failed</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => {
          const done = (c.counts.delivered ?? 0) + (c.counts.failed ?? 0) + (c.counts.undelivered ?? 0) + (c.counts.sent ?? 0) + (c.counts.skipped ?? 0);
          const pct = c.total ? Math.round((done / c.total) * 100) : 0;
          return (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>
                <Badge tone={TONE[c.status]}>{c.status}</Badge>
              </td>
              <td>
                <div className="progress" aria-label={`${pct}% done`}>
                  <div style={{ width: `${pct}%` }} />
                </div>
              </td>
              <td>{c.counts.delivered ?? 0}</td>
              <td>{(c.counts.failed ?? 0) + (c.counts.undelivered ?? 0)}</td>
              <td>{formatWhen(c.createdAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function CampaignsPage() {
  const q = useQuery(() => api.campaigns.list({ includeArchived: false }), [], ['campaigns']);
  return (
    <section className="page">
      <PageHeader title="Campaigns" subtitle="Send a message to an audience, at an hour the law allows, exactly once." />
      <ErrorBanner message={q.error} />
      {q.loading && !q.data ? (
        <Loading />
      ) : q.data?.length ? (
        <CampaignTable rows={q.data} />
      ) : (
        <EmptyState title="No campaigns yet" icon="campaigns">
          Pick an audience, write a message, and schedule it. The built-in Sandbox lets you try it with no account.
        </EmptyState>
      )}
    </section>
  );
}
