import { formatMoney, hasRevenue } from '../../../../shared/analytics';
import type { TopCampaignRow } from '../../../../shared/ipc/channels/analytics';
import { formatPercent, formatRoi } from './format';
import { openResults } from './navigation';
import { TableCard } from './TableCard';
import { Button } from '../ui';

const HEAD = (
  <>
    <th scope="col">Campaign</th>
    <th scope="col" className="num">
      Sent
    </th>
    <th scope="col" className="num">
      Reply rate
    </th>
    <th scope="col" className="num">
      Revenue
    </th>
    <th scope="col" className="num">
      ROI
    </th>
  </>
);

/** The period's best campaigns by revenue, each opening its results page. */
export function TopCampaigns({ rows, currency }: { rows: TopCampaignRow[]; currency: string }) {
  return (
    <TableCard
      id="an-top-title"
      title="Top campaigns"
      empty="No campaign sent anything in this period."
      isEmpty={rows.length === 0}
      className="an-top"
      head={HEAD}
    >
      {rows.map((c) => (
        <tr key={c.id}>
          <th scope="row">
            <Button className="cw-link" onClick={() => openResults(c.id)}>
              {c.name}
            </Button>
          </th>
          <td className="num">{c.sent.toLocaleString()}</td>
          <td className="num">{formatPercent(c.replyRate)}</td>
          <td className="num">{formatMoney(c.revenueMinor, currency)}</td>
          <td className="num">{formatRoi(c.roi, hasRevenue(c))}</td>
        </tr>
      ))}
    </TableCard>
  );
}
