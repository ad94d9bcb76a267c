import type { CampaignResultsView } from '../../../../shared/ipc/channels/analytics';
import { formatMoney } from '../../../../shared/analytics';
import { barColumn } from './ReasonBars';
import { TableCard } from './TableCard';

type Source = CampaignResultsView['conversionsBySource'][number];

/** Revenue per conversion source (QuickBooks, imported orders, reply keywords…), so the owner sees where it came from. */
export function RevenueBySource({ rows, currency, empty }: { rows: Source[]; currency: string; empty: string }) {
  const max = Math.max(1, ...rows.map((r) => r.revenueMinor));
  return (
    <TableCard
      id="an-revenue-sources"
      title="Revenue by source"
      empty={empty}
      className="an-reasons"
      testId="revenue-by-source"
      rows={rows}
      rowKey={(r) => r.source}
      columns={[
        barColumn<Source>(
          'Source',
          (r) => r.label,
          (r) => r.revenueMinor / max,
        ),
        { header: 'Sales', numeric: true, cell: (r) => r.count.toLocaleString() },
        { header: 'Revenue', numeric: true, cell: (r) => formatMoney(r.revenueMinor, currency) },
      ]}
    />
  );
}
