import type { CampaignResultsView } from '../../../../shared/ipc/channels/analytics';
import { formatMoney } from '../../../../shared/analytics';
import { BarLabel } from './ReasonBars';

/** Revenue per conversion source (QuickBooks, imported orders, reply keywords…), so the owner sees where it came from. */
export function RevenueBySource({
  rows,
  currency,
  empty,
}: {
  rows: CampaignResultsView['conversionsBySource'];
  currency: string;
  empty: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.revenueMinor));
  return (
    <section className="an-card" aria-labelledby="an-revenue-sources" data-testid="revenue-by-source">
      <div className="an-card-head">
        <h2 id="an-revenue-sources">Revenue by source</h2>
      </div>
      {rows.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <table className="table an-data-table an-reasons">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col" className="num">
                Sales
              </th>
              <th scope="col" className="num">
                Revenue
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.source}>
                <BarLabel label={r.label} share={r.revenueMinor / max} />
                <td className="num">{r.count.toLocaleString()}</td>
                <td className="num">{formatMoney(r.revenueMinor, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
