import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Button, Badge, EmptyState, ErrorBanner, Loading } from '../components/ui';
import { STATUS_LABEL, STATUS_TONE } from '../components/campaigns/format';
import { useResultsId } from '../components/analytics/navigation';
import { ResultsFigures } from '../components/analytics/ResultsFigures';
import { ResultsCharts } from '../components/analytics/ResultsCharts';
import { ReasonBars } from '../components/analytics/ReasonBars';
import { RevenueBySource } from '../components/analytics/RevenueBySource';
import { RecipientsTable } from '../components/analytics/RecipientsTable';
import { MarkConversionButton } from '../components/analytics/MarkConversion';
import { ResultsSummary } from '../components/ai/ResultsSummary';
import { ExportCsv } from '../components/analytics/ExportCsv';
import { ChannelBreakdown } from '../components/analytics/ChannelBreakdown';
import { useApp } from '../store/app';

/** One campaign's results: what it achieved, what it cost, whether it paid, and who did what. */
export function CampaignResultsPage() {
  const id = useResultsId();
  const go = useApp((s) => s.go);
  const [version, setVersion] = useState(0);
  const q = useQuery(
    () => (id ? api.analytics.campaignResults({ campaignId: id }) : Promise.resolve(undefined)),
    [id, version],
    ['campaigns', 'inbox', 'settings'],
  );
  const v = q.data;
  const back = (
    <Button className="cw-back" onClick={() => go('campaigns')}>
      ← Campaigns
    </Button>
  );
  if (!id) {
    return (
      <section className="page an-page">
        {back}
        <EmptyState title="Which campaign?" icon="campaigns">
          Open a campaign from the list to see its results.
        </EmptyState>
      </section>
    );
  }
  if (!v) {
    return (
      <section className="page an-page">
        {back}
        <ErrorBanner message={q.error} />
        {!q.error && <Loading />}
      </section>
    );
  }
  return (
    <section className="page an-page">
      {back}
      <header className="page-header">
        <div>
          <h1>Results: {v.name}</h1>
          <p className="cd-meta">
            <Badge tone={STATUS_TONE[v.status]}>{STATUS_LABEL[v.status]}</Badge>
            {v.isAbTest && <Badge tone="info">A/B test</Badge>}
            <span className="muted small">
              {v.firstSentAt
                ? `First text ${new Date(v.firstSentAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`
                : 'Nothing sent yet'}
            </span>
          </p>
        </div>
        <div className="actions">
          {v.isAbTest && (
            <Button variant="secondary" onClick={() => go('abtests')}>
              A/B report
            </Button>
          )}
          <ExportCsv campaignId={v.id} />
          <MarkConversionButton
            target={{ phone: true }}
            currency={v.currency}
            onDone={() => setVersion((n) => n + 1)}
          />
        </div>
      </header>
      <ErrorBanner message={q.error} />
      <p className="an-windows small" data-testid="results-windows">
        {v.windowsNote} Rates are per delivered text (delivery per sent text); ranges are 95% intervals.
      </p>
      <ResultsSummary campaignId={v.id} sent={v.sent} />
      <ResultsFigures view={v} />
      <ChannelBreakdown view={v} />
      <ResultsCharts view={v} />
      <div className="an-grid-2">
        <ReasonBars
          id="an-undelivered"
          title="Not delivered, by reason"
          rows={v.undeliveredByReason}
          empty="Every text handed over so far was delivered."
        />
        <ReasonBars
          id="an-optouts"
          title="Opt-outs, by how"
          rows={v.optOutsBySource}
          empty="Nobody opted out after this campaign."
        />
      </div>
      <RevenueBySource
        rows={v.conversionsBySource}
        currency={v.currency}
        empty="No sale or booking is attributed to this campaign yet (QuickBooks, imported orders, reply keywords or marked by hand)."
      />
      <RecipientsTable view={v} version={version} />
    </section>
  );
}
