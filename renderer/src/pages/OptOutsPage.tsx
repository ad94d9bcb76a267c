import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Badge, EmptyState, ErrorBanner, Loading, PageHeader, formatWhen } from '../components/ui';

const SOURCE: Record<string, string> = { keyword: 'Replied with a keyword', manual: 'Changed by you', provider: 'Reported by provider', import: 'Import file', reconciliation: 'Found by reconciliation' };

export function OptOutsPage() {
  const q = useQuery(() => api.optouts.list({ limit: 200, offset: 0 }), [], ['optouts', 'inbox']);
  return (
    <section className="page">
      <PageHeader title="Opt-outs" subtitle="Every consent change, kept for at least four years." />
      <ErrorBanner message={q.error} />
      {q.loading && !q.data ? (
        <Loading />
      ) : q.data?.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>When</th>
              <th>Phone</th>
              <th>Change</th>
              <th>How</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {q.data.map((o) => (
              <tr key={o.id}>
                <td>{formatWhen(o.at)}</td>
                <td className="mono">{o.phone}</td>
                <td>{o.newState === 'opted_out' ? <Badge tone="bad">Opted out</Badge> : <Badge tone="good">Opted in</Badge>}</td>
                <td>{SOURCE[o.source] ?? o.source}</td>
                <td>{o.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState title="No opt-outs" icon="optouts">
          When someone texts STOP (or you opt them out by hand), it is recorded here and they are never texted again.
        </EmptyState>
      )}
    </section>
  );
}
