import type { ContactSort, ContactSortColumn } from '../../../../shared/ipc/channels/contacts';
import { Button } from '../ui';
import { COLUMNS, FIRST_DIRECTION } from './contact-columns';
import type { ContactSelection } from './useSelection';

function SortHeader({
  label,
  column,
  sort,
  onSort,
}: {
  label: string;
  column: ContactSortColumn;
  sort: ContactSort;
  onSort(s: ContactSort): void;
}) {
  const on = sort.by === column;
  const next: ContactSort = on
    ? { by: column, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
    : { by: column, direction: FIRST_DIRECTION[column] };
  return (
    <Button
      className={`ct-sort${on ? ' on' : ''}`}
      onClick={() => onSort(next)}
      title={`Sort by ${label.toLowerCase()}`}
    >
      {label}
      <span className="ct-sort-arrow" aria-hidden="true">
        {on ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
      </span>
    </Button>
  );
}

/** The contact table's header row: the select-all box, and the sortable column titles. */
export function ContactTableHead({
  sort,
  onSort,
  selection,
  onToggleAll,
}: {
  sort: ContactSort;
  onSort(s: ContactSort): void;
  selection: ContactSelection;
  onToggleAll(): void;
}) {
  return (
    <div role="rowgroup" className="ct-head">
      <div role="row" aria-rowindex={1} className="ct-row">
        {COLUMNS.map((c, i) => (
          <div
            role="columnheader"
            key={c.label}
            className={`ct-cell${i === 0 ? ' ct-name' : ''}`}
            aria-sort={
              c.sort
                ? sort.by === c.sort
                  ? sort.direction === 'asc'
                    ? 'ascending'
                    : 'descending'
                  : 'none'
                : undefined
            }
          >
            {i === 0 && (
              // Kept raw: the grid header's select-all box, bare beside the sort button and partly ticked by its ref.
              <input
                type="checkbox"
                className="ct-check-box"
                aria-label={selection.count > 0 ? 'Clear selection' : 'Select all shown'}
                checked={selection.count > 0}
                ref={(el) => {
                  if (el) el.indeterminate = selection.count > 0 && !selection.allShown;
                }}
                onChange={onToggleAll}
              />
            )}
            {c.sort ? <SortHeader label={c.label} column={c.sort} sort={sort} onSort={onSort} /> : c.label}
          </div>
        ))}
      </div>
    </div>
  );
}
