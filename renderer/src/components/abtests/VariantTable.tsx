import type { AbReport } from '../../../../shared/ipc/channels/abtests';
import { Table, type Column } from '../ui';
import { formatNumber, formatRate } from './format';

type Variant = AbReport['variants'][number];

const count = (header: string, pick: (v: Variant) => number, title?: string): Column<Variant> => ({
  header,
  numeric: true,
  ...(title ? { title } : {}),
  cell: (v) => formatNumber(pick(v)),
});

const clickedColumn: Column<Variant> = {
  header: 'Clicked',
  numeric: true,
  cell: (v) => (
    <>
      {formatNumber(v.clicked)}
      {v.clicks > v.clicked && <div className="muted small">{formatNumber(v.clicks)} clicks</div>}
    </>
  ),
};

/** A call test's guard: who pressed the do-not-call key, and their share of the answered calls. */
const optOutKeyColumn: Column<Variant> = {
  header: 'Opt-out key',
  numeric: true,
  title:
    'Pressed the opt-out key during the call, and their share of the answered calls: a variant that annoys people shows here',
  cell: (v) => (
    <>
      {formatNumber(v.optedOut)}
      {v.delivered > 0 && <div className="muted small">{formatRate(v.optedOut / v.delivered)}</div>}
    </>
  ),
};

/** Per variant: what happened to its messages, and its rate with the interval it could really be in. */
export function VariantTable({ report }: { report: AbReport }) {
  const winner = report.verdict.winner;
  const calls = report.channel === 'voice';
  const basis = calls
    ? report.basis === 'delivered'
      ? 'answered call'
      : 'placed call'
    : report.basis === 'delivered'
      ? 'delivered message'
      : 'sent message';
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
          {/* A call test shows its scripts whole above the table (CallScripts). */}
          {!calls && (
            <div className="muted small ab-body" title={v.body}>
              {v.body}
            </div>
          )}
        </>
      ),
    },
    { header: 'Split', numeric: true, cell: (v) => `${v.ratio}%` },
    count(calls ? 'Placed' : 'Sent', (v) => v.sent),
    ...(calls
      ? [
          count('Answered', (v) => v.delivered, 'Picked up by a person or a voicemail (Twilio’s status callbacks)'),
          count('Missed', (v) => v.failed, 'Not answered: busy, no answer, or the call could not be placed'),
        ]
      : [count('Delivered', (v) => v.delivered), count('Failed', (v) => v.failed)]),
    // Calls carry no link to click: the column is left out rather than shown as zeros.
    ...(calls ? [] : [clickedColumn]),
    // E-mails get no replies (they come back to a number): the column is left out rather than shown as zeros.
    ...(report.channel === 'sms' ? [count('Replied', (v) => v.replied)] : []),
    calls ? optOutKeyColumn : count('Opted out', (v) => v.optedOut),
    count('Converted', (v) => v.converted),
    {
      header: 'Rate',
      numeric: true,
      className: 'ab-rate',
      title: `${report.metricNoun} per ${basis}, ${Math.round(report.confidence * 100)}% interval`,
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
