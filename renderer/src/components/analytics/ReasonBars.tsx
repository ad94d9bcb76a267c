import type { ReasonCount } from '../../../../shared/ipc/channels/analytics';
import type { Column } from '../ui';
import { TableCard } from './TableCard';

/** Counts by reason as a small table with a bar in each row: readable as text, and the bars show the proportions. */
export function ReasonBars({
  title,
  rows,
  empty,
  id,
}: {
  title: string;
  rows: ReasonCount[];
  empty: string;
  id: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <TableCard
      id={id}
      title={title}
      empty={empty}
      className="an-reasons"
      rows={rows}
      rowKey={(r) => r.code}
      columns={[
        barColumn<ReasonCount>(
          'Reason',
          (r) => r.label,
          (r) => r.count / max,
        ),
        { header: 'Recipients', numeric: true, cell: (r) => r.count.toLocaleString() },
      ]}
    />
  );
}

/** The column naming each row, with a bar of its share of the largest row (the figures are in the row's own cells). */
export function barColumn<Row>(header: string, label: (row: Row) => string, share: (row: Row) => number): Column<Row> {
  return {
    header,
    rowHeader: true,
    cell: (row) => (
      <>
        <span className="an-reason-label">{label(row)}</span>
        <span className="an-reason-track" aria-hidden="true">
          <span className="an-reason-fill" style={{ width: `${Math.max(2, share(row) * 100)}%` }} />
        </span>
      </>
    ),
  };
}
