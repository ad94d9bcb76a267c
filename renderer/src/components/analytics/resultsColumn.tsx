import type { ReactNode } from 'react';
import type { ResultsSortKey, useResultsColumns } from './useResultsColumns';
import './analytics.css';
import { Button, type Column } from '../ui';

/**
 * A results column (reply rate, revenue, ROI) of a ui Table: its header is a button that sorts by it (highest first,
 * then lowest, then back to the list order), and the header says how the rows are sorted.
 */
export function resultsColumn<Row>(
  column: ResultsSortKey,
  label: string,
  results: ReturnType<typeof useResultsColumns>,
  cell: (row: Row) => ReactNode,
): Column<Row> {
  const active = results.sort?.key === column;
  const descending = results.sort?.descending ?? false;
  return {
    header: (
      <Button className="an-sort" onClick={() => results.toggle(column)} title={`Sort by ${label.toLowerCase()}`}>
        {label}
        <span aria-hidden="true" className="an-sort-mark">
          {active ? (descending ? '▼' : '▲') : '↕'}
        </span>
      </Button>
    ),
    numeric: true,
    sort: active ? (descending ? 'descending' : 'ascending') : 'none',
    cell,
  };
}
