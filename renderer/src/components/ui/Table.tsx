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
}

/**
 * A table of rows under headers, on a panel. `label` names it for a screen reader; `scroll` lets a wide table scroll
 * sideways inside a focusable, named region (so the keyboard can scroll it too) instead of pushing the page wider.
 */
export function Table<Row>({
  label,
  columns,
  rows,
  rowKey,
  empty,
  scroll = false,
  className,
  rowClassName,
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
}) {
  const table = (
    <table className={['table', className].filter(Boolean).join(' ')} aria-label={label}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th
              key={i}
              scope="col"
              title={c.title}
              className={[c.numeric ? 'num' : '', c.className ?? ''].filter(Boolean).join(' ') || undefined}
            >
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
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((c, i) => (
                <td
                  key={i}
                  className={[c.numeric ? 'num' : '', c.className ?? ''].filter(Boolean).join(' ') || undefined}
                >
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
  if (!scroll) return table;
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {table}
    </div>
  );
}
