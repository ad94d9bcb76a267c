import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Badge, EmptyState, ErrorBanner, Loading, PageHeader, formatWhen } from '../components/ui';

export function InboxPage() {
  const q = useQuery(() => api.inbox.conversations({ limit: 100, offset: 0 }), [], ['inbox']);
  return (
    <section className="page">
      <PageHeader title="Inbox" subtitle="Replies from your contacts." />
      <ErrorBanner message={q.error} />
      {q.loading && !q.data ? (
        <Loading />
      ) : q.data?.length ? (
        <ul className="list">
          {q.data.map((c) => (
            <li key={c.contactId} className={c.unread ? 'unread' : ''}>
              <div className="list-main">
                <strong>{c.name ?? c.phone}</strong> {c.optedOut && <Badge tone="bad">Opted out</Badge>}
                <div className="muted">{c.lastMessage}</div>
              </div>
              <div className="list-side">
                <span className="muted small">{formatWhen(c.lastAt)}</span>
                {c.unread > 0 && <Badge tone="info">{c.unread}</Badge>}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No replies yet" icon="inbox">
          When contacts answer your messages, their conversations appear here.
        </EmptyState>
      )}
    </section>
  );
}
