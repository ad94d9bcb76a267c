import { Table, type Column } from '../ui';

/**
 * A titled card holding one small table, or a sentence when there is nothing to list: the frame the dashboard's
 * top campaigns, the results page's reasons and its revenue by source share (their columns differ).
 */
export function TableCard<Row>({
  id,
  title,
  empty,
  className,
  columns,
  rows,
  rowKey,
  testId,
}: {
  id: string;
  title: string;
  empty: string;
  className: string;
  columns: Array<Column<Row>>;
  rows: Row[];
  rowKey(row: Row): string | number;
  testId?: string;
}) {
  return (
    <section className="an-card" aria-labelledby={id} data-testid={testId}>
      <div className="an-card-head">
        <h2 id={id}>{title}</h2>
      </div>
      {rows.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <Table label={title} className={`an-data-table ${className}`} columns={columns} rows={rows} rowKey={rowKey} />
      )}
    </section>
  );
}
