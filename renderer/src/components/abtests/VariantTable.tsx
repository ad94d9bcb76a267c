import type { AbReport } from '../../../../shared/ipc/channels/abtests';
import { Table, type Column } from '../ui';
import { formatNumber, formatRate } from './format';

type Variant = AbReport['variants'][number];

const count = (header: string, pick: (v: Variant) => number): Column<Variant> => ({
  header,
  numeric: true,
  cell: (v) => formatNumber(pick(v)),
});

/** Per variant: what happened to its messages, and its rate with the interval it could really be in. */
export function VariantTable({ report }: { report: AbReport }) {
  const winner = report.verdict.winner;
  const basis = report.basis === 'delivered' ? 'delivered' : 'sent';
  const columns: Array<Column<Variant>> = [
    {
      header: 'Variant',
      cell: (v) => (
        <>
          <strong>{v.label}</strong>
          {winner === v.index && <span className="badge good ab-won">winner</span>}
          {v.subject !== null && (
            <div className="small ab-subject" title={v.subject}>
              Subject: {v.subject}
            </div>
          )}
          <div className="muted small ab-body" title={v.body}>
            {v.body}
          </div>
        </>
      ),
    },
    { header: 'Split', numeric: true, cell: (v) => `${v.ratio}%` },
    count('Sent', (v) => v.sent),
    count('Delivered', (v) => v.delivered),
    count('Failed', (v) => v.failed),
    {
      header: 'Clicked',
      numeric: true,
      cell: (v) => (
        <>
          {formatNumber(v.clicked)}
          {v.clicks > v.clicked && <div className="muted small">{formatNumber(v.clicks)} clicks</div>}
        </>
      ),
    },
    // E-mails get no replies (they come back to a number): the column is left out rather than shown as zeros.
    ...(report.channel === 'email' ? [] : [count('Replied', (v) => v.replied)]),
    count('Opted out', (v) => v.optedOut),
    count('Converted', (v) => v.converted),
    {
      header: 'Rate',
      numeric: true,
      className: 'ab-rate',
      title: `${report.metricNoun} per ${basis} message, ${Math.round(report.confidence * 100)}% interval`,
      cell: (v) =>
        v.rate === null ? (
          <span className="muted">—</span>
        ) : (
          <>
            <strong>{formatRate(v.rate)}</strong>
            <div className="muted small">
              {formatRate(v.interval!.low)}–{formatRate(v.interval!.high)}
            </div>
          </>
        ),
    },
  ];
  return (
    <div className="ab-table-wrap">
      <Table
        label="Variants"
        className="ab-table"
        columns={columns}
        rows={report.variants}
        rowKey={(v) => v.index}
        rowClassName={(v) => (winner === v.index ? 'ab-winner-row' : undefined)}
      />
    </div>
  );
}
