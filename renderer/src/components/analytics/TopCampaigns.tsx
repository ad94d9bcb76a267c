import { formatMoney, hasRevenue } from '../../../../shared/analytics';
import type { TopCampaignRow } from '../../../../shared/ipc/channels/analytics';
import { formatPercent, formatRoi } from './format';
import { openResults } from './navigation';
import { TableCard } from './TableCard';
import { Button } from '../ui';

/** The period's best campaigns by revenue, each opening its results page. */
export function TopCampaigns({ rows, currency }: { rows: TopCampaignRow[]; currency: string }) {
  return (
    <TableCard
      id="an-top-title"
      title="Top campaigns"
      empty="No campaign sent anything in this period."
      className="an-top"
      rows={rows}
      rowKey={(c) => c.id}
      columns={[
        {
          header: 'Campaign',
          rowHeader: true,
          cell: (c) => (
            <Button className="cw-link" onClick={() => openResults(c.id)}>
              {c.name}
            </Button>
          ),
        },
        { header: 'Sent', numeric: true, cell: (c) => c.sent.toLocaleString() },
        { header: 'Reply rate', numeric: true, cell: (c) => formatPercent(c.replyRate) },
        { header: 'Revenue', numeric: true, cell: (c) => formatMoney(c.revenueMinor, currency) },
        { header: 'ROI', numeric: true, cell: (c) => formatRoi(c.roi, hasRevenue(c)) },
      ]}
    />
  );
}
