import { formatMoney, hasRevenue } from '../../../../shared/analytics';
import type { TopCampaignRow } from '../../../../shared/ipc/channels/analytics';
import { formatPercent, formatRoi } from './format';
import { openResults } from './navigation';

/** The period's best campaigns by revenue, each opening its results page. */
export function TopCampaigns({ rows, currency }: { rows: TopCampaignRow[]; currency: string }) {
  return (
    <section className="an-card" aria-labelledby="an-top-title">
      <div className="an-card-head">
        <h2 id="an-top-title">Top campaigns</h2>
      </div>
      {rows.length === 0 ? (
        <p className="muted small">No campaign sent anything in this period.</p>
      ) : (
        <table className="table an-data-table an-top">
          <thead>
            <tr>
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
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <button type="button" className="cw-link" onClick={() => openResults(c.id)}>
                    {c.name}
                  </button>
                </th>
                <td className="num">{c.sent.toLocaleString()}</td>
                <td className="num">{formatPercent(c.replyRate)}</td>
                <td className="num">{formatMoney(c.revenueMinor, currency)}</td>
                <td className="num">{formatRoi(c.roi, hasRevenue(c))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
