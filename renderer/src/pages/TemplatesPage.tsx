import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { EmptyState, ErrorBanner, Loading, PageHeader, formatWhen } from '../components/ui';

export function TemplatesPage() {
  const q = useQuery(() => api.templates.list({ includeArchived: false }), [], ['templates']);
  return (
    <section className="page">
      <PageHeader title="Templates" subtitle="Messages you write once and reuse." />
      <ErrorBanner message={q.error} />
      {q.loading && !q.data ? (
        <Loading />
      ) : q.data?.length ? (
        <div className="cards">
          {q.data.map((t) => (
            <article className="card" key={t.id}>
              <h3>{t.name}</h3>
              <p className="bubble">{t.body}</p>
              <p className="muted small">Updated {formatWhen(t.updatedAt)}</p>
            </article>
          ))}
        </div>
      ) : (
        <EmptyState title="No templates yet" icon="templates">
          Write a message with variables like {'{{first_name|there}}'} and reuse it in campaigns.
        </EmptyState>
      )}
    </section>
  );
}
