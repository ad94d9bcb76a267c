import type { AbReport } from '../../../../shared/ipc/channels/abtests';
import { formatNumber, formatRate } from './format';

/** Per variant: what happened to its messages, and its rate with the interval it could really be in. */
export function VariantTable({ report }: { report: AbReport }) {
  const winner = report.verdict.winner;
  const basis = report.basis === 'delivered' ? 'delivered' : 'sent';
  return (
    <div className="ab-table-wrap">
      <table className="table ab-table">
        <thead>
          <tr>
            <th>Variant</th>
            <th className="num">Split</th>
            <th className="num">Sent</th>
            <th className="num">Delivered</th>
            <th className="num">Failed</th>
            <th className="num">Clicked</th>
            <th className="num">Replied</th>
            <th className="num">Opted out</th>
            <th className="num">Converted</th>
            <th
              className="num"
              title={`${report.metricNoun} per ${basis} message, ${Math.round(report.confidence * 100)}% interval`}
            >
              Rate
            </th>
          </tr>
        </thead>
        <tbody>
          {report.variants.map((v) => (
            <tr key={v.index} className={winner === v.index ? 'ab-winner-row' : undefined}>
              <td>
                <strong>{v.label}</strong>
                {winner === v.index && <span className="badge good ab-won">winner</span>}
                <div className="muted small ab-body" title={v.body}>
                  {v.body}
                </div>
              </td>
              <td className="num">{v.ratio}%</td>
              <td className="num">{formatNumber(v.sent)}</td>
              <td className="num">{formatNumber(v.delivered)}</td>
              <td className="num">{formatNumber(v.failed)}</td>
              <td className="num">
                {formatNumber(v.clicked)}
                {v.clicks > v.clicked && <div className="muted small">{formatNumber(v.clicks)} clicks</div>}
              </td>
              <td className="num">{formatNumber(v.replied)}</td>
              <td className="num">{formatNumber(v.optedOut)}</td>
              <td className="num">{formatNumber(v.converted)}</td>
              <td className="num ab-rate">
                {v.rate === null ? (
                  <span className="muted">—</span>
                ) : (
                  <>
                    <strong>{formatRate(v.rate)}</strong>
                    <div className="muted small">
                      {formatRate(v.interval!.low)}–{formatRate(v.interval!.high)}
                    </div>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
