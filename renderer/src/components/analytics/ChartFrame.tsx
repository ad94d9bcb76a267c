import { useId, useState, type ReactNode } from 'react';
import { Button, Table, type Column } from '../ui';

/** A chart's data as a table: the accessible view of every chart (and what a screen reader user gets). */
export interface ChartTable {
  columns: string[];
  /** Cells already formatted; the first column names the row. */
  rows: Array<Array<string | number>>;
}

/**
 * A titled chart with a "Show as table" toggle. The table is the same data the chart draws, so nothing a chart
 * says is out of reach for someone who cannot see it.
 */
export function ChartFrame({
  title,
  note,
  table,
  actions,
  children,
  className = '',
}: {
  title: string;
  note?: ReactNode;
  table: ChartTable;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  return (
    <figure className={`an-card an-chart-frame ${className}`} aria-labelledby={headingId}>
      <div className="an-card-head">
        <h2 id={headingId}>{title}</h2>
        <div className="an-card-tools">
          {actions}
          <Button variant="secondary" size="small" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
            {asTable ? 'Show as chart' : 'Show as table'}
          </Button>
        </div>
      </div>
      {asTable ? (
        <div className="an-table-scroll">
          <Table
            label={title}
            className="an-data-table"
            rows={table.rows.map((cells, r) => ({ cells, r }))}
            rowKey={(row) => row.r}
            columns={table.columns.map((c, i): Column<{ cells: Array<string | number>; r: number }> =>
              i === 0
                ? { header: c, rowHeader: true, cell: (row) => row.cells[0] }
                : {
                    header: c,
                    numeric: true,
                    cell: (row) => (typeof row.cells[i] === 'number' ? row.cells[i].toLocaleString() : row.cells[i]),
                  },
            )}
          />
        </div>
      ) : (
        children
      )}
      {note && <figcaption className="muted small an-note">{note}</figcaption>}
    </figure>
  );
}
