import { currencyDigits, formatMoney } from '../../../../shared/analytics';
import type { AnalyticsSummaryView, SummaryPoint } from '../../../../shared/ipc/channels/analytics';
import { funnelBase, periodFunnel } from '../../../../shared/reports/funnel';
import { ChartFrame } from './ChartFrame';
import { FunnelChart } from './FunnelChart';
import { TimeChart, type Series } from './TimeChart';
import { compact, compactMoney, formatPercent } from './format';

type P = SummaryPoint;
const label = (p: P) => p.label;

/** The dashboard's charts over the period (by day, week or month), each with its table view. */
export function DashboardCharts({ summary: s }: { summary: AnalyticsSummaryView }) {
  const unit = 10 ** currencyDigits(s.currency);
  const money = (minor: number) => formatMoney(minor, s.currency);
  const by = s.bucket === 'day' ? 'day' : s.bucket === 'week' ? 'week' : 'month';

  const messages: Array<Series<P>> = [
    { key: 'sent', label: 'Sent', kind: 'bar', tone: 1, value: (p) => p.sent },
    { key: 'delivered', label: 'Delivered', kind: 'bar', tone: 2, value: (p) => p.delivered },
  ];
  const outcomes: Array<Series<P>> = [
    { key: 'replied', label: 'Replied', kind: 'line', tone: 1, value: (p) => p.replied },
    { key: 'clicked', label: 'Clicked', kind: 'line', tone: 2, value: (p) => p.clicked },
    { key: 'converted', label: 'Converted', kind: 'line', tone: 5, value: (p) => p.converted },
    { key: 'optedOut', label: 'Opted out', kind: 'line', tone: 3, value: (p) => p.optedOut },
  ];
  const cash: Array<Series<P>> = [
    { key: 'revenue', label: 'Revenue', kind: 'bar', tone: 5, value: (p) => p.revenueMinor / unit },
    { key: 'spend', label: 'Spend', kind: 'bar', tone: 3, value: (p) => p.spendMinor / unit },
  ];
  const growth: Array<Series<P>> = [
    { key: 'new', label: 'New contacts', kind: 'bar', tone: 1, value: (p) => p.newContacts },
    { key: 'optOuts', label: 'Opted out', kind: 'bar', tone: 3, value: (p) => p.optOuts },
  ];
  const table = (series: Array<Series<P>>, show: (n: number) => string = (n) => n.toLocaleString()) => ({
    columns: [by[0].toUpperCase() + by.slice(1), ...series.map((x) => x.label)],
    rows: s.series.map((p) => [p.label, ...series.map((x) => show(x.value(p)))]),
  });
  const funnel = periodFunnel(s.current);

  return (
    <>
      <div className="an-grid-2">
        <ChartFrame title="Messages" table={table(messages)}>
          <TimeChart
            points={s.series}
            label={label}
            series={messages}
            format={compact}
            ariaLabel={`Messages sent and delivered per ${by}`}
          />
        </ChartFrame>
        <ChartFrame title="Replies, clicks, conversions and opt-outs" table={table(outcomes)}>
          <TimeChart
            points={s.series}
            label={label}
            series={outcomes}
            format={compact}
            ariaLabel={`Replies, clicks, conversions and opt-outs per ${by}`}
          />
        </ChartFrame>
      </div>
      <div className="an-grid-2">
        <ChartFrame title="Revenue and spend" table={table(cash, (n) => money(Math.round(n * unit)))}>
          <TimeChart
            points={s.series}
            label={label}
            series={cash}
            format={(n) => compactMoney(n, s.currency)}
            ariaLabel={`Revenue and spend per ${by}`}
          />
        </ChartFrame>
        <ChartFrame
          title="List growth"
          table={table(growth)}
          note="New contacts (imported or added) against everyone who opted out, whatever the reason."
        >
          <TimeChart
            points={s.series}
            label={label}
            series={growth}
            format={compact}
            ariaLabel={`New contacts and opt-outs per ${by}`}
          />
        </ChartFrame>
      </div>
      <div className="an-stack">
        <ChartFrame
          title="Funnel"
          table={{
            columns: ['Step', 'Recipients', 'Share'],
            rows: funnel.map((f) => [
              f.label,
              f.count.toLocaleString(),
              f.ofPrevious === null ? '—' : `${formatPercent(f.ofPrevious)} of ${funnelBase(f.step)}`,
            ]),
          }}
        >
          <FunnelChart
            steps={funnel.map((f) => ({
              key: f.step,
              label: f.label,
              count: f.count,
              ofPrevious: f.ofPrevious,
              ofWhat: funnelBase(f.step),
            }))}
            ariaLabel="Funnel for the period: sent, delivered, clicked, replied, converted"
          />
        </ChartFrame>
      </div>
    </>
  );
}
