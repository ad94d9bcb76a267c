import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { EmptyState, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { CampaignTable } from './CampaignsPage';

export function AbTestsPage() {
  const q = useQuery(() => api.abtests.list({}), [], ['campaigns']);
  return (
    <section className="page">
      <PageHeader title="A/B tests" subtitle="Which message works better — answered with statistics, in plain words." />
      <ErrorBanner message={q.error} />
      {q.loading && !q.data ? (
        <Loading />
      ) : q.data?.length ? (
        <CampaignTable rows={q.data} />
      ) : (
        <EmptyState title="No A/B tests yet" icon="abtests">
          Give a campaign two to five variants; we split the audience fairly and tell you which one won, and how sure we are.
        </EmptyState>
      )}
    </section>
  );
}
