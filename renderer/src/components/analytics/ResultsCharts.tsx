import { formatMoney } from '../../../../shared/analytics';
import type { CampaignResultsView, OutcomeTimelinePoint } from '../../../../shared/ipc/channels/analytics';
import { funnelBase } from '../../../../shared/reports/funnel';
import { ChartFrame } from './ChartFrame';
import { FunnelChart } from './FunnelChart';
import { TimeChart, type Series } from './TimeChart';
import { compact, formatPercent } from './format';

type T = OutcomeTimelinePoint;

/** The campaign's funnel and its outcomes over the time since sending, each with its table view. */
export function ResultsCharts({ view: v }: { view: CampaignResultsView }) {
  const timeline: Array<Series<T>> = [
    { key: 'replied', label: 'Replied', kind: 'bar', tone: 1, value: (p) => p.replied },
    { key: 'clicked', label: 'Clicked', kind: 'bar', tone: 2, value: (p) => p.clicked },
    { key: 'converted', label: 'Converted', kind: 'bar', tone: 5, value: (p) => p.converted },
    { key: 'optedOut', label: 'Opted out', kind: 'bar', tone: 3, value: (p) => p.optedOut },
  ];
  return (
    <div className="an-grid-2">
      <ChartFrame
        title="Funnel"
        table={{
          columns: ['Step', 'Recipients', 'Share'],
          rows: v.funnel.map((f) => [
            f.label,
            f.count.toLocaleString(),
            f.ofPrevious === null ? '—' : `${formatPercent(f.ofPrevious)} of ${funnelBase(f.step)}`,
          ]),
        }}
        note="Each step counts recipients once; shares are of the texts sent (delivered) or delivered (the rest)."
      >
        <FunnelChart
          steps={v.funnel.map((f) => ({
            key: f.step,
            label: f.label,
            count: f.count,
            ofPrevious: f.ofPrevious,
            ofWhat: funnelBase(f.step),
          }))}
          ariaLabel={`Funnel of ${v.name}: sent, delivered, clicked, replied, converted`}
        />
      </ChartFrame>
      <ChartFrame
        title="Outcomes since sending"
        table={{
          columns: ['Time since the first text', ...timeline.map((s) => s.label), 'Revenue'],
          rows: v.timeline.map((p) => [
            p.label,
            ...timeline.map((s) => s.value(p).toLocaleString()),
            formatMoney(p.revenueMinor, v.currency),
          ]),
        }}
        note="Hours for the first two days, then days: when people answered after the text went out."
      >
        {v.timeline.length === 0 ? (
          <p className="muted small">Outcomes appear here once the first text is out.</p>
        ) : (
          <TimeChart
            points={v.timeline}
            label={(p) => p.label}
            series={timeline}
            format={compact}
            ariaLabel={`Replies, clicks, conversions and opt-outs over time since ${v.name} was sent`}
            height={220}
          />
        )}
      </ChartFrame>
    </div>
  );
}
