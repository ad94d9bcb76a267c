import type { ResultsSortKey, useResultsColumns } from './useResultsColumns';
import './analytics.css';
import { Button } from '../ui';

/** A results column's header: a button that sorts by it (highest first, then lowest, then back to the list order). */
export function ResultsHeader({
  column,
  label,
  results,
}: {
  column: ResultsSortKey;
  label: string;
  results: ReturnType<typeof useResultsColumns>;
}) {
  const active = results.sort?.key === column;
  const direction = active ? (results.sort!.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th className="num" aria-sort={direction}>
      <Button className="an-sort" onClick={() => results.toggle(column)} title={`Sort by ${label.toLowerCase()}`}>
        {label}
        <span aria-hidden="true" className="an-sort-mark">
          {active ? (results.sort!.descending ? '▼' : '▲') : '↕'}
        </span>
      </Button>
    </th>
  );
}
