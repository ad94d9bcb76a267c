import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Button, EmptyState, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { defaultPeriod, periodRange, PeriodPicker, type Period } from '../components/analytics/PeriodPicker';
import { rangeWords } from '../components/analytics/format';
import { DashboardFigures } from '../components/analytics/DashboardFigures';
import { DashboardCharts } from '../components/analytics/DashboardCharts';
import { TopCampaigns } from '../components/analytics/TopCampaigns';
import { ExportCsv } from '../components/analytics/ExportCsv';
import { ImportOrdersButton } from '../components/analytics/ImportOrders';
import { ReportsCard } from '../components/analytics/ReportsCard';
import { useApp } from '../store/app';
import { RevenueBySource } from '../components/analytics/RevenueBySource';
import { DashboardChannels } from '../components/analytics/DashboardChannels';

/** The executive dashboard: did the texts bring customers in this period, and was it worth the money? */
export function DashboardPage() {
  const [period, setPeriod] = useState<Period>(() => defaultPeriod(new Date()));
  const go = useApp((s) => s.go);
  const range = periodRange(period, new Date());
  const q = useQuery(
    () => (range ? api.analytics.summary({ ...range, bucket: period.bucket, top: 5 }) : Promise.resolve(undefined)),
    [range, period.bucket],
    ['campaigns', 'inbox', 'contacts', 'settings'],
  );
  const s = q.data;

  return (
    <section className="page an-page">
      <PageHeader title="Dashboard" subtitle="Did your texts bring customers, and was it worth the money?" />
      <div className="an-toolbar">
        <PeriodPicker value={period} onChange={setPeriod} />
        {s && (
          <span className="an-compare">{`${rangeWords(s.current.from, s.current.to)}, compared with ${rangeWords(s.previous.from, s.previous.to)}`}</span>
        )}
        {s?.anythingSent && (
          <span className="an-export">
            <ImportOrdersButton currency={s.currency} />
            <ExportCsv />
          </span>
        )}
      </div>
      {!range && <ErrorBanner message="Choose a start date on or before the end date." />}
      <ErrorBanner message={q.error} />
      {!s ? (
        range && <Loading />
      ) : !s.anythingSent ? (
        <EmptyState title="Nothing sent yet" icon="dashboard">
          <p>
            Once your first campaign goes out, this page shows what it brought: replies, clicks, sales, what it cost and
            whether it paid off.
          </p>
          <Button onClick={() => go('campaigns')}>Go to campaigns</Button>
        </EmptyState>
      ) : (
        <>
          <DashboardFigures summary={s} />
          <DashboardChannels summary={s} />
          <DashboardCharts summary={s} />
          <div className="an-grid-2">
            <TopCampaigns rows={s.topCampaignRows} currency={s.currency} />
            <ReportsCard />
          </div>
          <RevenueBySource
            rows={s.revenueBySource}
            currency={s.currency}
            empty="No sale or booking was attributed to a campaign in this period."
          />
          <p className="muted small an-note" data-testid="dashboard-windows">
            {s.windowsNote} {s.dayNote}
          </p>
        </>
      )}
    </section>
  );
}
