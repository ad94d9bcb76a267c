import type { ReactNode } from 'react';
import './ui.css';

export interface Column<Row> {
  /** The header text; also the accessible name of the column. */
  header: ReactNode;
  cell(row: Row): ReactNode;
  /** Figures are right-aligned in tabular digits. */
  numeric?: boolean;
  className?: string;
  /** A tooltip on the header, for a column whose name needs a word more. */
  title?: string;
  /** A class for one cell by its row (a failure's details in red). */
  cellClassName?(row: Row): string | undefined;
  /** A tooltip on each cell: the whole text of a clipped one. */
  cellTitle?(row: Row): string | undefined;
  /** The column that names its row (a header cell, scope="row"). */
  rowHeader?: boolean;
  /** How the rows are sorted by this column, for a column the owner can sort by (its header holds the button). */
  sort?: 'ascending' | 'descending' | 'none';
  /** A click in this cell is for its own buttons: it does not open the row. */
  ownClicks?: boolean;
}

/**
 * A table of rows under headers, on a panel. `label` names it for a screen reader; `scroll` lets a wide table scroll
 * sideways inside a focusable, named region (so the keyboard can scroll it too) instead of pushing the page wider.
 * `plain` leaves out the panel, for a table in a dialog that draws its own; `footer` holds tfoot rows (totals);
 * `onRowClick` opens a row (a button or link inside it should still be there for the keyboard).
 */
export function Table<Row>({
  label,
  columns,
  rows,
  rowKey,
  empty,
  scroll = false,
  plain = false,
  className,
  rowClassName,
  onRowClick,
  rowData,
  footer,
  headersHidden = false,
  caption,
}: {
  label: string;
  columns: Array<Column<Row>>;
  rows: Row[];
  rowKey(row: Row): string | number;
  empty?: ReactNode;
  scroll?: boolean;
  className?: string;
  /** A class for a row that stands out (the winner, the selected one). */
  rowClassName?(row: Row): string | undefined;
  onRowClick?(row: Row): void;
  /** data-* attributes of a row, for the tests and the styles that look for them, and `aria-current` for the row
   * a filter or a selection marks. */
  rowData?(row: Row): Record<`data-${string}`, string> & { 'aria-current'?: 'true' };
  footer?: ReactNode;
  plain?: boolean;
  /** A title drawn above the table (it names the table too, with `label`). */
  caption?: ReactNode;
  /** The headers are read out but not drawn, for a two-column list of labelled figures whose rows say it all. */
  headersHidden?: boolean;
}) {
  const classOf = (c: Column<Row>, row?: Row) =>
    [c.numeric ? 'num' : '', c.className ?? '', row !== undefined ? (c.cellClassName?.(row) ?? '') : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const table = (
    <table className={[plain ? '' : 'table', className].filter(Boolean).join(' ') || undefined} aria-label={label}>
      {caption && <caption>{caption}</caption>}
      <thead className={headersHidden ? 'sr-only' : undefined}>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" title={c.title} className={classOf(c)} aria-sort={c.sort}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && empty ? (
          <tr>
            <td colSpan={columns.length} className="muted">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr
              key={rowKey(row)}
              className={rowClassName?.(row)}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              {...rowData?.(row)}
            >
              {columns.map((c, i) =>
                c.rowHeader ? (
                  <th key={i} scope="row" className={classOf(c, row)} title={c.cellTitle?.(row)}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td
                    key={i}
                    className={classOf(c, row)}
                    title={c.cellTitle?.(row)}
                    onClick={c.ownClicks ? (e) => e.stopPropagation() : undefined}
                  >
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))
        )}
      </tbody>
      {footer && <tfoot>{footer}</tfoot>}
    </table>
  );
  if (!scroll) return table;
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {table}
    </div>
  );
}
