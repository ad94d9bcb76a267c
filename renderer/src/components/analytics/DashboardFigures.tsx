import { formatMoney, hasRevenue } from '../../../../shared/analytics';
import type { AnalyticsSummaryView } from '../../../../shared/ipc/channels/analytics';
import { Kpi } from './Kpi';
import { formatChange, formatPercent, formatRoi } from './format';

/** A rate's change in points against the previous period: "▲ 1.2 pts". */
function pointsChange(
  current: number | null,
  previous: number | null,
): { text: string; direction: 'up' | 'down' | 'flat' } | undefined {
  if (current === null || previous === null) return undefined;
  const d = (current - previous) * 100;
  if (Math.abs(d) < 0.05) return { text: 'no change', direction: 'flat' };
  return { text: `${d > 0 ? '▲' : '▼'} ${Math.abs(d).toFixed(1)} pts`, direction: d > 0 ? 'up' : 'down' };
}

/** The period's headline figures, each against the period before. */
export function DashboardFigures({ summary: s }: { summary: AnalyticsSummaryView }) {
  const cur = s.current;
  const prev = s.previous;
  const money = (minor: number) => formatMoney(minor, s.currency);
  const revenueRecorded = hasRevenue(cur);
  // With e-mails or calls in the period, say which messages a figure is about.
  const textsOnly = s.channels.every((c) => c.channel === 'sms');
  return (
    <div className="an-kpis" aria-label="Figures for the period">
      <Kpi
        testId="kpi-sent"
        label="Sent"
        value={cur.sent.toLocaleString()}
        change={formatChange(s.change.sent, cur.sent)}
        detail={`${cur.delivered.toLocaleString()} delivered`}
      />
      <Kpi
        testId="kpi-spend"
        label="Spend"
        value={money(cur.spendMinor)}
        change={formatChange(s.change.spendMinor, cur.spendMinor)}
        inverse
        detail={`before: ${money(prev.spendMinor)}`}
      />
      <Kpi
        testId="kpi-revenue"
        label="Revenue"
        value={money(cur.revenueMinor)}
        change={formatChange(s.change.revenueMinor, cur.revenueMinor)}
        detail={`${cur.converted.toLocaleString()} conversions`}
      />
      <Kpi
        testId="kpi-roi"
        label="ROI"
        value={formatRoi(cur.roi, revenueRecorded)}
        words={!revenueRecorded}
        detail={`before: ${formatRoi(prev.roi, hasRevenue(prev))}`}
      />
      <Kpi
        testId="kpi-reply"
        label="Reply rate"
        value={formatPercent(cur.rates.reply)}
        change={pointsChange(cur.rates.reply, prev.rates.reply)}
        detail={`${cur.replied.toLocaleString()} replied${textsOnly ? '' : ' · of texts delivered'}`}
      />
      <Kpi
        testId="kpi-click"
        label="Click rate"
        value={formatPercent(cur.rates.click)}
        change={pointsChange(cur.rates.click, prev.rates.click)}
        detail={`${cur.clicked.toLocaleString()} clicked`}
      />
      <Kpi
        testId="kpi-optout"
        label="Opt-out rate"
        value={formatPercent(cur.rates.optOut)}
        change={pointsChange(cur.rates.optOut, prev.rates.optOut)}
        inverse
        detail={`${cur.optedOut.toLocaleString()} after a ${textsOnly ? 'text' : 'message'}`}
      />
      <Kpi
        testId="kpi-growth"
        label="List growth"
        value={`${cur.newContacts - cur.optOuts >= 0 ? '+' : '−'}${Math.abs(cur.newContacts - cur.optOuts).toLocaleString()}`}
        detail={`${cur.newContacts.toLocaleString()} new, ${cur.optOuts.toLocaleString()} opted out`}
      />
    </div>
  );
}
