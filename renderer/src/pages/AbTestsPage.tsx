import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Button, EmptyState, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { AbReportView } from '../components/abtests/AbReportView';
import { NewAbTestForm } from '../components/abtests/NewAbTestForm';
import { CampaignTable } from '../components/campaigns/CampaignTable';
import { usePageAction } from '../store/actions';

type View = { kind: 'list' } | { kind: 'new' } | { kind: 'report'; id: number; problem?: string };

export function AbTestsPage() {
  const [view, setView] = useState<View>({ kind: 'list' });
  const q = useQuery(() => api.abtests.list({}), [view.kind], ['campaigns']);
  const list = () => setView({ kind: 'list' });
  usePageAction('abtests.new', () => setView({ kind: 'new' }));
  if (view.kind === 'new')
    return <NewAbTestForm onCancel={list} onCreated={(id, problem) => setView({ kind: 'report', id, problem })} />;
  if (view.kind === 'report')
    return <AbReportView key={view.id} id={view.id} problem={view.problem ?? null} onBack={list} />;
  const open = (id: number) => setView({ kind: 'report', id });
  return (
    <section className="page">
      <PageHeader
        title="A/B tests"
        subtitle="Which message works better — answered with statistics, in plain words."
        actions={<Button onClick={() => setView({ kind: 'new' })}>New A/B test</Button>}
      />
      <ErrorBanner message={q.error} />
      {q.loading && !q.data ? (
        <Loading />
      ) : q.data?.length ? (
        <CampaignTable label="A/B tests" rows={q.data} onOpen={open} />
      ) : (
        <EmptyState title="No A/B tests yet" icon="abtests">
          Give a campaign two to five variants; we split the audience fairly and tell you which one won, and how sure we
          are.
        </EmptyState>
      )}
    </section>
  );
}
